import { DataTable } from '../../../pages/components/data-table.js';
import { AppShell } from './app-shell.js';

/** Any list screen, as a user opens it from the menu: what its "N records" says. */
export class ListScreen extends AppShell {
  /** Opens the list at `path` (its default view) and reads its total. */
  async totalAt(path: string, caption: string): Promise<number> {
    await this.goto(path);
    return new DataTable(this.page, caption).totalCount();
  }
}
