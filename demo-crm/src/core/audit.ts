import type { FastifyRequest } from 'fastify';
import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  action: string;
  object: string;
  recordId?: number | string | null;
  summary?: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/** Writes one audit row; the actor comes from the request's session (or is given for logins). */
export function writeAudit(
  db: Database,
  actor: { id: number | null; name: string },
  entry: AuditEntry,
  ip: string | null,
  at: string = new Date().toISOString(),
): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, object, record_id, summary, changes_json, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    at,
    actor.id,
    actor.name,
    entry.action,
    entry.object,
    entry.recordId == null ? null : String(entry.recordId),
    entry.summary ?? null,
    entry.changes && Object.keys(entry.changes).length ? JSON.stringify(entry.changes) : null,
    ip,
  );
}

export function audit(req: FastifyRequest, entry: AuditEntry): void {
  const user = req.user;
  writeAudit(req.server.crm.db, { id: user?.id ?? null, name: user?.username ?? 'anonymous' }, entry, req.ip);
}

/** Field-level old → new for the keys that changed. */
export function diffChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[] = Object.keys(after),
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of keys) {
    if (!(k in after)) continue;
    if (before[k] !== after[k]) out[k] = { from: before[k] ?? null, to: after[k] ?? null };
  }
  return out;
}
