/**
 * Who sees and works on which ticket (docs/service.md §5): the role scopes of core/permissions.ts
 * read through the service desk's own ownership rules. Tickets belong to the support desk, not to
 * a record owner, so `team` scope (support manager) covers every ticket, and `own` scope
 * (support agent) covers the queue, the agent's own tickets and every escalated ticket.
 */
import type { FastifyRequest } from 'fastify';
import { deny } from '../../core/auth.js';
import { scopeOf, type Action, type SessionUser } from '../../core/permissions.js';
import type { TicketStatus } from './vocab.js';

/** all: every ticket; agent: queue + own + escalated; account: the customer's account; none. */
export type TicketReach = 'all' | 'agent' | 'account' | 'none';

export function ticketReach(user: SessionUser, action: Action): TicketReach {
  switch (scopeOf(user, 'ticket', action)) {
    case 'any':
    case 'team':
      return 'all';
    case 'own':
      return 'agent';
    case 'account':
      return user.accountId === null ? 'none' : 'account';
    case 'none':
      return 'none';
  }
}

export interface TicketFacts {
  assigneeId: number | null;
  accountId: number;
  /** effective status as of the request's clock */
  status: TicketStatus;
}

function reaches(user: SessionUser, reach: TicketReach, t: TicketFacts): boolean {
  switch (reach) {
    case 'all':
      return true;
    case 'agent':
      return t.assigneeId === user.id || t.status === 'Escalated' || (t.assigneeId === null && t.status === 'New');
    case 'account':
      return t.accountId === user.accountId;
    case 'none':
      return false;
  }
}

export function canViewTicket(user: SessionUser, t: TicketFacts): boolean {
  return reaches(user, ticketReach(user, 'view'), t);
}

/** Support work (take, reply, note, status, resolve). Taking needs an unassigned ticket in view. */
export function canWorkOnTicket(user: SessionUser, t: TicketFacts, taking = false): boolean {
  if (user.role === 'customer') return false;
  const reach = ticketReach(user, 'edit');
  if (reach !== 'agent') return reach === 'all';
  if (taking) return t.assigneeId === null && canViewTicket(user, t);
  return t.assigneeId === user.id || t.status === 'Escalated';
}

/** Reassign, escalate, de-escalate: the ticket `approve` scope (support manager, admin). */
export function canManageTickets(user: SessionUser): boolean {
  return user.role !== 'customer' && ticketReach(user, 'approve') === 'all';
}

/** The SLA board: roles that see every ticket (support manager, admin, auditor). */
export function canSeeSlaBoard(user: SessionUser): boolean {
  return user.role !== 'customer' && ticketReach(user, 'list') === 'all';
}

/** Internal notes: staff whose role may read internal notes, on tickets they can see. */
export function canReadInternalNotes(user: SessionUser): boolean {
  return user.role !== 'customer' && scopeOf(user, 'internal_note', 'view') !== 'none';
}

export function canWriteInternalNotes(user: SessionUser): boolean {
  return user.role !== 'customer' && scopeOf(user, 'internal_note', 'create') !== 'none';
}

/**
 * SQL limiting a ticket list to the reach. `statusSql` is the effective-status expression so an
 * escalation derived at read time widens an agent's view exactly as the detail page does.
 */
export function reachSql(user: SessionUser, reach: TicketReach, statusSql: string): { sql: string; params: unknown[] } {
  switch (reach) {
    case 'all':
      return { sql: '1=1', params: [] };
    case 'agent':
      return {
        sql: `(t.assignee_id = ? OR ${statusSql} = 'Escalated' OR (t.assignee_id IS NULL AND ${statusSql} = 'New'))`,
        params: [user.id],
      };
    case 'account':
      return { sql: 't.account_id = ?', params: [user.accountId] };
    case 'none':
      return { sql: '0=1', params: [] };
  }
}

/** 403 + audit 'permission_denied' for one ticket; never echoes the record. */
export function denyTicket(req: FastifyRequest, action: string, ticketId: number): never {
  return deny(req, 'ticket', action, ticketId);
}
