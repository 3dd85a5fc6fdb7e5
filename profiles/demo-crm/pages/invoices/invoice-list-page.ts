import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';

/** Invoices list: search by number or account, filter by the status shown (Overdue is derived). */
export class InvoiceListPage extends AppShell {
  readonly table = new DataTable(this.page, 'Invoices');

  async open(): Promise<void> {
    await this.goto('/invoices');
  }

  async find(invoiceNumber: string, status?: 'Issued' | 'Partially paid' | 'Paid' | 'Overdue' | 'Unpaid (any)'): Promise<void> {
    await this.table.searchBar.search(invoiceNumber, status ? { Status: status } : {});
  }

  row(invoiceNumber: string): Locator {
    return this.table.row(invoiceNumber);
  }

  status(invoiceNumber: string): Locator {
    return this.page.getByTestId(`status-${invoiceNumber}`);
  }
}
