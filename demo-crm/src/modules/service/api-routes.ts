/** Staff JSON API: /api/tickets… (docs/service.md §7). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, deny, requireUser } from '../../core/auth.js';
import { parseInput } from '../../core/http.js';
import { listParamsSchema } from '../../core/list.js';
import { recordDueEscalationNotices } from './escalation-notices.js';
import {
  addStaffMessage, assignTicket, changeStatus, createTicket, deEscalateTicket, escalateTicket, resolveTicket, resumeTicket,
  setPending, staffActions, takeTicket, viewTicket,
} from './ticket-actions.js';
import { canReadInternalNotes, canSeeSlaBoard, ticketReach } from './ticket-access.js';
import { assignSchema, messageSchema, resolveSchema, staffTicketSchema, statusChangeSchema, subjectValidated, ticketFilterSchema } from './ticket-input.js';
import { listTickets, slaBoard } from './ticket-queries.js';
import type { TicketState } from './ticket-store.js';
import { loadMessages, ticketDetailJson, ticketSummaryJson } from './ticket-view.js';
import { ticketHistory } from './ticket-history.js';

export function ticketId(req: FastifyRequest): number {
  const n = Number((req.params as { id: string }).id);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
}

export function staffDetail(req: FastifyRequest, s: TicketState) {
  const user = requireUser(req);
  const messages = loadMessages(req, s.row.id, canReadInternalNotes(user));
  return { ...ticketDetailJson(s, messages), actions: staffActions(user, s) };
}

/** Support users a ticket can be assigned to. */
export function assignees(req: FastifyRequest): { id: number; username: string; name: string; role: string }[] {
  return req.server.crm.db
    .prepare(`SELECT id, username, display_name AS name, role FROM users WHERE active = 1 AND role IN ('support_agent','support_manager') ORDER BY display_name`)
    .all() as { id: number; username: string; name: string; role: string }[];
}

export function registerTicketApi(app: FastifyInstance): void {
  app.get('/api/tickets', (req) => {
    const user = authorize(req, 'ticket', 'list');
    recordDueEscalationNotices(req);
    const list = listTickets(req, user, ticketReach(user, 'list'), parseInput(listParamsSchema, req.query), parseInput(ticketFilterSchema, req.query));
    return { ...list, items: list.items.map(ticketSummaryJson) };
  });

  app.post('/api/tickets', (req, reply) => {
    const user = authorize(req, 'ticket', 'create');
    const input = parseInput(staffTicketSchema(subjectValidated(req)), req.body);
    const id = createTicket(req, user, { ...input, contactId: input.contactId ?? null });
    return reply.code(201).send(staffDetail(req, viewTicket(req, user, id)));
  });

  app.get('/api/tickets/sla-board', (req) => {
    const user = authorize(req, 'ticket', 'list');
    if (!canSeeSlaBoard(user)) deny(req, 'ticket', 'sla_board');
    recordDueEscalationNotices(req);
    const b = slaBoard(req, user, ticketReach(user, 'list'));
    return {
      openCount: b.open.length,
      breachCount: b.breaches.length,
      firstResponseBreaches: b.firstResponseBreaches,
      resolutionBreaches: b.resolutionBreaches,
      openByPriority: b.openByPriority,
      open: b.open.map(ticketSummaryJson),
      breaches: b.breaches.map(ticketSummaryJson),
      agentLoad: b.load,
    };
  });

  app.get('/api/tickets/assignees', (req) => {
    authorize(req, 'ticket', 'list');
    return { items: assignees(req) };
  });

  app.get('/api/tickets/:id', (req) => {
    const user = authorize(req, 'ticket', 'view');
    recordDueEscalationNotices(req);
    return staffDetail(req, viewTicket(req, user, ticketId(req)));
  });

  app.get('/api/tickets/:id/history', (req) => {
    const user = authorize(req, 'ticket', 'view');
    const s = viewTicket(req, user, ticketId(req));
    return { items: ticketHistory(req, s.row.id) };
  });

  const action = (path: string, object: 'ticket' | 'internal_note', perm: 'edit' | 'approve' | 'create', run: (req: FastifyRequest, id: number) => TicketState) => {
    app.post(`/api/tickets/:id/${path}`, (req) => {
      authorize(req, object, perm);
      return staffDetail(req, run(req, ticketId(req)));
    });
  };
  action('take', 'ticket', 'edit', takeTicket);
  action('replies', 'ticket', 'edit', (req, id) => addStaffMessage(req, id, 'public', parseInput(messageSchema, req.body).body));
  action('notes', 'internal_note', 'create', (req, id) => addStaffMessage(req, id, 'internal', parseInput(messageSchema, req.body).body));
  action('pending', 'ticket', 'edit', setPending);
  action('resume', 'ticket', 'edit', resumeTicket);
  action('resolve', 'ticket', 'edit', (req, id) => resolveTicket(req, id, parseInput(resolveSchema, req.body).resolutionCode));
  action('status', 'ticket', 'edit', (req, id) => {
    const body = parseInput(statusChangeSchema, req.body);
    return changeStatus(req, id, body.status, body.resolutionCode);
  });
  action('escalate', 'ticket', 'approve', escalateTicket);
  action('de-escalate', 'ticket', 'approve', deEscalateTicket);
  action('assign', 'ticket', 'approve', (req, id) => assignTicket(req, id, parseInput(assignSchema, req.body).assigneeId));
}
