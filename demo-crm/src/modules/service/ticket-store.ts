/**
 * Reading tickets: the row shape, the SQL for the status as of "now", and the evaluated state
 * (effective status + SLA clocks) that every page, API answer, board and widget is built from.
 */
import type { Database } from 'better-sqlite3';
import type { FastifyRequest } from 'fastify';
import { now as clockNow } from '../../core/clock.js';
import type { Faults } from '../../core/faults.js';
import { AUTO_ESCALATION_FROM, deriveStatus, type DerivedStatus } from './workflow.js';
import { evaluateSla, type SlaFacts, type SlaRules, type SlaView } from './sla.js';
import type { Category, Channel, Priority, ResolutionCode, TicketStatus } from './vocab.js';

export interface TicketRow {
  id: number;
  number: string;
  account_id: number;
  contact_id: number | null;
  subject: string;
  description: string;
  priority: Priority;
  category: Category;
  channel: Channel;
  status: TicketStatus;
  assignee_id: number | null;
  resolution_code: ResolutionCode | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  sla_started_at: string;
  first_response_due_at: string;
  first_responded_at: string | null;
  paused_ms: number;
  paused_since: string | null;
  resolved_at: string | null;
  auto_close_at: string | null;
  closed_at: string | null;
  close_reason: 'confirmed' | 'auto' | null;
  escalated_at: string | null;
  auto_escalated_at: string | null;
  de_escalated_at: string | null;
  reopened_at: string | null;
  reopen_count: number;
  satisfaction: number | null;
  rated_at: string | null;
  account_name: string;
  contact_name: string | null;
  assignee_name: string | null;
}

export const TICKET_SELECT = `t.*, a.name AS account_name,
  CASE WHEN c.id IS NULL THEN NULL ELSE trim(c.first_name || ' ' || c.last_name) END AS contact_name,
  u.display_name AS assignee_name`;
export const TICKET_FROM = `tickets t
  JOIN accounts a ON a.id = t.account_id
  LEFT JOIN contacts c ON c.id = t.contact_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

export function slaRules(faults: Faults): SlaRules {
  return {
    honourPause: !faults.on('sla-pause-ignored'),
    flagFirstResponseBreach: !faults.on('sla-breach-not-flagged'),
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An instant from the clock as a SQL string literal (only ever our own toISOString output). */
function isoLiteral(iso: string): string {
  if (!ISO.test(iso)) throw new Error(`not a canonical ISO instant: ${iso}`);
  return `'${iso}'`;
}

/**
 * The status as of `nowIso`, in SQL: the same rules as workflow.deriveStatus, so list filters,
 * sorting and counts agree with the detail page. Stored ISO timestamps compare as text.
 */
export function effectiveStatusSql(nowIso: string, rules: SlaRules, t = 't'): string {
  const now = isoLiteral(nowIso);
  const from = AUTO_ESCALATION_FROM.map((s) => `'${s}'`).join(',');
  const escalation = rules.flagFirstResponseBreach
    ? `WHEN ${t}.priority = 'P1' AND ${t}.status IN (${from}) AND ${t}.first_responded_at IS NULL
         AND ${t}.auto_escalated_at IS NULL AND ${t}.de_escalated_at IS NULL AND ${t}.first_response_due_at < ${now}
       THEN 'Escalated'`
    : '';
  return `(CASE WHEN ${t}.status = 'Resolved' AND ${t}.auto_close_at < ${now} THEN 'Closed' ${escalation} ELSE ${t}.status END)`;
}

const ms = (iso: string): number => Date.parse(iso);
const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

export function slaFacts(row: TicketRow): SlaFacts {
  return {
    priority: row.priority,
    cycleStartedAt: ms(row.sla_started_at),
    firstRespondedAt: msOrNull(row.first_responded_at),
    resolvedAt: msOrNull(row.resolved_at),
    pausedMs: row.paused_ms,
    pausedSince: msOrNull(row.paused_since),
  };
}

/** A ticket as of one instant: what every reader sees. */
export interface TicketState {
  row: TicketRow;
  now: number;
  status: TicketStatus;
  derived: DerivedStatus;
  sla: SlaView;
  closedAt: string | null;
  closeReason: 'confirmed' | 'auto' | null;
}

export function evaluateTicket(row: TicketRow, now: number, rules: SlaRules): TicketState {
  const derived = deriveStatus(
    {
      status: row.status,
      priority: row.priority,
      firstRespondedAt: msOrNull(row.first_responded_at),
      firstResponseDueAt: ms(row.first_response_due_at),
      resolvedAt: msOrNull(row.resolved_at),
      autoEscalatedAt: msOrNull(row.auto_escalated_at),
      deEscalatedAt: msOrNull(row.de_escalated_at),
    },
    now,
    rules,
  );
  const autoClosed = derived.autoClosedAt !== null;
  return {
    row,
    now,
    status: derived.status,
    derived,
    sla: evaluateSla(slaFacts(row), now, rules),
    closedAt: autoClosed ? new Date(derived.autoClosedAt as number).toISOString() : row.closed_at,
    closeReason: autoClosed ? 'auto' : row.close_reason,
  };
}

export function loadTicketRow(db: Database, id: number): TicketRow | undefined {
  return db.prepare(`SELECT ${TICKET_SELECT} FROM ${TICKET_FROM} WHERE t.id = ?`).get(id) as TicketRow | undefined;
}

/** The request's clock and the active SLA rules, the two inputs of every evaluation. */
export function readContext(req: FastifyRequest): { now: number; nowIso: string; rules: SlaRules } {
  const now = clockNow(req).getTime();
  return { now, nowIso: new Date(now).toISOString(), rules: slaRules(req.server.crm.faults) };
}
