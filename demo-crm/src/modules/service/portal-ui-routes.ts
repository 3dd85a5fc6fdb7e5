/** Customer portal pages: /portal, /portal/tickets/new, /portal/tickets/:id and its action posts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, deny } from '../../core/auth.js';
import { parseInput, redirectWithToast, ValidationError } from '../../core/http.js';
import { listParamsSchema } from '../../core/list.js';
import { ticketId } from './api-routes.js';
import { recordDueEscalationNotices } from './escalation-notices.js';
import { formFields, runFormAction } from './form-action.js';
import { portalMessages } from './portal-api-routes.js';
import {
  confirmResolution, createTicket, customerActions, customerReply, customerTicket, rateTicket, reopenTicket,
} from './ticket-actions.js';
import { ticketReach } from './ticket-access.js';
import { messageSchema, portalTicketSchema, ratingSchema, subjectValidated, ticketFilterSchema } from './ticket-input.js';
import { listTickets } from './ticket-queries.js';
import type { TicketState } from './ticket-store.js';
import { portalDetailPage, portalListPage, type PortalDetailOptions } from './pages/portal-pages.js';
import { portalTicketFormPage } from './pages/ticket-form-page.js';

function renderDetail(req: FastifyRequest, reply: FastifyReply, s: TicketState, extra: Partial<PortalDetailOptions> = {}) {
  return portalDetailPage(req, reply, { state: s, messages: portalMessages(req, s), actions: customerActions(req, s), ...extra });
}

/** Registers POST /portal/tickets/:id/<path> for one action of the portal ticket page. */
function portalAction(
  app: FastifyInstance,
  path: string,
  run: (req: FastifyRequest, id: number) => TicketState,
  toast: (s: TicketState) => string,
  fieldNames: Record<string, string> = {},
): void {
  app.post(`/portal/tickets/:id/${path}`, (req, reply) => {
    authorize(req, 'ticket', 'edit');
    const id = ticketId(req);
    return runFormAction(req, reply, {
      run: () => run(req, id), redirectTo: `/portal/tickets/${id}`, toast, fieldNames,
      rerender: (r) => renderDetail(req, reply, customerTicket(req, id).state, r),
    });
  });
}

export function registerPortalPages(app: FastifyInstance): void {
  app.get('/portal', (req, reply) => {
    const user = authorize(req, 'ticket', 'list');
    recordDueEscalationNotices(req);
    const f = parseInput(ticketFilterSchema.pick({ status: true }), req.query);
    const list = listTickets(req, user, ticketReach(user, 'list'), parseInput(listParamsSchema, req.query), f);
    const account = req.server.crm.db.prepare('SELECT name FROM accounts WHERE id = ?').pluck().get(user.accountId) as string | undefined;
    return portalListPage(req, reply, user, list, f, account ?? '');
  });

  app.get('/portal/tickets/new', (req, reply) => {
    authorize(req, 'ticket', 'create');
    return portalTicketFormPage(req, reply, {});
  });

  app.post('/portal/tickets', (req, reply) => {
    const user = authorize(req, 'ticket', 'create');
    if (ticketReach(user, 'create') === 'none') deny(req, 'ticket', 'create');
    try {
      const input = parseInput(portalTicketSchema(subjectValidated(req)), req.body);
      const id = createTicket(req, user, { ...input, accountId: user.accountId as number, contactId: user.contactId, channel: 'portal' });
      const s = customerTicket(req, id).state;
      return redirectWithToast(reply, req, `/portal/tickets/${id}`, `Ticket ${s.row.number} submitted`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return portalTicketFormPage(req, reply, { values: formFields(req), errors: e.fields, status: 400 });
    }
  });

  app.get('/portal/tickets/:id', (req, reply) => {
    authorize(req, 'ticket', 'view');
    recordDueEscalationNotices(req);
    return renderDetail(req, reply, customerTicket(req, ticketId(req)).state);
  });

  portalAction(app, 'reply', (req, id) => customerReply(req, id, parseInput(messageSchema, { body: formFields(req).replyBody }).body), () => 'Reply sent', { body: 'replyBody' });
  portalAction(app, 'confirm', confirmResolution, (s) => `${s.row.number} is closed. Thank you!`);
  portalAction(app, 'reopen', reopenTicket, (s) => `${s.row.number} reopened; our team will get back to you`);
  portalAction(app, 'rate', (req, id) => rateTicket(req, id, parseInput(ratingSchema, req.body).rating), () => 'Thank you for your rating');
}
