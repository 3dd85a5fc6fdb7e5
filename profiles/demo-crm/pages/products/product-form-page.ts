import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad } from '../../../../pages/components/press.js';

/** A product's edit form (admin): the price book entry, and whether new quotes may still use it. */
export class ProductFormPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('main').getByRole('form'), pageLoad);

  async openEdit(productId: number): Promise<void> {
    await this.goto(`/products/${productId}/edit`);
  }

  /** Retires the product: clears "Active" and saves; the CRM answers with the product's page. */
  async retire(): Promise<void> {
    await this.form.fill({ 'Active (can be added to new quotes)': { checked: false } });
    await this.form.submit('Save changes');
  }
}
