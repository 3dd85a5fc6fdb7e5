import type { Locator } from '@playwright/test';
import { pageLoad } from '../../../pages/components/press.js';
import { AppShell } from './app-shell.js';
import { DataTable } from '../../../pages/components/data-table.js';
import { Form } from '../../../pages/components/form.js';

/** The audit log (admin and auditor): filter by actor, action, object and record. */
export class AuditLogPage extends AppShell {
  readonly table = new DataTable(this.page, 'Audit entries');
  readonly filters = new Form(this.page, this.page.getByRole('search', { name: 'Filter audit log' }), pageLoad);

  async open(): Promise<void> {
    await this.goto('/audit');
  }

  /** Shows the entries of one record (object as the CRM names it: lead, quote, invoice…). */
  async showRecord(object: string, recordId: number): Promise<void> {
    await this.filters.fill({ Actor: '', Action: '', Object: object, 'Record ID': String(recordId) });
    await this.filters.submit('Apply');
  }

  /** Shows the entries of one actor (their username), newest first. */
  async showActor(username: string): Promise<void> {
    await this.filters.fill({ Actor: username, Action: '', Object: '', 'Record ID': '' });
    await this.filters.submit('Apply');
  }

  /** The entries shown, newest first, each as its When, Actor, Action, Object, Details and From cells. */
  async shownEntries(): Promise<{ when: string; actor: string; action: string; object: string; details: string; from: string }[]> {
    const [when, actor, action, object, details, from] = await Promise.all(['When', 'Actor', 'Action', 'Object', 'Details', 'From'].map((h) => this.table.columnValues(h)));
    return when!.map((w, i) => ({ when: w, actor: actor![i]!, action: action![i]!, object: object![i]!, details: details![i]!, from: from![i]! }));
  }

  entries(): Locator {
    return this.table.rows();
  }

  /** Rows whose Action and Actor cells match. */
  entry(action: string, actor: string): Locator {
    return this.entries()
      .filter({ has: this.page.getByRole('cell', { name: action, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: actor, exact: true }) });
  }
}
