/**
 * Ticket status machine (docs/service.md §2). Pure: the transition table is data, enforced by
 * `transitionFor` and printed in the docs; derived statuses are computed from "now" (epoch ms).
 */
import { AUTO_CLOSE_AFTER_MS, REOPEN_WINDOW_MS, type SlaRules } from './sla.js';
import type { Priority, TicketStatus } from './vocab.js';

export type TicketAction =
  | 'take'
  | 'assign'
  | 'pending'
  | 'resume'
  | 'resolve'
  | 'escalate'
  | 'de-escalate'
  | 'customer-reply'
  | 'confirm'
  | 'reopen';

/** Who may perform an action: `support` = the assignee (or anyone on an escalated ticket) and managers; `manager` = ticket approve scope. */
export type Actor = 'support' | 'manager' | 'customer';

export interface Transition {
  action: TicketAction;
  label: string;
  actor: Actor;
  from: readonly TicketStatus[];
  /** the resulting status; `same` keeps it */
  to: TicketStatus | 'same';
  /** only when the ticket has (true) / has not (false) an assignee */
  assigned?: boolean;
}

export const TRANSITIONS: readonly Transition[] = [
  { action: 'take', label: 'Take', actor: 'support', from: ['New'], to: 'Open', assigned: false },
  { action: 'take', label: 'Take', actor: 'support', from: ['Escalated'], to: 'same', assigned: false },
  { action: 'assign', label: 'Reassign', actor: 'manager', from: ['New'], to: 'Open' },
  { action: 'assign', label: 'Reassign', actor: 'manager', from: ['Open', 'Pending customer', 'Escalated', 'Reopened'], to: 'same' },
  { action: 'pending', label: 'Set pending customer', actor: 'support', from: ['Open', 'Reopened'], to: 'Pending customer' },
  { action: 'resume', label: 'Set open', actor: 'support', from: ['Pending customer', 'Reopened'], to: 'Open' },
  { action: 'resolve', label: 'Resolve', actor: 'support', from: ['Open', 'Pending customer', 'Escalated', 'Reopened'], to: 'Resolved', assigned: true },
  { action: 'escalate', label: 'Escalate', actor: 'manager', from: ['New', 'Open', 'Pending customer', 'Reopened'], to: 'Escalated' },
  { action: 'de-escalate', label: 'De-escalate', actor: 'manager', from: ['Escalated'], to: 'Open', assigned: true },
  { action: 'de-escalate', label: 'De-escalate', actor: 'manager', from: ['Escalated'], to: 'New', assigned: false },
  { action: 'customer-reply', label: 'Reply', actor: 'customer', from: ['Pending customer'], to: 'Open' },
  { action: 'customer-reply', label: 'Reply', actor: 'customer', from: ['New', 'Open', 'Escalated', 'Reopened'], to: 'same' },
  { action: 'confirm', label: 'Confirm resolution', actor: 'customer', from: ['Resolved'], to: 'Closed' },
  { action: 'reopen', label: 'Reopen', actor: 'customer', from: ['Resolved', 'Closed'], to: 'Reopened' },
];

/** Statuses in which staff may add public replies and internal notes. */
export const MESSAGE_STATUSES: readonly TicketStatus[] = ['New', 'Open', 'Pending customer', 'Escalated', 'Resolved', 'Reopened'];

export function transitionFor(action: TicketAction, from: TicketStatus, assigned: boolean): Transition | null {
  return (
    TRANSITIONS.find(
      (t) => t.action === action && t.from.includes(from) && (t.assigned === undefined || t.assigned === assigned),
    ) ?? null
  );
}

export function resultingStatus(t: Transition, from: TicketStatus): TicketStatus {
  return t.to === 'same' ? from : t.to;
}

/** Why `action` is refused in status `from`, for people (HTTP 409). */
export function transitionRefusal(action: TicketAction, from: TicketStatus, assigned: boolean): string {
  if (action === 'take' && assigned) return 'This ticket is already assigned; ask a support manager to reassign it.';
  if (action === 'resolve' && !assigned && TRANSITIONS.some((t) => t.action === 'resolve' && t.from.includes(from))) {
    return 'Assign the ticket before resolving it.';
  }
  const label = TRANSITIONS.find((t) => t.action === action)?.label ?? action;
  const allowed = [...new Set(TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.from))];
  return `"${label}" is not allowed while the ticket is ${from}; it is allowed only from ${allowed.join(', ')}.`;
}

/** Staff status targets of POST /api/tickets/:id/status, mapped onto the actions that reach them. */
export function actionsReaching(to: TicketStatus): TicketAction[] {
  return [...new Set(TRANSITIONS.filter((t) => t.actor !== 'customer' && t.to === to).map((t) => t.action))];
}

export interface StatusFacts {
  status: TicketStatus;
  priority: Priority;
  firstRespondedAt: number | null;
  firstResponseDueAt: number;
  resolvedAt: number | null;
  autoEscalatedAt: number | null;
  deEscalatedAt: number | null;
}

export interface DerivedStatus {
  status: TicketStatus;
  /** set when the status is Escalated only because the P1 first response is overdue */
  autoEscalatedAt: number | null;
  /** set when the status is Closed only because 3 days passed after resolution */
  autoClosedAt: number | null;
}

/** Statuses from which an overdue P1 escalates by itself. */
export const AUTO_ESCALATION_FROM: readonly TicketStatus[] = ['New', 'Open', 'Reopened'];

/**
 * The status as of `now`. Auto-escalation and auto-close are never written by a read: the
 * next write of the ticket persists what this returns (docs/service.md §4).
 */
export function deriveStatus(f: StatusFacts, now: number, rules: SlaRules): DerivedStatus {
  if (f.status === 'Resolved' && f.resolvedAt !== null && now > f.resolvedAt + AUTO_CLOSE_AFTER_MS) {
    return { status: 'Closed', autoEscalatedAt: null, autoClosedAt: f.resolvedAt + AUTO_CLOSE_AFTER_MS };
  }
  if (
    rules.flagFirstResponseBreach &&
    f.priority === 'P1' &&
    AUTO_ESCALATION_FROM.includes(f.status) &&
    f.firstRespondedAt === null &&
    f.autoEscalatedAt === null &&
    f.deEscalatedAt === null &&
    now > f.firstResponseDueAt
  ) {
    return { status: 'Escalated', autoEscalatedAt: f.firstResponseDueAt, autoClosedAt: null };
  }
  return { status: f.status, autoEscalatedAt: null, autoClosedAt: null };
}

/** Reopen is allowed up to and including 7 days after resolution. */
export function reopenWindowOpen(resolvedAt: number, now: number): boolean {
  return now <= resolvedAt + REOPEN_WINDOW_MS;
}
