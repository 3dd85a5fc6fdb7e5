import type { Locator, Page } from '@playwright/test';
import { SearchBar } from './search-bar.js';

/**
 * A server-side list: a table named by its caption, sort links in the column headers (aria-sort),
 * "N records" and Previous/Next paging. Every action waits for the new page of results.
 */
export class DataTable {
  readonly table: Locator;
  readonly searchBar: SearchBar;
  readonly total: Locator;
  readonly pagination: Locator;

  constructor(
    readonly page: Page,
    caption: string,
  ) {
    this.table = page.getByRole('table', { name: caption });
    this.searchBar = new SearchBar(page);
    this.total = page.getByTestId('list-total');
    this.pagination = page.getByRole('navigation', { name: 'Pagination' });
  }

  /** Data rows (the header row excluded). */
  rows(): Locator {
    return this.table.locator('tbody').getByRole('row');
  }

  row(text: string | RegExp): Locator {
    return this.rows().filter({ hasText: text });
  }

  /** Opens the record whose row contains `text`, through the link in its first cell. */
  async openRecord(text: string | RegExp): Promise<void> {
    const row = this.row(text);
    await row.getByRole('cell').first().getByRole('link').click();
    await this.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  }

  async totalCount(): Promise<number> {
    const text = await this.total.innerText();
    const match = /^(\d[\d,]*)\s+records?$/.exec(text.trim());
    if (!match?.[1]) throw new Error(`List total "${text}" is not "N records"`);
    return Number(match[1].replace(/,/g, ''));
  }

  /** The cell texts of one column, in display order. */
  async columnValues(header: string): Promise<string[]> {
    const headers = (await this.table.locator('thead').getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
    const index = headers.indexOf(header);
    if (index < 0) throw new Error(`Column "${header}" not in [${headers.join(', ')}]`);
    const cells = await this.rows().evaluateAll((rows, i) => rows.map((r) => (r.children[i] as HTMLElement | undefined)?.innerText.trim() ?? ''), index);
    return cells;
  }

  columnHeader(header: string): Locator {
    return this.table.getByRole('columnheader', { name: new RegExp(`^${header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
  }

  /** Sorts by a column, clicking its header until aria-sort says `dir`. */
  async sortBy(header: string, dir: 'ascending' | 'descending'): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if ((await this.columnHeader(header).getAttribute('aria-sort')) === dir) return;
      const link = this.columnHeader(header).getByRole('link');
      const target = await link.getAttribute('href');
      await link.click();
      if (target) await this.page.waitForURL((url) => `${url.pathname}${url.search}` === target);
    }
    const now = await this.columnHeader(header).getAttribute('aria-sort');
    if (now !== dir) throw new Error(`Column "${header}" is sorted ${now ?? 'not at all'}, not ${dir}`);
  }

  async nextPage(): Promise<void> {
    await this.goToPage('Next');
  }

  async previousPage(): Promise<void> {
    await this.goToPage('Previous');
  }

  private async goToPage(label: 'Next' | 'Previous'): Promise<void> {
    const link = this.pagination.getByRole('link', { name: label });
    const target = await link.getAttribute('href');
    await link.click();
    if (target) await this.page.waitForURL((url) => `${url.pathname}${url.search}` === target);
  }
}
