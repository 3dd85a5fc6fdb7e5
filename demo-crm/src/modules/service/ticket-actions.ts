/**
 * Every change to a ticket (docs/service.md §2–§5). Each runs in one transaction that first
 * persists what the clock derived (auto-escalation, auto-close) and then applies the action,
 * so "derived at read time, persisted on the next write" holds for every write path.
 * Permission checks run before the transaction: a denial's audit row must survive.
 */
import type { FastifyRequest } from 'fastify';
import { audit, writeAudit } from '../../core/audit.js';
import { crashPoint } from '../../core/crash-point.js';
import { claimSubmission } from '../../core/submissions.js';
import { requireUser } from '../../core/auth.js';
import { conflict, notFound, ValidationError } from '../../core/http.js';
import { notify } from '../../core/notifications.js';
import type { SessionUser } from '../../core/permissions.js';
import { recordEscalationNotice } from './escalation-notices.js';
import { AUTO_CLOSE_AFTER_MS, firstResponseDueAt, REOPEN_WINDOW_MS } from './sla.js';
import {
  canManageTickets, canViewTicket, canWorkOnTicket, canWriteInternalNotes, denyTicket, type TicketFacts,
} from './ticket-access.js';
import { evaluateTicket, loadTicketRow, readContext, type TicketRow, type TicketState } from './ticket-store.js';
import {
  actionsReaching, MESSAGE_STATUSES, reopenWindowOpen, resultingStatus, transitionFor, transitionRefusal,
  type TicketAction,
} from './workflow.js';
import { formatTicketNumber, type Category, type Channel, type Priority, type ResolutionCode, type TicketStatus } from './vocab.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function factsOf(s: TicketState): TicketFacts {
  return { assigneeId: s.row.assignee_id, accountId: s.row.account_id, status: s.status };
}

/** The ticket as the request's clock sees it; 404 when it does not exist. */
export function loadTicket(req: FastifyRequest, id: number): TicketState {
  const { now, rules } = readContext(req);
  const row = Number.isSafeInteger(id) ? loadTicketRow(req.server.crm.db, id) : undefined;
  if (!row) notFound('No such ticket');
  return evaluateTicket(row, now, rules);
}

/** Loads a ticket the user may see, or answers 403 (audited) / 404. */
export function viewTicket(req: FastifyRequest, user: SessionUser, id: number): TicketState {
  const state = loadTicket(req, id);
  if (!canViewTicket(user, factsOf(state))) denyTicket(req, 'view', id);
  return state;
}

type Column =
  | 'status' | 'assignee_id' | 'resolution_code' | 'updated_at' | 'sla_started_at' | 'first_response_due_at'
  | 'first_responded_at' | 'paused_ms' | 'paused_since' | 'resolved_at' | 'auto_close_at' | 'closed_at'
  | 'close_reason' | 'escalated_at' | 'auto_escalated_at' | 'de_escalated_at' | 'reopened_at' | 'reopen_count'
  | 'satisfaction' | 'rated_at';

function update(req: FastifyRequest, id: number, set: Partial<Record<Column, string | number | null>>): void {
  const keys = Object.keys(set) as Column[];
  req.server.crm.db
    .prepare(`UPDATE tickets SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`)
    .run(...keys.map((k) => set[k] ?? null), id);
}

/** Writes the status the clock derived, attributed to "system" in the audit log. */
function persistDerived(req: FastifyRequest, s: TicketState): void {
  const { db } = req.server.crm;
  const { row, derived } = s;
  if (derived.status === row.status) return;
  const system = { id: null, name: 'system' };
  if (derived.autoClosedAt !== null) {
    update(req, row.id, { status: 'Closed', closed_at: iso(derived.autoClosedAt), close_reason: 'auto' });
    writeAudit(db, system, {
      action: 'update', object: 'ticket', recordId: row.id,
      summary: `${row.number} closed automatically: not confirmed within 3 days of resolution`,
      changes: { status: { from: row.status, to: 'Closed' } },
    }, req.ip);
  } else if (derived.autoEscalatedAt !== null) {
    const at = iso(derived.autoEscalatedAt);
    update(req, row.id, { status: 'Escalated', escalated_at: at, auto_escalated_at: at });
    writeAudit(db, system, {
      action: 'update', object: 'ticket', recordId: row.id,
      summary: `${row.number} escalated automatically: P1 first response overdue`,
      changes: { status: { from: row.status, to: 'Escalated' } },
    }, req.ip);
    recordEscalationNotice(db, { id: row.id, number: row.number, subject: row.subject, reopen_count: row.reopen_count }, iso(s.now));
  }
}

/**
 * Runs `apply` in one transaction on the ticket as of the request's clock, after persisting the
 * derived status. `apply` may throw a 409 (rolls everything back). `atomic: false` is only ever a
 * defect switch: each statement then commits on its own.
 */
function mutate(req: FastifyRequest, before: TicketState, apply: (s: TicketState) => void, o: { atomic?: boolean } = {}): TicketState {
  const { db } = req.server.crm;
  const { now, rules } = readContext(req);
  const run = () => {
    persistDerived(req, before);
    const current = evaluateTicket(loadTicketRow(db, before.row.id) as TicketRow, now, rules);
    apply(current);
  };
  (o.atomic === false ? run : db.transaction(run))();
  return loadTicket(req, before.row.id);
}

/** End of a running Pending-customer interval: its length joins the paused total. */
function endPause(s: TicketState): { paused_ms: number; paused_since: null } | Record<string, never> {
  if (s.row.paused_since === null) return {};
  return { paused_ms: s.row.paused_ms + Math.max(0, s.now - Date.parse(s.row.paused_since)), paused_since: null };
}

function requireTransition(s: TicketState, action: TicketAction): TicketStatus {
  const assigned = s.row.assignee_id !== null;
  const t = transitionFor(action, s.status, assigned);
  if (!t) conflict(transitionRefusal(action, s.status, assigned), { status: s.status });
  return resultingStatus(t, s.status);
}

function auditStatus(req: FastifyRequest, s: TicketState, to: TicketStatus, summary: string, extra: Record<string, { from: unknown; to: unknown }> = {}): void {
  const changes = { ...(to !== s.status ? { status: { from: s.status, to } } : {}), ...extra };
  audit(req, { action: 'update', object: 'ticket', recordId: s.row.id, summary: `${s.row.number}: ${summary}`, changes });
}

// ---------------------------------------------------------------------------------------------
// Creation

export interface NewTicket {
  accountId: number;
  contactId: number | null;
  subject: string;
  description: string;
  priority: Priority;
  category: Category;
  channel: Channel;
}

export function createTicket(req: FastifyRequest, user: SessionUser, t: NewTicket): number {
  const { db } = req.server.crm;
  const { now } = readContext(req);
  if (!db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(t.accountId)) {
    throw new ValidationError({ accountId: 'Choose an existing account' });
  }
  if (t.contactId !== null) {
    const contact = db.prepare('SELECT account_id FROM contacts WHERE id = ?').get(t.contactId) as { account_id: number | null } | undefined;
    if (!contact) throw new ValidationError({ contactId: 'Choose an existing contact' });
    if (contact.account_id !== t.accountId) throw new ValidationError({ contactId: 'This contact does not belong to the chosen account' });
  }
  const at = iso(now);
  return db.transaction(() => {
    const id = (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM tickets').get() as { n: number }).n;
    const number = formatTicketNumber(id);
    db.prepare(
      `INSERT INTO tickets (id, number, account_id, contact_id, subject, description, priority, category, channel, status,
         created_by, created_at, updated_at, sla_started_at, first_response_due_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'New', ?, ?, ?, ?, ?)`,
    ).run(
      id, number, t.accountId, t.contactId, t.subject, t.description, t.priority, t.category, t.channel,
      user.id, at, at, at, iso(firstResponseDueAt({ priority: t.priority, cycleStartedAt: now })),
    );
    audit(req, { action: 'create', object: 'ticket', recordId: id, summary: `${number} (${t.priority}, ${t.channel}): ${t.subject.slice(0, 80)}` });
    return id;
  })();
}

// ---------------------------------------------------------------------------------------------
// Support work

function requireWork(req: FastifyRequest, user: SessionUser, s: TicketState, action: string, taking = false): void {
  if (!canViewTicket(user, factsOf(s)) || !canWorkOnTicket(user, factsOf(s), taking)) denyTicket(req, action, s.row.id);
}

function requireManager(req: FastifyRequest, user: SessionUser, s: TicketState, action: string): void {
  if (!canManageTickets(user)) denyTicket(req, action, s.row.id);
}

export function takeTicket(req: FastifyRequest, id: number): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireWork(req, user, s, 'take', s.row.assignee_id === null);
  return mutate(req, s, (c) => {
    const to = requireTransition(c, 'take');
    update(req, id, { assignee_id: user.id, status: to, updated_at: iso(c.now) });
    auditStatus(req, c, to, `taken by ${user.username}`, { assignee: { from: null, to: user.username } });
  });
}

export function assignTicket(req: FastifyRequest, id: number, assigneeId: number): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireManager(req, user, s, 'assign');
  const { db } = req.server.crm;
  const assignee = db
    .prepare(`SELECT id, username FROM users WHERE id = ? AND active = 1 AND role IN ('support_agent','support_manager')`)
    .get(assigneeId) as { id: number; username: string } | undefined;
  if (!assignee) throw new ValidationError({ assigneeId: 'Choose an active member of the support team' });
  return mutate(req, s, (c) => {
    if (c.row.assignee_id === assignee.id) conflict(`${c.row.number} is already assigned to ${assignee.username}.`);
    const to = requireTransition(c, 'assign');
    update(req, id, { assignee_id: assignee.id, status: to, updated_at: iso(c.now) });
    auditStatus(req, c, to, `assigned to ${assignee.username}`, { assignee: { from: c.row.assignee_name, to: assignee.username } });
    if (assignee.id !== user.id) notify(db, assignee.id, `${c.row.number} "${c.row.subject}" was assigned to you`, `/tickets/${id}`, iso(c.now));
  });
}

export function addStaffMessage(req: FastifyRequest, id: number, kind: 'public' | 'internal', body: string): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireWork(req, user, s, kind === 'public' ? 'reply' : 'internal_note');
  if (kind === 'internal' && !canWriteInternalNotes(user)) denyTicket(req, 'internal_note', id);
  // Defect switch ticket-reply-split-write: no transaction, so the message is committed before the ticket's update.
  return mutate(req, s, (c) => {
    if (!MESSAGE_STATUSES.includes(c.status)) conflict(`${c.row.number} is ${c.status}; it no longer takes replies or notes.`, { status: c.status });
    const at = iso(c.now);
    const info = req.server.crm.db
      .prepare('INSERT INTO ticket_messages (ticket_id, kind, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, kind, user.id, body, at);
    crashPoint(req, 'ticket-reply');
    const firstResponse = kind === 'public' && c.row.first_responded_at === null;
    update(req, id, { updated_at: at, ...(firstResponse ? { first_responded_at: at } : {}) });
    audit(req, {
      action: kind === 'public' ? 'reply' : 'internal_note', object: 'ticket', recordId: id,
      summary: `${c.row.number}: ${kind === 'public' ? 'public reply' : 'internal note'} #${Number(info.lastInsertRowid)}${firstResponse ? ' (first response)' : ''}`,
    });
    claimSubmission(req, `/tickets/${id}`);
  }, { atomic: !req.server.crm.faults.on('ticket-reply-split-write') });
}

export function setPending(req: FastifyRequest, id: number): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireWork(req, user, s, 'pending');
  return mutate(req, s, (c) => {
    const to = requireTransition(c, 'pending');
    update(req, id, { status: to, paused_since: iso(c.now), updated_at: iso(c.now) });
    auditStatus(req, c, to, 'waiting for the customer (resolution clock paused)');
  });
}

export function resumeTicket(req: FastifyRequest, id: number): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireWork(req, user, s, 'resume');
  return mutate(req, s, (c) => {
    const to = requireTransition(c, 'resume');
    update(req, id, { status: to, ...endPause(c), updated_at: iso(c.now) });
    auditStatus(req, c, to, 'set open');
  });
}

export function resolveTicket(req: FastifyRequest, id: number, code: ResolutionCode): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireWork(req, user, s, 'resolve');
  return mutate(req, s, (c) => {
    const to = requireTransition(c, 'resolve');
    update(req, id, {
      status: to, resolution_code: code, resolved_at: iso(c.now), auto_close_at: iso(c.now + AUTO_CLOSE_AFTER_MS),
      ...endPause(c), updated_at: iso(c.now),
    });
    auditStatus(req, c, to, `resolved (${code})`, { resolutionCode: { from: null, to: code } });
  });
}

export function escalateTicket(req: FastifyRequest, id: number): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireManager(req, user, s, 'escalate');
  return mutate(req, s, (c) => {
    const to = requireTransition(c, 'escalate');
    update(req, id, { status: to, escalated_at: iso(c.now), ...endPause(c), updated_at: iso(c.now) });
    auditStatus(req, c, to, 'escalated to the support team');
  });
}

export function deEscalateTicket(req: FastifyRequest, id: number): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  requireManager(req, user, s, 'de-escalate');
  return mutate(req, s, (c) => {
    const to = requireTransition(c, 'de-escalate');
    update(req, id, { status: to, de_escalated_at: iso(c.now), updated_at: iso(c.now) });
    auditStatus(req, c, to, 'de-escalated');
  });
}

const STATUS_ACTIONS: Partial<Record<TicketAction, (req: FastifyRequest, id: number, code?: ResolutionCode) => TicketState>> = {
  pending: setPending,
  resume: resumeTicket,
  escalate: escalateTicket,
  'de-escalate': deEscalateTicket,
};

/** POST /api/tickets/:id/status: the target status picks the action of the transition table. */
export function changeStatus(req: FastifyRequest, id: number, to: TicketStatus, code?: ResolutionCode): TicketState {
  const user = requireUser(req);
  const s = loadTicket(req, id);
  if (!canViewTicket(user, factsOf(s))) denyTicket(req, 'edit', id);
  const assigned = s.row.assignee_id !== null;
  const action = actionsReaching(to).find((a) => {
    if (a !== 'resolve' && !STATUS_ACTIONS[a]) return false;
    const t = transitionFor(a, s.status, assigned);
    return t !== null && resultingStatus(t, s.status) === to;
  });
  if (!action) {
    if (to === 'Resolved' && !assigned && transitionFor('resolve', s.status, true)) conflict(transitionRefusal('resolve', s.status, false));
    conflict(`A ticket cannot go from ${s.status} to ${to}${to === 'Closed' || to === 'Reopened' ? ' by staff: only the customer confirms or reopens' : ''}.`, { status: s.status });
  }
  if (action === 'resolve') {
    if (!code) throw new ValidationError({ resolutionCode: 'Choose a resolution code (Fixed, Workaround, Duplicate, No fault found)' });
    return resolveTicket(req, id, code);
  }
  return (STATUS_ACTIONS[action] as (req: FastifyRequest, id: number) => TicketState)(req, id);
}

// ---------------------------------------------------------------------------------------------
// Customer portal

function notifyAssignee(req: FastifyRequest, s: TicketState, message: string): void {
  if (s.row.assignee_id !== null) notify(req.server.crm.db, s.row.assignee_id, message, `/tickets/${s.row.id}`, iso(s.now));
}

/** Loads a ticket of the customer's own account, or 403 (audited) / 404. */
export function customerTicket(req: FastifyRequest, id: number): { user: SessionUser; state: TicketState } {
  // core's requireUser already limits portal paths to customers
  const user = requireUser(req);
  return { user, state: viewTicket(req, user, id) };
}

export function customerReply(req: FastifyRequest, id: number, body: string): TicketState {
  const { user, state } = customerTicket(req, id);
  return mutate(req, state, (c) => {
    if (c.status === 'Resolved' || c.status === 'Closed') {
      conflict(`${c.row.number} is ${c.status}: confirm the resolution or reopen the ticket to continue the conversation.`, { status: c.status });
    }
    const to = requireTransition(c, 'customer-reply');
    const at = iso(c.now);
    req.server.crm.db
      .prepare(`INSERT INTO ticket_messages (ticket_id, kind, author_id, body, created_at) VALUES (?, 'public', ?, ?, ?)`)
      .run(id, user.id, body, at);
    update(req, id, { status: to, ...(to !== c.status ? endPause(c) : {}), updated_at: at });
    audit(req, { action: 'reply', object: 'ticket', recordId: id, summary: `${c.row.number}: customer reply${to !== c.status ? ` (${c.status} → ${to})` : ''}`, ...(to !== c.status ? { changes: { status: { from: c.status, to } } } : {}) });
    notifyAssignee(req, c, `${c.row.number}: the customer replied`);
  });
}

export function confirmResolution(req: FastifyRequest, id: number): TicketState {
  const { state } = customerTicket(req, id);
  return mutate(req, state, (c) => {
    if (c.status === 'Closed') conflict(`${c.row.number} is already closed.`, { status: c.status });
    const to = requireTransition(c, 'confirm');
    update(req, id, { status: to, closed_at: iso(c.now), close_reason: 'confirmed', updated_at: iso(c.now) });
    auditStatus(req, c, to, 'resolution confirmed by the customer');
  });
}

export function reopenTicket(req: FastifyRequest, id: number): TicketState {
  const { state } = customerTicket(req, id);
  const windowCheck = !req.server.crm.faults.on('ticket-reopen-after-window');
  return mutate(req, state, (c) => {
    const to = requireTransition(c, 'reopen');
    const resolvedAt = Date.parse(c.row.resolved_at as string);
    if (windowCheck && !reopenWindowOpen(resolvedAt, c.now)) {
      conflict(
        `${c.row.number} was resolved on ${iso(resolvedAt).slice(0, 10)}, more than 7 days ago, so it can no longer be reopened. Please open a new ticket.`,
        { status: c.status, reopenDeadline: iso(resolvedAt + REOPEN_WINDOW_MS) },
      );
    }
    const at = iso(c.now);
    update(req, id, {
      status: to, sla_started_at: at, first_response_due_at: iso(firstResponseDueAt({ priority: c.row.priority, cycleStartedAt: c.now })),
      first_responded_at: null, paused_ms: 0, paused_since: null, resolved_at: null, auto_close_at: null, closed_at: null,
      close_reason: null, resolution_code: null, escalated_at: null, auto_escalated_at: null, de_escalated_at: null,
      reopened_at: at, reopen_count: c.row.reopen_count + 1, updated_at: at,
    });
    auditStatus(req, c, to, 'reopened by the customer; SLA restarted');
    notifyAssignee(req, c, `${c.row.number} was reopened by the customer`);
  });
}

export function rateTicket(req: FastifyRequest, id: number, rating: number): TicketState {
  const { state } = customerTicket(req, id);
  return mutate(req, state, (c) => {
    if (c.status !== 'Closed') conflict(`You can rate ${c.row.number} once it is closed (it is ${c.status}).`, { status: c.status });
    if (c.row.satisfaction !== null) conflict(`You have already rated ${c.row.number} (${c.row.satisfaction} of 5); a ticket is rated once.`, { status: c.status });
    update(req, id, { satisfaction: rating, rated_at: iso(c.now), updated_at: iso(c.now) });
    audit(req, { action: 'rate', object: 'ticket', recordId: id, summary: `${c.row.number}: satisfaction ${rating} of 5`, changes: { satisfaction: { from: null, to: rating } } });
  });
}

// ---------------------------------------------------------------------------------------------
// What the reader may do next (buttons on the pages, `actions` in the API)

export type StaffActionName = 'take' | 'reply' | 'note' | 'pending' | 'resume' | 'resolve' | 'escalate' | 'de-escalate' | 'assign';
export type CustomerActionName = 'reply' | 'confirm' | 'reopen' | 'rate';

export function staffActions(user: SessionUser, s: TicketState): StaffActionName[] {
  const facts = factsOf(s);
  if (!canViewTicket(user, facts)) return [];
  const assigned = s.row.assignee_id !== null;
  const can = (a: TicketAction) => transitionFor(a, s.status, assigned) !== null;
  const work = canWorkOnTicket(user, facts);
  const out: StaffActionName[] = [];
  if (!assigned && can('take') && canWorkOnTicket(user, facts, true)) out.push('take');
  if (work && MESSAGE_STATUSES.includes(s.status)) {
    out.push('reply');
    if (canWriteInternalNotes(user)) out.push('note');
  }
  if (work) for (const a of ['pending', 'resume', 'resolve'] as const) if (can(a)) out.push(a);
  if (canManageTickets(user)) for (const a of ['escalate', 'de-escalate', 'assign'] as const) if (can(a)) out.push(a);
  return out;
}

export function customerActions(req: FastifyRequest, s: TicketState): CustomerActionName[] {
  const out: CustomerActionName[] = [];
  if (transitionFor('customer-reply', s.status, s.row.assignee_id !== null)) out.push('reply');
  if (s.status === 'Resolved') out.push('confirm');
  if ((s.status === 'Resolved' || s.status === 'Closed') && s.row.resolved_at !== null) {
    const open = req.server.crm.faults.on('ticket-reopen-after-window') || reopenWindowOpen(Date.parse(s.row.resolved_at), s.now);
    if (open) out.push('reopen');
  }
  if (s.status === 'Closed' && s.row.satisfaction === null) out.push('rate');
  return out;
}
