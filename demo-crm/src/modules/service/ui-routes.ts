/** Staff pages: /tickets, /tickets/new, /tickets/:id and its action posts, /service/sla. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, deny } from '../../core/auth.js';
import { parseInput, redirectWithToast, ValidationError } from '../../core/http.js';
import { answerResend } from '../../core/submissions.js';
import { listParamsSchema } from '../../core/list.js';
import type { SessionUser } from '../../core/permissions.js';
import { assignees, ticketId } from './api-routes.js';
import { recordDueEscalationNotices } from './escalation-notices.js';
import { formFields, runFormAction } from './form-action.js';
import {
  addStaffMessage, assignTicket, createTicket, deEscalateTicket, escalateTicket, resolveTicket, resumeTicket, setPending,
  staffActions, takeTicket, viewTicket,
} from './ticket-actions.js';
import { canReadInternalNotes, canSeeSlaBoard, ticketReach } from './ticket-access.js';
import { ticketHistory } from './ticket-history.js';
import { assignSchema, messageSchema, resolveSchema, staffTicketSchema, subjectValidated, ticketFilterSchema } from './ticket-input.js';
import { listTickets, slaBoard } from './ticket-queries.js';
import type { TicketState } from './ticket-store.js';
import { loadMessages } from './ticket-view.js';
import { ticketDetailPage, type DetailPageOptions } from './pages/ticket-detail-page.js';
import { ACCOUNT_CHOICES_LIMIT, chooseAccountPage, ticketFormPage } from './pages/ticket-form-page.js';
import { ticketListPage } from './pages/ticket-list-page.js';
import { slaBoardPage } from './pages/sla-board-page.js';

function renderDetail(req: FastifyRequest, reply: FastifyReply, user: SessionUser, s: TicketState, extra: Partial<DetailPageOptions> = {}) {
  return ticketDetailPage(req, reply, user, {
    state: s,
    messages: loadMessages(req, s.row.id, canReadInternalNotes(user)),
    actions: staffActions(user, s),
    history: ticketHistory(req, s.row.id),
    assignees: assignees(req),
    ...extra,
  });
}

/** Registers POST /tickets/:id/<path> for one action of the ticket page. */
function uiAction(
  app: FastifyInstance,
  path: string,
  perm: { object: 'ticket' | 'internal_note'; action: 'edit' | 'approve' | 'create' },
  run: (req: FastifyRequest, id: number) => TicketState,
  toast: (s: TicketState) => string,
  fieldNames: Record<string, string> = {},
): void {
  app.post(`/tickets/:id/${path}`, (req, reply) => {
    const user = authorize(req, perm.object, perm.action);
    const id = ticketId(req);
    const resent = answerResend(req, reply);
    if (resent) return resent;
    return runFormAction(req, reply, {
      run: () => run(req, id), redirectTo: `/tickets/${id}`, toast, fieldNames,
      rerender: (r) => renderDetail(req, reply, user, viewTicket(req, user, id), r),
    });
  });
}

function accountChoices(req: FastifyRequest): { id: number; name: string }[] {
  return req.server.crm.db.prepare('SELECT id, name FROM accounts ORDER BY name LIMIT ?').all(ACCOUNT_CHOICES_LIMIT) as { id: number; name: string }[];
}

function formContext(req: FastifyRequest, accountId: number) {
  const { db } = req.server.crm;
  const account = db.prepare('SELECT id, name FROM accounts WHERE id = ?').get(accountId) as { id: number; name: string } | undefined;
  if (!account) return null;
  const contacts = db
    .prepare(`SELECT id, trim(first_name || ' ' || last_name) AS name FROM contacts WHERE account_id = ? ORDER BY last_name, first_name LIMIT 500`)
    .all(accountId) as { id: number; name: string }[];
  return { account, contacts };
}

export function registerTicketPages(app: FastifyInstance): void {
  app.get('/tickets', (req, reply) => {
    const user = authorize(req, 'ticket', 'list');
    recordDueEscalationNotices(req);
    const f = parseInput(ticketFilterSchema, req.query);
    const list = listTickets(req, user, ticketReach(user, 'list'), parseInput(listParamsSchema, req.query), f);
    return ticketListPage(req, reply, user, list, f, assignees(req));
  });

  app.get('/tickets/new', (req, reply) => {
    authorize(req, 'ticket', 'create');
    const raw = (req.query as Record<string, string | undefined>).accountId;
    if (raw === undefined) return chooseAccountPage(req, reply, accountChoices(req));
    const ctx = formContext(req, Number(raw));
    if (!ctx) return chooseAccountPage(req, reply, accountChoices(req), 'Choose an account');
    return ticketFormPage(req, reply, ctx);
  });

  app.post('/tickets', (req, reply) => {
    const user = authorize(req, 'ticket', 'create');
    try {
      const input = parseInput(staffTicketSchema(subjectValidated(req)), req.body);
      const id = createTicket(req, user, { ...input, contactId: input.contactId ?? null });
      const s = viewTicket(req, user, id);
      return redirectWithToast(reply, req, `/tickets/${id}`, `Ticket ${s.row.number} created`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const ctx = formContext(req, Number(formFields(req).accountId));
      if (!ctx) return chooseAccountPage(req, reply, accountChoices(req), e.fields.accountId ?? 'Choose an account');
      return ticketFormPage(req, reply, { ...ctx, values: formFields(req), errors: e.fields, status: 400 });
    }
  });

  app.get('/tickets/:id', (req, reply) => {
    const user = authorize(req, 'ticket', 'view');
    recordDueEscalationNotices(req);
    return renderDetail(req, reply, user, viewTicket(req, user, ticketId(req)));
  });

  uiAction(app, 'take', { object: 'ticket', action: 'edit' }, takeTicket, (s) => `You took ${s.row.number}`);
  uiAction(app, 'reply', { object: 'ticket', action: 'edit' }, (req, id) => addStaffMessage(req, id, 'public', parseInput(messageSchema, { body: formFields(req).replyBody }).body), () => 'Reply sent to the customer', { body: 'replyBody' });
  uiAction(app, 'note', { object: 'internal_note', action: 'create' }, (req, id) => addStaffMessage(req, id, 'internal', parseInput(messageSchema, { body: formFields(req).noteBody }).body), () => 'Internal note added', { body: 'noteBody' });
  uiAction(app, 'pending', { object: 'ticket', action: 'edit' }, setPending, (s) => `${s.row.number} is pending customer; the resolution clock is paused`);
  uiAction(app, 'resume', { object: 'ticket', action: 'edit' }, resumeTicket, (s) => `${s.row.number} is open`);
  uiAction(app, 'resolve', { object: 'ticket', action: 'edit' }, (req, id) => resolveTicket(req, id, parseInput(resolveSchema, req.body).resolutionCode), (s) => `${s.row.number} resolved (${s.row.resolution_code ?? ''})`);
  uiAction(app, 'escalate', { object: 'ticket', action: 'approve' }, escalateTicket, (s) => `${s.row.number} escalated to the support team`);
  uiAction(app, 'de-escalate', { object: 'ticket', action: 'approve' }, deEscalateTicket, (s) => `${s.row.number} de-escalated`);
  uiAction(app, 'assign', { object: 'ticket', action: 'approve' }, (req, id) => assignTicket(req, id, parseInput(assignSchema, req.body).assigneeId), (s) => `${s.row.number} assigned to ${s.row.assignee_name ?? ''}`);

  app.get('/service/sla', (req, reply) => {
    const user = authorize(req, 'ticket', 'list');
    if (!canSeeSlaBoard(user)) deny(req, 'ticket', 'sla_board');
    recordDueEscalationNotices(req);
    return slaBoardPage(req, reply, slaBoard(req, user, ticketReach(user, 'list')));
  });
}
