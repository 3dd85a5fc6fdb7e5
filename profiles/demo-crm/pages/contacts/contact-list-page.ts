import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';
import { downloadOf } from '../import/download.js';

/** Contacts list: search, rows by email, and the CSV export of what the list shows. */
export class ContactListPage extends AppShell {
  readonly table = new DataTable(this.page, 'Contacts');
  readonly exportLink = this.page.getByRole('main').getByRole('link', { name: 'Export CSV', exact: true });

  async open(): Promise<void> {
    await this.goto('/contacts');
  }

  async search(text: string): Promise<void> {
    await this.table.searchBar.search(text);
  }

  row(text: string): Locator {
    return this.table.row(text);
  }

  async exportCsv(): Promise<Buffer> {
    return downloadOf(this.exportLink);
  }
}
