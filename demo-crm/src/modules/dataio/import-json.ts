import type { Database } from 'better-sqlite3';
import { importIssues, type ImportRecord } from './import-records.js';
import type { PlanSummary } from './import-plan.js';

/** How many rejected/skipped rows a JSON answer lists; the CSV download has all rejected rows. */
export const ISSUE_LIMIT = 1000;

export function importJson(db: Database, r: ImportRecord): Record<string, unknown> {
  const rejected = importIssues(db, r.id, 'rejected', ISSUE_LIMIT).map(({ line, reason }) => ({ line, reason }));
  const skipped = importIssues(db, r.id, 'skipped', ISSUE_LIMIT).map(({ line, reason, recordId }) => ({ line, reason, recordId }));
  return {
    id: r.id, object: r.object, fileName: r.fileName, encoding: r.encoding, status: r.status, mode: r.mode,
    rows: r.dataRows, counts: r.counts, error: r.error, headers: r.headers, mapping: r.mapping,
    defaultOwnerId: r.defaultOwnerId, user: { id: r.userId, username: r.userName },
    createdAt: r.createdAt, finishedAt: r.finishedAt,
    rejected, skipped,
    links: { self: `/api/imports/${r.id}`, rejectedCsv: `/api/imports/${r.id}/rejected.csv`, page: `/imports/${r.id}` },
  };
}

/** A dry run: the same counts and reasons an import would produce, nothing written. */
export function previewJson(
  source: { object: string; fileName: string; encoding: string; headers: string[]; records: { length: number } },
  mapping: Record<string, number>,
  mode: string,
  plan: PlanSummary,
): Record<string, unknown> {
  const rejected = plan.rows.flatMap((r) => (r.kind === 'reject' ? [{ line: r.line, reason: r.reason }] : []));
  const skipped = plan.rows.flatMap((r) => (r.kind === 'skip' ? [{ line: r.line, reason: r.reason, recordId: r.id }] : []));
  return {
    dryRun: true, object: source.object, fileName: source.fileName, encoding: source.encoding, headers: source.headers,
    rows: source.records.length, mapping, mode,
    counts: { created: plan.counts.create, updated: plan.counts.update, skipped: plan.counts.skip, rejected: plan.counts.reject },
    rejected: rejected.slice(0, ISSUE_LIMIT), skipped: skipped.slice(0, ISSUE_LIMIT),
  };
}
