import type { Locator, Page } from '@playwright/test';
import { choose, pickRecord } from '../components/choice.js';
import type { DealData, DealStage } from '../../data/records.js';

/**
 * A deal opened from the board (#/deals/:id/show): a dialog over the board with the deal's name,
 * budget and stage, Edit (the same dialog turns into the form) and Close.
 */
export class DealDialog {
  readonly dialog: Locator;
  readonly editLink: Locator;
  readonly closeButton: Locator;
  /** the details line: "Expected closing date … Budget $48.25K Stage Proposal Sent" */
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.editLink = this.dialog.getByRole('link', { name: 'Edit', exact: true });
    this.closeButton = this.dialog.getByRole('button', { name: 'Close', exact: true });
    this.details = this.dialog.getByText(/Budget/);
  }

  /** The dialog shows the deal `name` (not its form). */
  async ready(name: string): Promise<void> {
    await this.dialog.getByRole('heading', { name, exact: true, level: 2 }).waitFor();
  }

  /** Edit → Stage → Save; resolves once the deal's details say the new stage. */
  async changeStage(name: string, stage: DealStage): Promise<void> {
    await this.editLink.click();
    await this.dialog.getByRole('heading', { name: `Deal ${name}`, exact: true }).waitFor();
    await choose(this.page, this.dialog.getByRole('combobox', { name: 'Stage', exact: true }), stage);
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await this.ready(name);
    await this.dialog.getByText(new RegExp(`Stage\\s*${stage}$`)).waitFor();
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}

/** The Create Deal dialog of the board. */
export class DealForm {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: 'Create Deal', exact: true }) });
  }

  async fill(deal: DealData): Promise<void> {
    await this.dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(deal.name);
    await pickRecord(this.page, this.dialog.getByRole('combobox', { name: 'Company', exact: true }), deal.company);
    await choose(this.page, this.dialog.getByRole('combobox', { name: 'Category', exact: true }), deal.category);
    await this.dialog.getByRole('spinbutton', { name: 'Budget', exact: true }).fill(String(deal.amount));
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
