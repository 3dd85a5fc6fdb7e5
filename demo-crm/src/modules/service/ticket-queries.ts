/**
 * Ticket lists, the SLA board and the dashboard numbers: every one filters by the effective
 * status as of the request's clock and by the reader's reach, so they agree with each other and
 * with the detail page.
 */
import type { FastifyRequest } from 'fastify';
import { runList, type ListParams, type ListResult } from '../../core/list.js';
import type { SessionUser } from '../../core/permissions.js';
import { reachSql, type TicketReach } from './ticket-access.js';
import type { TicketFilters } from './ticket-input.js';
import {
  effectiveStatusSql, evaluateTicket, readContext, TICKET_FROM, TICKET_SELECT, type TicketRow, type TicketState,
} from './ticket-store.js';
import { PRIORITIES, UNRESOLVED_STATUSES, type Priority } from './vocab.js';

const SORTS = {
  number: 't.id',
  subject: 't.subject',
  priority: 't.priority',
  status: 'status_now',
  account: 'a.name',
  assignee: 'u.display_name',
  created: 't.created_at',
  updated: 't.updated_at',
} as const;
export const TICKET_SORT_KEYS = Object.keys(SORTS);

export function listTickets(
  req: FastifyRequest,
  user: SessionUser,
  reach: TicketReach,
  p: ListParams,
  f: TicketFilters,
): ListResult<TicketState> {
  const { now, nowIso, rules } = readContext(req);
  const status = effectiveStatusSql(nowIso, rules);
  const scope = reachSql(user, reach, status);
  const where = [scope.sql];
  const params = [...scope.params];
  if (f.status === 'unresolved') {
    where.push(`${status} IN (${UNRESOLVED_STATUSES.map(() => '?').join(',')})`);
    params.push(...UNRESOLVED_STATUSES);
  } else if (f.status) { where.push(`${status} = ?`); params.push(f.status); }
  if (f.priority) { where.push('t.priority = ?'); params.push(f.priority); }
  if (f.category) { where.push('t.category = ?'); params.push(f.category); }
  if (f.accountId) { where.push('t.account_id = ?'); params.push(f.accountId); }
  if (f.assignee === 'unassigned') where.push('t.assignee_id IS NULL');
  else if (f.assignee === 'me') { where.push('t.assignee_id = ?'); params.push(user.id); }
  else if (typeof f.assignee === 'number') { where.push('t.assignee_id = ?'); params.push(f.assignee); }
  if (f.view === 'queue') where.push(`t.assignee_id IS NULL AND ${status} = 'New'`);
  if (f.view === 'mine') { where.push('t.assignee_id = ?'); params.push(user.id); }
  const list = runList<TicketRow>(req.server.crm.db, {
    select: `${TICKET_SELECT}, ${status} AS status_now`,
    from: TICKET_FROM,
    where,
    params,
    searchColumns: ['t.number', 't.subject', 'a.name'],
    q: p.q,
    sortColumns: SORTS,
    sort: p.sort,
    // The queue is worked oldest first; every other list shows the newest first.
    dir: p.sort ? p.dir : f.view === 'queue' ? 'asc' : 'desc',
    defaultSort: 'created',
    page: p.page,
    pageSize: p.pageSize,
  });
  return { ...list, items: list.items.map((row) => evaluateTicket(row, now, rules)) };
}

/** Every unresolved ticket in reach, evaluated (the SLA board and the dashboard are built from these). */
export function unresolvedTickets(req: FastifyRequest, user: SessionUser, reach: TicketReach): TicketState[] {
  const { now, nowIso, rules } = readContext(req);
  const status = effectiveStatusSql(nowIso, rules);
  const scope = reachSql(user, reach, status);
  const rows = req.server.crm.db
    .prepare(
      `SELECT ${TICKET_SELECT} FROM ${TICKET_FROM}
       WHERE t.status IN (${UNRESOLVED_STATUSES.map(() => '?').join(',')}) AND ${scope.sql}`,
    )
    .all(...UNRESOLVED_STATUSES, ...scope.params) as TicketRow[];
  return rows.map((row) => evaluateTicket(row, now, rules));
}

export function isBreached(s: TicketState): boolean {
  return s.sla.firstResponse.breached || s.sla.resolution.breached;
}

/** The due time that matters next: the first response while unanswered, then the resolution. */
export function nextDueAt(s: TicketState): number {
  return s.sla.firstResponse.stoppedAt === null ? s.sla.firstResponse.dueAt : s.sla.resolution.dueAt;
}

export interface AgentLoad {
  userId: number | null;
  name: string;
  open: number;
  breached: number;
  escalated: number;
}

export interface SlaBoard {
  open: TicketState[];
  breaches: TicketState[];
  load: AgentLoad[];
  openByPriority: Record<Priority, number>;
  firstResponseBreaches: number;
  resolutionBreaches: number;
}

export function slaBoard(req: FastifyRequest, user: SessionUser, reach: TicketReach): SlaBoard {
  const open = unresolvedTickets(req, user, reach).sort((a, b) => nextDueAt(a) - nextDueAt(b));
  const breaches = open.filter(isBreached);
  // Anyone who holds open tickets keeps a row: a deactivated agent (named as inactive) and a user of
  // another role who took a queue ticket (an admin), so the rows always add up to the open tickets
  // and nobody's held work drops out of sight until reassigned.
  const holders = new Set(open.map((t) => t.row.assignee_id));
  const staff = (req.server.crm.db
    .prepare(`SELECT id, display_name AS name, active, role IN ('support_agent','support_manager') AS support FROM users ORDER BY display_name`)
    .all() as { id: number; name: string; active: number; support: number }[])
    .filter((u) => (u.support === 1 && u.active === 1) || holders.has(u.id))
    .map((u) => ({ userId: u.id as number | null, name: u.active === 1 ? u.name : `${u.name} (inactive)` }));
  const load: AgentLoad[] = [...staff, { userId: null, name: 'Unassigned' }].map((u) => {
    const mine = open.filter((t) => t.row.assignee_id === u.userId);
    return { ...u, open: mine.length, breached: mine.filter(isBreached).length, escalated: mine.filter((t) => t.status === 'Escalated').length };
  });
  const openByPriority = Object.fromEntries(PRIORITIES.map((p) => [p, open.filter((t) => t.row.priority === p).length])) as Record<Priority, number>;
  return {
    open,
    breaches,
    load,
    openByPriority,
    firstResponseBreaches: open.filter((t) => t.sla.firstResponse.breached).length,
    resolutionBreaches: open.filter((t) => t.sla.resolution.breached).length,
  };
}

export interface ServiceTotals {
  openByPriority: Record<Priority, number>;
  breaches: number;
  closed: number;
  rated: number;
  averageSatisfaction: number | null;
}

/** The dashboard numbers, from the records in the reader's reach. */
export function serviceTotals(req: FastifyRequest, user: SessionUser, reach: TicketReach): ServiceTotals {
  const { nowIso, rules } = readContext(req);
  const open = unresolvedTickets(req, user, reach);
  const status = effectiveStatusSql(nowIso, rules);
  const scope = reachSql(user, reach, status);
  const agg = req.server.crm.db
    .prepare(
      `SELECT SUM(CASE WHEN ${status} = 'Closed' THEN 1 ELSE 0 END) AS closed,
              COUNT(t.satisfaction) AS rated, AVG(t.satisfaction) AS avg
       FROM tickets t WHERE ${scope.sql}`,
    )
    .get(...scope.params) as { closed: number | null; rated: number; avg: number | null };
  return {
    openByPriority: Object.fromEntries(PRIORITIES.map((p) => [p, open.filter((t) => t.row.priority === p).length])) as Record<Priority, number>,
    breaches: open.filter(isBreached).length,
    closed: agg.closed ?? 0,
    rated: agg.rated,
    averageSatisfaction: agg.avg,
  };
}
