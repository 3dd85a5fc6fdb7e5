import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad } from '../../../../pages/components/press.js';
import { ImportMappingPage } from './import-mapping-page.js';

export type ImportObjectLabel = 'Leads' | 'Accounts' | 'Contacts';

/** The file's bytes, or the path of a file on disk (large files: Playwright streams those). */
export type UploadFile = { name: string; buffer: Buffer } | string;

/** Step 1 of the import wizard: what to import and the CSV file. */
export class ImportUploadPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('form', { name: 'Import upload' }), pageLoad);

  async open(): Promise<void> {
    await this.goto('/imports/new');
  }

  /** Uploads the file; the CRM answers with the column mapping (or this page with the file's problem). */
  async upload(object: ImportObjectLabel, file: UploadFile): Promise<ImportMappingPage> {
    await this.form.fill({ 'What to import': { option: object } });
    await this.form.field('CSV file').setInputFiles(typeof file === 'string' ? file : { name: file.name, mimeType: 'text/csv', buffer: file.buffer });
    await this.form.submit('Upload and map columns');
    return new ImportMappingPage(this.page);
  }
}
