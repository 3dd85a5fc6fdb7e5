import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';

/** Orders list (finance works from it): search by number or account, open an order. */
export class OrderListPage extends AppShell {
  readonly table = new DataTable(this.page, 'Orders');

  async open(): Promise<void> {
    await this.goto('/orders');
  }

  async openOrder(orderNumber: string): Promise<void> {
    await this.table.searchBar.search(orderNumber);
    await this.table.openRecord(orderNumber);
  }
}
