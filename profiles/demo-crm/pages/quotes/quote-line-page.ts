import { AppShell } from '../app-shell.js';
import { pageLoad } from '../../../../pages/components/press.js';
import { Form } from '../../../../pages/components/form.js';

/** Editing one quote line (quantity and discount while Draft); saving returns to the quote. */
export class QuoteLinePage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('form', { name: 'Edit line' }), pageLoad);
  /** why the line cannot be changed, when it cannot */
  readonly refusal = this.page.getByRole('main').getByRole('alert');

  async change(change: { quantity?: number; discountPercent?: string }): Promise<void> {
    await this.form.fill({
      ...(change.quantity === undefined ? {} : { Quantity: String(change.quantity) }),
      ...(change.discountPercent === undefined ? {} : { 'Discount %': change.discountPercent }),
    });
    await this.form.submit('Save line');
  }
}
