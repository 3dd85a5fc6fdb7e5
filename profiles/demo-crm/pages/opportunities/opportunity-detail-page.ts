import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { pageLoad, press } from '../../../../pages/components/press.js';

/** One opportunity: stage badge, amount, probability, and its Quotes tab (New quote). */
export class OpportunityDetailPage extends AppShell {
  readonly stage = this.page.getByRole('main').getByTestId('status');
  readonly readOnlyNotice = this.page.getByTestId('read-only-notice');
  readonly newQuoteButton = this.page.getByRole('button', { name: 'New quote', exact: true });
  readonly quotesTab = this.page.getByRole('tab', { name: 'Quotes', exact: true });

  async open(opportunityId: number): Promise<void> {
    await this.goto(`/opportunities/${opportunityId}`);
  }

  /** account, contact, amount, stage, probability, closeDate, owner, lossReason, closedAt */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  id(): number {
    const match = /\/opportunities\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`${this.page.url()} is not an opportunity page`);
    return Number(match[1]);
  }

  /** Opens the Quotes tab and starts a new quote; the CRM answers with the new quote's page. */
  async startQuote(): Promise<void> {
    await this.quotesTab.click();
    await press(this.newQuoteButton, pageLoad);
  }
}
