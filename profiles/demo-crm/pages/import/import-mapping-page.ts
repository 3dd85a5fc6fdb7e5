import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad } from '../../../../pages/components/press.js';
import { ImportReviewPage } from './import-review-page.js';

/** Step 2: the preview of the first rows, one column select per field, the mode and the default owner. */
export class ImportMappingPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('form', { name: 'Column mapping' }), pageLoad);
  /** "<file> · N rows · <encoding>" */
  readonly uploadSummary = this.page.getByTestId('upload-summary');
  readonly preview = this.page.getByTestId('import-preview');

  /** The select of one field, by its header ("Email", "First name (required)"). */
  columnOf(field: string): Locator {
    return this.form.root.getByRole('combobox', { name: new RegExp(`^${field}( \\(required\\))?$`) });
  }

  /** Existing records (same match key): skip them, or update them with the file's values. */
  async chooseExisting(mode: 'create' | 'update'): Promise<void> {
    await this.form.root.getByRole('combobox', { name: /that already exist/ }).selectOption(mode);
  }

  /** The owner of new records (the user's username in brackets in the option). */
  async chooseDefaultOwner(username: string): Promise<void> {
    const select = this.form.root.getByRole('combobox', { name: /^Owner of new / });
    const value = await select.locator('option', { hasText: `(${username})` }).getAttribute('value');
    if (value === null) throw new Error(`No default-owner option for ${username}`);
    await select.selectOption(value);
  }

  /** Validates every row with the chosen mapping (a dry run) and shows what the import will do. */
  async validateRows(): Promise<ImportReviewPage> {
    await this.form.submit('Validate rows');
    const review = new ImportReviewPage(this.page);
    await review.plan.waitFor();
    return review;
  }
}
