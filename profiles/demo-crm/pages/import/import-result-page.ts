import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { downloadOf } from './download.js';

export type ResultCount = 'rows' | 'created' | 'updated' | 'skipped' | 'rejected';

/** Step 4: the counts of a finished import, its rejected and skipped rows, the rejected-rows download. */
export class ImportResultPage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly importError = this.page.getByTestId('import-error');
  readonly rejectedRows = this.page.getByTestId('rejected-rows');
  readonly skippedRows = this.page.getByTestId('skipped-rows');
  readonly downloadRejectedLink = this.page.getByTestId('download-rejected');

  async open(importId: number): Promise<void> {
    await this.goto(`/imports/${importId}`);
  }

  /** The import's id, from the page address (/imports/:id). */
  id(): number {
    const match = /\/imports\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`${this.page.url()} is not an import result page`);
    return Number(match[1]);
  }

  count(kind: ResultCount): Locator {
    return this.page.getByTestId(`field-${kind}`);
  }

  async counts(): Promise<Record<ResultCount, number>> {
    const read = async (k: ResultCount) => Number((await this.count(k).innerText()).replace(/[^\d]/g, ''));
    return { rows: await read('rows'), created: await read('created'), updated: await read('updated'), skipped: await read('skipped'), rejected: await read('rejected') };
  }

  /** The (line, reason) rows of a listed table: rejected or skipped. */
  async listed(table: 'rejected' | 'skipped'): Promise<{ line: number; reason: string }[]> {
    const rows = (table === 'rejected' ? this.rejectedRows : this.skippedRows).locator('tbody tr');
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
    return cells.filter((c) => c.length >= 2).map(([line, reason]) => ({ line: Number(line), reason: reason ?? '' }));
  }

  /** Downloads the rejected-rows CSV. */
  async downloadRejected(): Promise<Buffer> {
    return downloadOf(this.downloadRejectedLink);
  }
}
