import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad, press } from '../../../../pages/components/press.js';
import { ImportResultPage } from './import-result-page.js';

/** Step 3: what the import will do (rows, create, update, skip, reject), then the import button. */
export class ImportReviewPage extends AppShell {
  readonly plan = this.page.getByTestId('import-plan');
  readonly rejectedRows = this.page.getByTestId('rejected-rows');
  readonly runForm = new Form(this.page, this.page.getByRole('form', { name: 'Run the import' }), pageLoad);
  readonly runButton = this.runForm.root.getByRole('button');

  /** One planned count: rows, create, update, skip, reject. */
  count(kind: 'rows' | 'create' | 'update' | 'skip' | 'reject'): Locator {
    return this.plan.getByTestId(`field-${kind}`);
  }

  /** Runs the import and waits for its result page. */
  async runImport(): Promise<ImportResultPage> {
    await press(this.runButton, pageLoad);
    const result = new ImportResultPage(this.page);
    await result.ready();
    return result;
  }

  /** Presses the import button without waiting for an answer: for a CRM that is stopped mid-import. */
  async startImport(): Promise<void> {
    await Promise.all([this.page.waitForRequest((r) => r.method() === 'POST' && /\/imports\/\d+\/run/.test(r.url())), this.runButton.click({ noWaitAfter: true })]);
  }
}
