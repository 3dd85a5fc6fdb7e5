import type { Database } from 'better-sqlite3';
import { toCsv } from './csv.js';
import { importIssues, type ImportRecord } from './import-records.js';

/**
 * The rejected rows of an import as CSV: "Line" and "Reason" first, then the file's own columns with
 * the row's original values. The two extra columns are not import fields, so the corrected file can
 * be imported again as it is.
 */
export function rejectedRowsCsv(db: Database, record: ImportRecord): string {
  const rows = importIssues(db, record.id, 'rejected').map((r) => [String(r.line), r.reason, ...(r.cells ?? [])]);
  return toCsv(['Line', 'Reason', ...record.headers], rows);
}
