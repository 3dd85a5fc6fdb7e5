/** A ticket's history: its audit-log entries, oldest first (the audit log records the actor of every step). */
import type { FastifyRequest } from 'fastify';

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  summary: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

export function ticketHistory(req: FastifyRequest, ticketId: number): HistoryEntry[] {
  const rows = req.server.crm.db
    .prepare(
      `SELECT at, actor_name AS actor, action, summary, changes_json FROM audit_log
       WHERE object = 'ticket' AND record_id = ? AND action <> 'permission_denied' ORDER BY id`,
    )
    .all(String(ticketId)) as { at: string; actor: string; action: string; summary: string | null; changes_json: string | null }[];
  return rows.map((r) => ({
    at: r.at, actor: r.actor, action: r.action, summary: r.summary,
    changes: r.changes_json ? (JSON.parse(r.changes_json) as HistoryEntry['changes']) : null,
  }));
}
