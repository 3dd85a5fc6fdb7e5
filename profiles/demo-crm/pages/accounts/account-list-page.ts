import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';
import { downloadOf } from '../import/download.js';

/** Accounts list: search, rows by name, and the CSV export of what the list shows. */
export class AccountListPage extends AppShell {
  readonly table = new DataTable(this.page, 'Accounts');
  readonly exportLink = this.page.getByRole('main').getByRole('link', { name: 'Export CSV', exact: true });

  async open(): Promise<void> {
    await this.goto('/accounts');
  }

  async search(text: string): Promise<void> {
    await this.table.searchBar.search(text);
  }

  row(name: string): Locator {
    return this.table.row(name);
  }

  async exportCsv(): Promise<Buffer> {
    return downloadOf(this.exportLink);
  }
}
