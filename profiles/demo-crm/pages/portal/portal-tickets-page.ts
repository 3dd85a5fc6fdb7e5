import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';
import { PortalNewTicketPage } from './portal-new-ticket-page.js';

/** The customer portal's home (/portal): the tickets of the customer's own account. */
export class PortalTicketsPage extends AppShell {
  readonly table = new DataTable(this.page, 'Support tickets');

  async open(): Promise<void> {
    await this.goto('/portal');
  }

  async search(text: string): Promise<void> {
    await this.table.searchBar.search(text);
  }

  row(number: string): Locator {
    return this.table.row(number);
  }

  status(number: string): Locator {
    return this.page.getByTestId(`status-${number}`);
  }

  async startNewTicket(): Promise<PortalNewTicketPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'New ticket', exact: true }).click();
    const form = new PortalNewTicketPage(this.page);
    await form.ready();
    return form;
  }

  async openTicket(number: string): Promise<void> {
    await this.table.openRecord(number);
  }
}
