import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';

export type TicketView = 'Tickets' | 'Ticket queue' | 'My tickets';

const VIEW_LINK: Record<TicketView, string> = { Tickets: 'All tickets', 'Ticket queue': 'Queue', 'My tickets': 'My tickets' };

/**
 * The staff ticket lists (/tickets): all tickets in reach, the queue of unassigned New tickets
 * (oldest first) and "My tickets". Each row names its status (`status-<number>`) and the SLA clock
 * that matters next (`sla-<number>`).
 */
export class TicketListPage extends AppShell {
  private view: TicketView = 'Tickets';

  get table(): DataTable {
    return new DataTable(this.page, this.view);
  }

  /** Opens a view the way an agent does: the ticket list, then the view link. */
  async openView(view: TicketView): Promise<void> {
    await this.goto('/tickets');
    if (view !== 'Tickets') {
      await this.page.getByRole('navigation', { name: 'Ticket views' }).getByRole('link', { name: VIEW_LINK[view], exact: true }).click();
      await this.heading.filter({ hasText: view }).waitFor();
    }
    this.view = view;
  }

  /** Narrows the current view to one ticket number (or any text of subject and account). */
  async search(text: string): Promise<void> {
    await this.table.searchBar.search(text);
  }

  row(number: string): Locator {
    return this.table.row(number);
  }

  status(number: string): Locator {
    return this.page.getByTestId(`status-${number}`);
  }

  slaState(number: string): Locator {
    return this.page.getByTestId(`sla-${number}`);
  }

  async openTicket(number: string): Promise<void> {
    await this.table.openRecord(number);
  }
}
