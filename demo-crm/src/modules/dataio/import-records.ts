import type { Database } from 'better-sqlite3';
import type { ImportObject } from './import-objects.js';
import type { PlannedRow } from './import-plan.js';
import type { ImportMode, Mapping } from './mapping.js';

export type ImportStatus = 'uploaded' | 'completed' | 'failed';

/** One import run as the API returns it. */
export interface ImportRecord {
  id: number;
  object: ImportObject;
  fileName: string;
  encoding: string;
  headers: string[];
  dataRows: number;
  status: ImportStatus;
  mode: ImportMode;
  mapping: Mapping | null;
  defaultOwnerId: number | null;
  counts: { created: number; updated: number; skipped: number; rejected: number };
  error: string | null;
  userId: number;
  userName: string;
  userTeam: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface ImportDbRow {
  id: number; object: ImportObject; file_name: string; encoding: string; header_json: string; data_rows: number;
  status: ImportStatus; mode: ImportMode; mapping_json: string | null; default_owner_id: number | null;
  created_count: number; updated_count: number; skipped_count: number; rejected_count: number; error: string | null;
  user_id: number; username: string; team: string | null; created_at: string; finished_at: string | null;
}

export const IMPORT_SELECT = `i.*, u.username AS username, u.team AS team`;
export const IMPORT_FROM = 'imports i JOIN users u ON u.id = i.user_id';

export function toImportRecord(r: ImportDbRow): ImportRecord {
  return {
    id: r.id, object: r.object, fileName: r.file_name, encoding: r.encoding, headers: JSON.parse(r.header_json) as string[],
    dataRows: r.data_rows, status: r.status, mode: r.mode,
    mapping: r.mapping_json ? (JSON.parse(r.mapping_json) as Mapping) : null, defaultOwnerId: r.default_owner_id,
    counts: { created: r.created_count, updated: r.updated_count, skipped: r.skipped_count, rejected: r.rejected_count },
    error: r.error, userId: r.user_id, userName: r.username, userTeam: r.team, createdAt: r.created_at, finishedAt: r.finished_at,
  };
}

export function getImport(db: Database, id: number): ImportRecord | undefined {
  const row = db.prepare(`SELECT ${IMPORT_SELECT} FROM ${IMPORT_FROM} WHERE i.id = ?`).get(id) as ImportDbRow | undefined;
  return row ? toImportRecord(row) : undefined;
}

export function insertUpload(
  db: Database,
  v: { object: ImportObject; fileName: string; encoding: string; headers: readonly string[]; dataRows: number; content: string; userId: number; at: string },
): number {
  return db.transaction(() => {
    const id = Number(db.prepare(
      `INSERT INTO imports (object, file_name, encoding, header_json, data_rows, status, user_id, created_at)
       VALUES (?, ?, ?, ?, ?, 'uploaded', ?, ?)`,
    ).run(v.object, v.fileName, v.encoding, JSON.stringify(v.headers), v.dataRows, v.userId, v.at).lastInsertRowid);
    db.prepare('INSERT INTO import_files (import_id, content) VALUES (?, ?)').run(id, v.content);
    return id;
  })();
}

export function uploadedContent(db: Database, id: number): string | undefined {
  return db.prepare('SELECT content FROM import_files WHERE import_id = ?').pluck().get(id) as string | undefined;
}

export function saveSettings(db: Database, id: number, s: { mode: ImportMode; mapping: Mapping; defaultOwnerId: number }): void {
  db.prepare('UPDATE imports SET mode = ?, mapping_json = ?, default_owner_id = ? WHERE id = ?')
    .run(s.mode, JSON.stringify(s.mapping), s.defaultOwnerId, id);
}

/** Stores the outcome of a run; the uploaded text is dropped because its rows now live in the CRM. */
export function completeImport(
  db: Database,
  id: number,
  counts: ImportRecord['counts'],
  at: string,
): void {
  db.prepare(
    `UPDATE imports SET status = 'completed', created_count = ?, updated_count = ?, skipped_count = ?, rejected_count = ?,
       error = NULL, finished_at = ? WHERE id = ?`,
  ).run(counts.created, counts.updated, counts.skipped, counts.rejected, at, id);
  db.prepare('DELETE FROM import_files WHERE import_id = ?').run(id);
}

export function failImport(db: Database, id: number, error: string, at: string): void {
  db.prepare(`UPDATE imports SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(error, at, id);
}

/** Rejected and skipped rows with their reasons (rejected ones keep their cells for the download). */
export function insertIssues(db: Database, importId: number, rows: readonly PlannedRow[]): void {
  const stmt = db.prepare(
    'INSERT INTO import_issues (import_id, line, outcome, reason, record_id, cells_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows) {
    if (r.kind === 'reject') stmt.run(importId, r.line, 'rejected', r.reason, null, JSON.stringify(r.cells));
    else if (r.kind === 'skip') stmt.run(importId, r.line, 'skipped', r.reason, r.id, null);
  }
}

export interface ImportIssue {
  line: number;
  reason: string;
  recordId: number | null;
  cells: string[] | null;
}

export function importIssues(db: Database, importId: number, outcome: 'rejected' | 'skipped', limit = -1): ImportIssue[] {
  const rows = db.prepare(
    `SELECT line, reason, record_id AS recordId, cells_json AS cells FROM import_issues
     WHERE import_id = ? AND outcome = ? ORDER BY line LIMIT ?`,
  ).all(importId, outcome, limit) as { line: number; reason: string; recordId: number | null; cells: string | null }[];
  return rows.map((r) => ({ ...r, cells: r.cells ? (JSON.parse(r.cells) as string[]) : null }));
}
