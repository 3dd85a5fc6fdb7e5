import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { pageLoad, press } from '../../../../pages/components/press.js';

/** One order: its totals, lines, and (for finance) Issue invoice. */
export class OrderPage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly issueInvoiceButton = this.page.getByRole('main').getByRole('button', { name: 'Issue invoice', exact: true });

  async open(orderId: number): Promise<void> {
    await this.goto(`/orders/${orderId}`);
  }

  /** number, account, opportunity, owner, subtotal, tax, total, invoice, createdAt */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  /** Issues the invoice; the CRM answers with the new invoice's page. */
  async issueInvoice(): Promise<void> {
    await press(this.issueInvoiceButton, pageLoad);
  }
}
