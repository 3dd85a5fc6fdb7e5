/** Customer portal JSON API: /api/portal/tickets… (docs/service.md §7). Customers only (core refuses staff). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, deny } from '../../core/auth.js';
import { parseInput } from '../../core/http.js';
import { listParamsSchema } from '../../core/list.js';
import { recordDueEscalationNotices } from './escalation-notices.js';
import {
  confirmResolution, createTicket, customerActions, customerReply, customerTicket, rateTicket, reopenTicket, viewTicket,
} from './ticket-actions.js';
import { ticketId } from './api-routes.js';
import { ticketReach } from './ticket-access.js';
import { messageSchema, portalTicketSchema, ratingSchema, subjectValidated, ticketFilterSchema } from './ticket-input.js';
import { listTickets } from './ticket-queries.js';
import type { TicketState } from './ticket-store.js';
import { loadMessages, ticketDetailJson, ticketSummaryJson } from './ticket-view.js';

/** What a customer sees of a ticket: public replies only, unless the internal-note-in-portal defect is on. */
export function portalMessages(req: FastifyRequest, s: TicketState) {
  return loadMessages(req, s.row.id, req.server.crm.faults.on('internal-note-in-portal'));
}

export function portalDetail(req: FastifyRequest, s: TicketState) {
  return { ...ticketDetailJson(s, portalMessages(req, s)), actions: customerActions(req, s) };
}

export function registerPortalApi(app: FastifyInstance): void {
  app.get('/api/portal/tickets', (req) => {
    const user = authorize(req, 'ticket', 'list');
    recordDueEscalationNotices(req);
    const filters = parseInput(ticketFilterSchema.pick({ status: true, priority: true }), req.query);
    const list = listTickets(req, user, ticketReach(user, 'list'), parseInput(listParamsSchema, req.query), filters);
    return { ...list, items: list.items.map(ticketSummaryJson) };
  });

  app.post('/api/portal/tickets', (req, reply) => {
    const user = authorize(req, 'ticket', 'create');
    if (ticketReach(user, 'create') === 'none') deny(req, 'ticket', 'create');
    const input = parseInput(portalTicketSchema(subjectValidated(req)), req.body);
    const id = createTicket(req, user, { ...input, accountId: user.accountId as number, contactId: user.contactId, channel: 'portal' });
    return reply.code(201).send(portalDetail(req, viewTicket(req, user, id)));
  });

  app.get('/api/portal/tickets/:id', (req) => {
    authorize(req, 'ticket', 'view');
    recordDueEscalationNotices(req);
    return portalDetail(req, customerTicket(req, ticketId(req)).state);
  });

  const action = (path: string, run: (req: FastifyRequest, id: number) => TicketState) => {
    app.post(`/api/portal/tickets/:id/${path}`, (req) => {
      authorize(req, 'ticket', 'edit');
      return portalDetail(req, run(req, ticketId(req)));
    });
  };
  action('replies', (req, id) => customerReply(req, id, parseInput(messageSchema, req.body).body));
  action('confirm', confirmResolution);
  action('reopen', reopenTicket);
  action('rating', (req, id) => rateTicket(req, id, parseInput(ratingSchema, req.body).rating));
}
