import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';

/** One account: its fields, including the money roll-ups (lifetime revenue, open balance), and its tabs. */
export class AccountDetailPage extends AppShell {
  readonly lifetimeRevenue = this.page.getByTestId('field-lifetimeRevenue');
  readonly openBalance = this.page.getByTestId('field-openBalance');

  async open(accountId: number): Promise<void> {
    await this.goto(`/accounts/${accountId}`);
  }

  /** The account's id, from the page address (/accounts/:id). */
  id(): number {
    const match = /\/accounts\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`${this.page.url()} is not an account page`);
    return Number(match[1]);
  }

  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  tab(label: string): Locator {
    return this.page.getByRole('tab', { name: label, exact: true });
  }

  tabPanel(label: string): Locator {
    return this.page.getByRole('tabpanel', { name: label, exact: true });
  }

  async showTab(label: string): Promise<Locator> {
    await this.tab(label).click();
    const panel = this.tabPanel(label);
    await panel.waitFor();
    return panel;
  }
}
