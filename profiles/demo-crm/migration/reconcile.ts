import type { CsvTable } from './csv-read.js';
import { LEAD_COLUMNS, expectedCounts, type LeadRecord, type LegacyExport } from './legacy-export.js';

/**
 * Source against target, field by field: every line of the legacy file against what the CRM shows
 * for it — the result screen's counts, the rejected-rows file, the export and the API. Pure: the
 * flow gathers the CRM's side, this says where it disagrees with the documented rules.
 */
export type Via = 'result screen' | 'rejected-rows file' | 'skipped rows' | 'export' | 'api';

export interface Mismatch {
  /** the line of the legacy file (0 = the file as a whole) */
  line: number;
  /** the CSV column, or what is compared: "(record)", "Created", "Reason" */
  column: string;
  expected: string;
  actual: string;
  via: Via;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
}

/** What the CRM shows after the import. */
export interface TargetSide {
  /** the result screen's counts */
  screen: ImportCounts;
  /** the downloaded rejected-rows file */
  rejectedFile: CsvTable;
  /** the result screen's skipped rows (line, reason) */
  skipped: { line: number; reason: string }[];
  /** the test's records in the list export (owner as username) */
  exported: CsvTable;
  /** the test's records through the API, in the export's columns (owner as the user's display name) */
  api: LeadRecord[];
  /** username → display name, to compare the API's owner */
  ownerNames: Record<string, string>;
}

export interface ReconciliationReport {
  file: { name: string; encoding: string; rows: number };
  expected: ImportCounts;
  screen: ImportCounts;
  rejectedByReason: Record<string, number>;
  /** records compared field by field, per view */
  compared: { export: number; api: number };
  mismatches: Mismatch[];
}

const keyOf = (email: string) => email.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

/** "Duplicate in this file: line 7 has …" → "Duplicate in this file: line N has …", to group reasons. */
export function reasonKind(reason: string): string {
  return reason.replace(/\bline \d+/g, 'line N').replace(/#\d+/g, '#N').replace(/"[^"]*"/g, '"…"').replace(/: (\d+)–(\d+) characters.*$/, '');
}

function compareRecords(line: number, expected: LeadRecord, actual: LeadRecord | undefined, via: Via, out: Mismatch[]): void {
  if (!actual) {
    out.push({ line, column: '(record)', expected: 'present', actual: 'missing', via });
    return;
  }
  for (const column of LEAD_COLUMNS) {
    if (expected[column] !== actual[column]) out.push({ line, column, expected: expected[column], actual: actual[column], via });
  }
}

export function reconcileLeadImport(source: LegacyExport, target: TargetSide): ReconciliationReport {
  const mismatches: Mismatch[] = [];
  const expected = expectedCounts(source);

  for (const k of ['rows', 'created', 'updated', 'skipped', 'rejected'] as const) {
    if (target.screen[k] !== expected[k]) mismatches.push({ line: 0, column: k, expected: String(expected[k]), actual: String(target.screen[k]), via: 'result screen' });
  }
  const sum = target.screen.created + target.screen.updated + target.screen.skipped + target.screen.rejected;
  if (sum !== target.screen.rows) mismatches.push({ line: 0, column: 'created + updated + skipped + rejected', expected: String(target.screen.rows), actual: String(sum), via: 'result screen' });

  const exported = new Map(target.exported.rows.map((r) => [keyOf(r.byHeader.Email ?? ''), r.byHeader as LeadRecord]));
  const viaApi = new Map(target.api.map((r) => [keyOf(r.Email), r]));
  const rejectedLines = new Map(target.rejectedFile.rows.map((r) => [Number(r.byHeader.Line), r]));
  const skippedLines = new Map(target.skipped.map((s) => [s.line, s.reason]));
  const expectedKeys = new Set<string>();

  for (const row of source.rows) {
    const e = row.expected;
    if (e.outcome === 'created' || e.outcome === 'updated') {
      expectedKeys.add(keyOf(row.key));
      compareRecords(row.line, e.stored, exported.get(keyOf(row.key)), 'export', mismatches);
      const api = viaApi.get(keyOf(row.key));
      compareRecords(row.line, { ...e.stored, Owner: target.ownerNames[e.stored.Owner] ?? e.stored.Owner }, api, 'api', mismatches);
    } else if (e.outcome === 'skipped') {
      expectedKeys.add(keyOf(row.key));
      const reason = skippedLines.get(row.line);
      if (reason !== e.reason) mismatches.push({ line: row.line, column: 'Reason', expected: e.reason, actual: reason ?? '(not skipped)', via: 'skipped rows' });
    } else {
      const listed = rejectedLines.get(row.line);
      const reason = listed?.byHeader.Reason ?? '(not in the file)';
      const ok = e.match === 'exact' ? reason === e.reason : reason.startsWith(e.reason);
      if (!ok) mismatches.push({ line: row.line, column: 'Reason', expected: e.match === 'exact' ? e.reason : `${e.reason}…`, actual: reason, via: 'rejected-rows file' });
      const original = listed?.cells.slice(2) ?? [];
      if (listed && original.join('\u0001') !== row.cells.join('\u0001')) {
        mismatches.push({ line: row.line, column: '(original values)', expected: row.cells.join(' | '), actual: original.join(' | '), via: 'rejected-rows file' });
      }
    }
  }
  for (const row of source.rows) {
    // a rejected row's own key must not have become a record (a row sharing a valid row's key excepted)
    if (row.expected.outcome !== 'rejected' || expectedKeys.has(keyOf(row.key))) continue;
    if (exported.has(keyOf(row.key))) mismatches.push({ line: row.line, column: '(record)', expected: 'absent (rejected)', actual: 'present', via: 'export' });
    if (viaApi.has(keyOf(row.key))) mismatches.push({ line: row.line, column: '(record)', expected: 'absent (rejected)', actual: 'present', via: 'api' });
  }
  const sourceLines = new Set(source.rows.map((r) => r.line));
  for (const line of rejectedLines.keys()) {
    if (!source.rows.some((r) => r.line === line && r.expected.outcome === 'rejected')) {
      mismatches.push({ line, column: '(row)', expected: sourceLines.has(line) ? 'imported' : 'no such line', actual: `rejected: ${rejectedLines.get(line)?.byHeader.Reason ?? ''}`, via: 'rejected-rows file' });
    }
  }

  const rejectedByReason: Record<string, number> = {};
  for (const r of target.rejectedFile.rows) {
    const kind = reasonKind(r.byHeader.Reason ?? '');
    rejectedByReason[kind] = (rejectedByReason[kind] ?? 0) + 1;
  }
  return {
    file: { name: source.fileName, encoding: source.encoding, rows: source.rows.length },
    expected,
    screen: target.screen,
    rejectedByReason,
    compared: { export: target.exported.rows.length, api: target.api.length },
    mismatches: mismatches.sort((a, b) => a.line - b.line),
  };
}
