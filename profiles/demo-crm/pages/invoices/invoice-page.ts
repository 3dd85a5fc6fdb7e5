import type { Locator } from '@playwright/test';
import { pageLoad, type Settled } from '../../../../pages/components/press.js';
import { AppShell } from '../app-shell.js';
import { Dialog } from '../../../../pages/components/dialog.js';
import { Form } from '../../../../pages/components/form.js';

export interface PaymentInput {
  /** dollars as typed, "1234.56" */
  amount: string;
  /** YYYY-MM-DD; the form proposes today when left out */
  paidOn?: string;
  method: 'Bank transfer' | 'Card' | 'Check' | 'Cash';
  reference?: string;
}

/** One invoice: status, total / paid / open balance, due date, payments, and Record payment. */
export class InvoicePage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly recordPaymentButton = this.page.getByRole('main').getByRole('button', { name: 'Record payment', exact: true });
  readonly payments = this.page.getByRole('table', { name: 'Payments' });
  /** after a refused payment the fields are shown inline with their errors */
  readonly refusedPaymentForm = new Form(this.page, this.page.getByRole('form', { name: 'Record payment' }), pageLoad);

  async open(invoiceId: number): Promise<void> {
    await this.goto(`/invoices/${invoiceId}`);
  }

  id(): number {
    const match = /\/invoices\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`${this.page.url()} is not an invoice page`);
    return Number(match[1]);
  }

  /** number, account, order, owner, issuedAt, dueAt, total, paid, openBalance */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  paymentRows(): Locator {
    return this.payments.locator('tbody').getByRole('row');
  }

  /** The Payments table as shown: per row date, method, reference and amount. */
  async paymentsShown(): Promise<string[][]> {
    return this.paymentRows().evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((c) => c.innerText.trim())));
  }

  paymentAmounts(): Locator {
    return this.payments.getByTestId('payment-amount');
  }

  /** The open Record payment dialog. */
  readonly paymentDialog = new Dialog(this.page, /^Record payment on /, pageLoad);
  /** what the payment form says when its answer did not come (network failure, no answer in time) */
  readonly paymentProblem = this.paymentDialog.root.getByTestId('submit-problem');

  /**
   * Records a payment through the Record payment dialog; the page reloads with the result (`until`:
   * another sign; `doubleClick`: an impatient user double-clicks Save payment).
   */
  async recordPayment(payment: PaymentInput, o: { until?: Settled; doubleClick?: boolean } = {}): Promise<void> {
    await this.paymentDialog.openWith(this.recordPaymentButton);
    await this.paymentDialog.form.fill({
      'Amount ($)': payment.amount,
      ...(payment.paidOn ? { 'Payment date': payment.paidOn } : {}),
      Method: { option: payment.method },
      Reference: payment.reference ?? '',
    });
    await (o.doubleClick ? this.paymentDialog.form.submitTwice('Save payment', o.until) : this.paymentDialog.form.submit('Save payment', o.until));
  }

  /** Presses Save payment again in the dialog still open, with what was typed. */
  async savePaymentAgain(until: Settled = pageLoad): Promise<void> {
    await this.paymentDialog.form.submit('Save payment', until);
  }
}
