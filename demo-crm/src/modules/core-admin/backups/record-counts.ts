import type { Database } from 'better-sqlite3';

/** The records a backup counts, in the order the Backups screen names them (the table names too). */
export const COUNTED_TABLES = ['leads', 'accounts', 'contacts', 'opportunities', 'quotes', 'invoices', 'payments', 'tickets'] as const;
export type RecordCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export function countRecords(db: Database): RecordCounts {
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, count(t)])) as RecordCounts;
}

/** "12 leads, 5 accounts, …, 4 tickets": every object, even at 0 or 1. */
export function recordsText(counts: RecordCounts): string {
  return COUNTED_TABLES.map((t) => `${counts[t].toLocaleString('en-US')} ${t}`).join(', ');
}
