/**
 * The support managers' notification about an automatic P1 escalation (docs/service.md §4).
 * The escalation itself is derived at read time; the notification is the one side effect that
 * is materialized, the first time any service-desk read (or a support manager opening their
 * notifications) evaluates the clock past the due time. A (ticket, SLA cycle) key makes it
 * appear exactly once per cycle however many readers observe it.
 */
import type { Database } from 'better-sqlite3';
import type { FastifyRequest } from 'fastify';
import { notifyRole } from '../../core/notifications.js';
import { AUTO_ESCALATION_FROM } from './workflow.js';
import { readContext } from './ticket-store.js';

interface DueRow {
  id: number;
  number: string;
  subject: string;
  reopen_count: number;
}

function message(t: DueRow): string {
  return `${t.number} escalated automatically: P1 "${t.subject}" has no first response within 1 hour`;
}

/** Records the notice for one ticket and cycle; true when this call created it. */
export function recordEscalationNotice(db: Database, t: DueRow, atIso: string): boolean {
  const info = db
    .prepare('INSERT OR IGNORE INTO ticket_escalation_notices (ticket_id, cycle, created_at) VALUES (?, ?, ?)')
    .run(t.id, t.reopen_count, atIso);
  if (info.changes === 0) return false;
  notifyRole(db, 'support_manager', message(t), `/tickets/${t.id}`, atIso);
  return true;
}

/** Materializes the notices of every P1 whose first response is overdue as of this request's clock. */
export function recordDueEscalationNotices(req: FastifyRequest): void {
  const { nowIso, rules } = readContext(req);
  if (!rules.flagFirstResponseBreach) return;
  const { db } = req.server.crm;
  const due = db
    .prepare(
      `SELECT t.id, t.number, t.subject, t.reopen_count FROM tickets t
       WHERE t.first_responded_at IS NULL AND t.first_response_due_at < ? AND t.priority = 'P1'
         AND t.status IN (${AUTO_ESCALATION_FROM.map(() => '?').join(',')})
         AND t.auto_escalated_at IS NULL AND t.de_escalated_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM ticket_escalation_notices n WHERE n.ticket_id = t.id AND n.cycle = t.reopen_count)`,
    )
    .all(nowIso, ...AUTO_ESCALATION_FROM) as DueRow[];
  if (due.length === 0) return;
  db.transaction(() => {
    for (const t of due) recordEscalationNotice(db, t, nowIso);
  })();
}
