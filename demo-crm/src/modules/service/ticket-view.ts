/** The JSON shape of a ticket for the staff API and the portal API (docs/service.md §7). */
import type { FastifyRequest } from 'fastify';
import type { ClockView } from './sla.js';
import { SLA_TARGETS } from './sla.js';
import type { TicketState } from './ticket-store.js';

export interface ClockJson {
  target: string;
  dueAt: string;
  state: ClockView['state'];
  breached: boolean;
  remainingMs: number | null;
  stoppedAt: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function clockJson(c: ClockView, target: string): ClockJson {
  return {
    target, dueAt: iso(c.dueAt), state: c.state, breached: c.breached, remainingMs: c.remainingMs,
    stoppedAt: c.stoppedAt === null ? null : iso(c.stoppedAt),
  };
}

export function slaJson(s: TicketState) {
  const target = SLA_TARGETS[s.row.priority];
  return {
    startedAt: s.row.sla_started_at,
    firstResponse: clockJson(s.sla.firstResponse, target.firstResponseLabel),
    resolution: clockJson(s.sla.resolution, target.resolutionLabel),
    paused: s.sla.paused,
    pausedMs: s.sla.pausedMs,
    breached: s.sla.firstResponse.breached || s.sla.resolution.breached,
  };
}

export function ticketSummaryJson(s: TicketState) {
  const r = s.row;
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    priority: r.priority,
    category: r.category,
    channel: r.channel,
    status: s.status,
    account: { id: r.account_id, name: r.account_name },
    contact: r.contact_id === null ? null : { id: r.contact_id, name: r.contact_name },
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name },
    resolutionCode: r.resolution_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
    closedAt: s.closedAt,
    closeReason: s.closeReason,
    reopenedAt: r.reopened_at,
    reopenCount: r.reopen_count,
    satisfaction: r.satisfaction,
    escalated: s.status === 'Escalated',
    sla: slaJson(s),
  };
}

export interface MessageRow {
  id: number;
  kind: 'public' | 'internal';
  body: string;
  created_at: string;
  author_id: number;
  author_name: string;
  author_role: string;
}

/** Public replies always; internal notes only when `includeInternal`. */
export function loadMessages(req: FastifyRequest, ticketId: number, includeInternal: boolean): MessageRow[] {
  return req.server.crm.db
    .prepare(
      `SELECT m.id, m.kind, m.body, m.created_at, m.author_id, u.display_name AS author_name, u.role AS author_role
       FROM ticket_messages m JOIN users u ON u.id = m.author_id
       WHERE m.ticket_id = ? ${includeInternal ? '' : "AND m.kind = 'public'"} ORDER BY m.id`,
    )
    .all(ticketId) as MessageRow[];
}

export function messageJson(m: MessageRow) {
  return {
    id: m.id, kind: m.kind, body: m.body, createdAt: m.created_at,
    author: { id: m.author_id, name: m.author_name, customer: m.author_role === 'customer' },
  };
}

export function ticketDetailJson(s: TicketState, messages: MessageRow[]) {
  return { ...ticketSummaryJson(s), description: s.row.description, messages: messages.map(messageJson) };
}
