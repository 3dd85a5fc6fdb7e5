import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad, press, type Settled } from '../../../../pages/components/press.js';
import { QuoteLinePage } from './quote-line-page.js';

export interface QuoteLineInput {
  /** the product is picked by its SKU from the price book list */
  sku: string;
  quantity: number | string;
  /** as a person types it: "12.5" */
  discountPercent: string;
}

/** The quote builder: lines, the totals box, workflow buttons and the approval history. */
export class QuotePage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly lines = this.page.getByRole('table', { name: 'Quote lines' });
  readonly subtotal = this.page.getByTestId('quote-subtotal');
  readonly tax = this.page.getByTestId('quote-tax');
  readonly grandTotal = this.page.getByTestId('quote-grand-total');
  readonly addLineForm = new Form(this.page, this.page.getByRole('form', { name: 'Add line' }), pageLoad);
  /** what the Add line form says when its answer did not come (network failure, no answer in time) */
  readonly addLineProblem = this.addLineForm.root.getByTestId('submit-problem');
  readonly submitForApprovalButton = this.button('Submit for approval');
  readonly sendButton = this.button('Send');
  readonly acceptButton = this.button('Mark accepted');
  readonly reopenButton = this.button('Reopen for editing');
  /** a refused action (409) explained in an alert */
  readonly actionError = this.page.getByTestId('action-error');
  readonly rejectionComment = this.page.getByTestId('rejection-comment');
  readonly approvalHistory = this.page.getByRole('table', { name: 'Approval history' });

  private button(name: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name, exact: true });
  }

  /** number, opportunity, account, owner, maxDiscount, approvalLevel, approvedBy, rejectionComment, order */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  async open(quoteId: number): Promise<void> {
    await this.goto(`/quotes/${quoteId}`);
  }

  id(): number {
    const match = /\/quotes\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`${this.page.url()} is not a quote page`);
    return Number(match[1]);
  }

  async number(): Promise<string> {
    return (await this.field('number').innerText()).trim();
  }

  /** The row of one line, found by its SKU cell. */
  line(sku: string): Locator {
    return this.lines.getByRole('row').filter({ has: this.page.getByRole('cell', { name: sku, exact: true }) });
  }

  lineAmount(sku: string, amount: 'net' | 'tax' | 'total' | 'quantity' | 'discount' | 'unit-price'): Locator {
    return this.line(sku).getByTestId(`line-${amount}`);
  }

  /** The line's Edit discount control: a disabled button while the discount is locked, a link when it is not. */
  editDiscountControl(sku: string): Locator {
    const name = { name: 'Edit discount', exact: true };
    return this.line(sku).getByRole('button', name).or(this.line(sku).getByRole('link', name));
  }

  /** The price book entry the Add line form offers for a SKU (none for a retired product). */
  productOffered(sku: string): Locator {
    return this.addLineForm.field('Product').getByRole('option', { name: `(${sku})` });
  }

  /** Picks the product by SKU, types quantity and discount, and presses Add line (`until`: another sign than the page load). */
  async addLine(line: QuoteLineInput, until: Settled = pageLoad): Promise<void> {
    const product = this.addLineForm.field('Product');
    const option = product.getByRole('option', { name: `(${line.sku})` });
    const label = (await option.textContent())?.trim();
    if (!label) throw new Error(`No product with SKU ${line.sku} in the price book list`);
    await product.selectOption({ label });
    await this.addLineForm.fill({ Quantity: String(line.quantity), 'Discount %': line.discountPercent });
    await this.addLineForm.submit('Add line', until);
  }

  /** Presses Add line again, with what the form still holds. */
  async addLineAgain(): Promise<void> {
    await this.addLineForm.submit('Add line');
  }

  async submitForApproval(): Promise<void> {
    await press(this.submitForApprovalButton, pageLoad);
  }

  async send(): Promise<void> {
    await press(this.sendButton, pageLoad);
  }

  async markAccepted(): Promise<void> {
    await press(this.acceptButton, pageLoad);
  }

  async reopenForEditing(): Promise<void> {
    await press(this.reopenButton, pageLoad);
  }

  /** Opens a draft line's Edit screen, changes quantity and/or discount, and saves back to the quote. */
  async editLine(sku: string, change: { quantity?: number; discountPercent?: string }): Promise<void> {
    await this.line(sku).getByRole('link', { name: 'Edit', exact: true }).click();
    const linePage = new QuoteLinePage(this.page);
    await linePage.ready();
    await linePage.change(change);
  }

  async openOrder(): Promise<void> {
    await this.field('order').getByRole('link').click();
    await this.ready();
  }
}
