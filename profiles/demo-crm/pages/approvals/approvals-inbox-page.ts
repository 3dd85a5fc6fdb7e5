import type { Locator } from '@playwright/test';
import { pageLoad } from '../../../../pages/components/press.js';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';
import { Dialog } from '../../../../pages/components/dialog.js';

/** The Approvals inbox: pending discount requests with Approve / Reject (or "Needs an admin"). */
export class ApprovalsInboxPage extends AppShell {
  readonly table = new DataTable(this.page, 'Approval requests');
  readonly actionError = this.page.getByTestId('action-error');

  async open(): Promise<void> {
    await this.goto('/approvals');
  }

  /** Narrows the inbox to one quote. */
  async find(quoteNumber: string): Promise<void> {
    await this.table.searchBar.search(quoteNumber);
  }

  request(quoteNumber: string): Locator {
    return this.table.rows().filter({ has: this.page.getByRole('link', { name: quoteNumber, exact: true }) });
  }

  status(quoteNumber: string): Locator {
    return this.page.getByTestId(`approval-status-${quoteNumber}`);
  }

  approveButton(quoteNumber: string): Locator {
    return this.request(quoteNumber).getByRole('button', { name: 'Approve', exact: true });
  }

  rejectButton(quoteNumber: string): Locator {
    return this.request(quoteNumber).getByRole('button', { name: 'Reject', exact: true });
  }

  /** The Decision cell: the buttons, "Needs an admin", or who decided and their comment. */
  decision(quoteNumber: string): Locator {
    return this.request(quoteNumber).getByRole('cell').last();
  }

  async approve(quoteNumber: string, comment: string): Promise<void> {
    const dialog = new Dialog(this.page, `Approve quote ${quoteNumber}`, pageLoad);
    await dialog.openWith(this.approveButton(quoteNumber));
    await dialog.confirm('Approve', { Comment: comment });
  }

  async reject(quoteNumber: string, comment: string): Promise<void> {
    const dialog = new Dialog(this.page, `Reject quote ${quoteNumber}`, pageLoad);
    await dialog.openWith(this.rejectButton(quoteNumber));
    await dialog.confirm('Reject', { Comment: comment });
  }
}
