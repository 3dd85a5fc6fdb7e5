import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';
import { LeadFormPage } from './lead-form-page.js';
import { downloadOf } from '../import/download.js';

/** Leads list: search, each lead's status badge, and the way into the New lead form. */
export class LeadListPage extends AppShell {
  readonly table = new DataTable(this.page, 'Leads');
  readonly newLeadLink = this.page.getByRole('main').getByRole('link', { name: 'New lead', exact: true });
  readonly exportLink = this.page.getByRole('main').getByRole('link', { name: 'Export CSV', exact: true });

  async open(): Promise<void> {
    await this.goto('/leads');
  }

  /** Narrows the list to leads matching `text` (name, company or email prefix). */
  async search(text: string): Promise<void> {
    await this.table.searchBar.search(text);
  }

  /** Searches and filters at once, by the filters' labels and options: `{ Owner: 'Li Wei' }`. */
  async searchAndFilter(text: string, filters: Record<string, string>): Promise<void> {
    await this.table.searchBar.search(text, filters);
  }

  /** Sorts the list by a column header, `ascending` or `descending` (one or two clicks). */
  async sortBy(column: string, dir: 'ascending' | 'descending'): Promise<void> {
    await this.table.sortBy(column, dir);
  }

  row(email: string): Locator {
    return this.table.row(email);
  }

  /** The status badge in the lead's row. */
  statusOf(email: string): Locator {
    return this.row(email).getByTestId(/^lead-status-\d+$/);
  }

  async startNewLead(): Promise<LeadFormPage> {
    await this.newLeadLink.click();
    const form = new LeadFormPage(this.page);
    await form.ready();
    return form;
  }

  /** Exports the list as it is shown (search and filters included) and returns the CSV file. */
  async exportCsv(): Promise<Buffer> {
    return downloadOf(this.exportLink);
  }
}
