import { AppShell } from '../app-shell.js';
import { DataTable } from '../../../../pages/components/data-table.js';

/** Opportunities list: the open and closed deals in the user's reach, soonest close date first. */
export class OpportunityListPage extends AppShell {
  readonly table = new DataTable(this.page, 'Opportunities');

  async open(): Promise<void> {
    await this.goto('/opportunities');
  }
}
