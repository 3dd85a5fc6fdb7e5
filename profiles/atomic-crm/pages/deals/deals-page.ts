import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DEAL_STAGES, dealCardTitle, type DealData, type DealStage } from '../../data/records.js';
import { DealDialog, DealForm } from './deal-dialog.js';

/**
 * Deals: the board, one column per stage (Opportunity → Proposal Sent → In Negotiation → Won / Lost,
 * and Delayed), each card "<company> - <deal>" with its amount. A deal moves between columns by
 * drag and drop or through its Edit form's Stage; the flows use the form (deterministic, and the
 * path a keyboard user has).
 */
export class DealsPage extends AppShell {
  readonly newDealLink = this.main.getByRole('link', { name: 'New Deal', exact: true });

  async open(): Promise<this> {
    await this.openSection('Deals');
    await this.column('Opportunity').first().waitFor();
    return this;
  }

  /** A stage's column: its heading, its total and its cards. */
  column(stage: DealStage): Locator {
    const heading = (name: DealStage) => this.page.getByRole('heading', { name, exact: true, level: 3 });
    const others = DEAL_STAGES.filter((s) => s !== stage).map(heading);
    let column = this.main.locator('div').filter({ has: heading(stage) });
    for (const other of others) column = column.filter({ hasNot: other });
    return column;
  }

  /** The deal's card wherever it is on the board. */
  card(deal: Pick<DealData, 'company' | 'name'>): Locator {
    return this.main.getByRole('button', { name: dealCardTitle(deal) });
  }

  /** The deal's card if it is in `stage`'s column. */
  cardIn(stage: DealStage, deal: Pick<DealData, 'company' | 'name'>): Locator {
    return this.column(stage).getByRole('button', { name: dealCardTitle(deal) });
  }

  /** Opens the board, creates the deal (it starts as an Opportunity) and waits for its card. */
  async create(deal: DealData): Promise<void> {
    await this.open();
    await this.newDealLink.click();
    const form = new DealForm(this.page);
    await form.fill(deal);
    await form.save();
    await this.cardIn('Opportunity', deal).waitFor();
  }

  /** Opens the deal from its card. */
  async openDeal(deal: Pick<DealData, 'company' | 'name'>): Promise<DealDialog> {
    await this.card(deal).click();
    const dialog = new DealDialog(this.page);
    await dialog.ready(deal.name);
    return dialog;
  }

  /** Moves the deal to `stage` (card → Edit → Stage → Save → Close) and waits for its card there. */
  async moveTo(deal: Pick<DealData, 'company' | 'name'>, stage: DealStage): Promise<void> {
    const dialog = await this.openDeal(deal);
    await dialog.changeStage(deal.name, stage);
    await dialog.close();
    await this.cardIn(stage, deal).waitFor();
  }
}
