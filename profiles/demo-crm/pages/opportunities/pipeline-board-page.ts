import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { Dialog } from '../../../../pages/components/dialog.js';
import { pageLoad, press } from '../../../../pages/components/press.js';

/** "Closed Won" → "closed-won", as the board names its columns' test ids. */
const slug = (stage: string): string => stage.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * The pipeline board: one region per stage with its count, total and probability, and one card per
 * opportunity carrying its Move to … / Mark as lost buttons.
 */
export class PipelineBoardPage extends AppShell {
  async open(): Promise<void> {
    await this.goto('/opportunities/board');
  }

  /** Each column's count and total as shown, by test id (board-count-<slug>, board-total-<slug>). */
  async figures(): Promise<Map<string, string>> {
    const main = this.page.getByRole('main');
    return new Map([...(await this.textsByTestId(main, 'board-count-')), ...(await this.textsByTestId(main, 'board-total-'))]);
  }

  column(stage: string): Locator {
    return this.page.getByRole('region', { name: stage, exact: true });
  }

  /** "50%": the probability the column header shows for its stage. */
  columnProbability(stage: string): Locator {
    return this.page.getByTestId(`board-probability-${slug(stage)}`);
  }

  card(stage: string, opportunityName: string): Locator {
    return this.column(stage).getByRole('listitem', { name: opportunityName, exact: true });
  }

  /** The opportunity's card wherever it is on the board. */
  anyCard(opportunityName: string): Locator {
    return this.page.getByRole('main').getByRole('listitem', { name: opportunityName, exact: true });
  }

  /** Presses the card's Move to <next stage> button; the board reloads with the card in its new column. */
  async moveCard(opportunityName: string, from: string, to: string): Promise<void> {
    await press(this.card(from, opportunityName).getByRole('button', { name: `Move to ${to}`, exact: true }), pageLoad);
  }

  async markLost(opportunityName: string, stage: string, reason: string): Promise<void> {
    const dialog = new Dialog(this.page, `Mark ${opportunityName} as lost`, pageLoad);
    await dialog.openWith(this.card(stage, opportunityName).getByRole('button', { name: 'Mark as lost', exact: true }));
    await dialog.confirm('Mark as lost', { 'Loss reason': reason });
  }
}
