/** Customer portal pages: /portal (the account's tickets) and /portal/tickets/:id. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  actionButton, dataTable, dateTime, detailList, errorSummary, field, formTag, html, pageHeader, searchBar, statusBadge,
} from '../../../core/html.js';
import type { ListResult } from '../../../core/list.js';
import { sendPage } from '../../../core/http.js';
import type { SessionUser } from '../../../core/permissions.js';
import type { CustomerActionName } from '../ticket-actions.js';
import type { TicketFilters } from '../ticket-input.js';
import type { TicketState } from '../ticket-store.js';
import type { MessageRow } from '../ticket-view.js';
import { TICKET_STATUSES } from '../vocab.js';
import { conversation } from './ticket-parts.js';

export function portalListPage(req: FastifyRequest, reply: FastifyReply, user: SessionUser, list: ListResult<TicketState>, f: TicketFilters, accountName: string): FastifyReply {
  const body = html`${pageHeader('Support tickets', html`<a class="btn btn-primary" href="/portal/tickets/new">New ticket</a>`, html`${accountName} · signed in as ${user.displayName}`)}
    ${searchBar({
      baseUrl: '/portal', q: list.q,
      filters: [{ name: 'status', label: 'Status', options: [{ value: 'unresolved', label: 'Unresolved' }, ...TICKET_STATUSES.map((s) => ({ value: s, label: s }))], value: f.status }],
    })}
    ${dataTable<TicketState>({
      caption: 'Support tickets', list, baseUrl: '/portal', query: { status: f.status },
      empty: 'You have no tickets yet',
      columns: [
        { key: 'number', label: 'Number', sortable: true, render: (s) => html`<a href="/portal/tickets/${s.row.id}">${s.row.number}</a>` },
        { key: 'subject', label: 'Subject', sortable: true, render: (s) => s.row.subject },
        { key: 'priority', label: 'Priority', sortable: true, render: (s) => s.row.priority },
        { key: 'status', label: 'Status', sortable: true, render: (s) => statusBadge(s.status, `status-${s.row.number}`) },
        { key: 'created', label: 'Created', sortable: true, render: (s) => dateTime(s.row.created_at) },
        { key: 'updated', label: 'Last update', sortable: true, render: (s) => dateTime(s.row.updated_at) },
      ],
    })}`;
  return sendPage(reply, req, { title: 'Support tickets', body, portal: true });
}

export interface PortalDetailOptions {
  state: TicketState;
  messages: readonly MessageRow[];
  actions: readonly CustomerActionName[];
  problem?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  status?: number;
}

export function portalDetailPage(req: FastifyRequest, reply: FastifyReply, o: PortalDetailOptions): FastifyReply {
  const s = o.state;
  const r = s.row;
  const url = (path: string) => `/portal/tickets/${r.id}/${path}`;
  const has = (a: CustomerActionName) => o.actions.includes(a);
  const e = o.errors ?? {};
  const actions = html`
    ${has('confirm') ? actionButton(req, { action: url('confirm'), label: 'Confirm resolution', variant: 'primary' }) : ''}
    ${has('reopen') ? actionButton(req, { action: url('reopen'), label: 'Reopen' }) : ''}`;
  const details = detailList([
    { key: 'number', label: 'Number', value: r.number },
    { key: 'status', label: 'Status', value: statusBadge(s.status) },
    { key: 'priority', label: 'Priority', value: r.priority },
    { key: 'category', label: 'Category', value: r.category },
    { key: 'created', label: 'Opened', value: dateTime(r.created_at) },
    { key: 'assignee', label: 'Handled by', value: r.assignee_name ?? 'Waiting for an agent' },
    { key: 'resolutionCode', label: 'Resolution', value: r.resolution_code ?? '—' },
    { key: 'satisfaction', label: 'Your rating', value: r.satisfaction === null ? '—' : `${r.satisfaction} of 5` },
  ]);
  const replyForm = has('reply')
    ? html`<section class="card" aria-labelledby="reply-title"><h2 id="reply-title">Add a reply</h2>
        ${formTag(req, { action: url('reply'), submitLabel: 'Send reply', body: field({ name: 'replyBody', label: 'Your reply', type: 'textarea', value: o.values?.replyBody, error: e.replyBody, required: true }) })}</section>`
    : '';
  const rateForm = has('rate')
    ? html`<section class="card" aria-labelledby="rate-title"><h2 id="rate-title">How did we do?</h2>
        ${formTag(req, {
          action: url('rate'), submitLabel: 'Rate',
          body: field({ name: 'rating', label: 'Satisfaction', type: 'select', required: true, error: e.rating, value: o.values?.rating, options: [{ value: '', label: 'Choose…' }, ...[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} of 5` }))] }),
        })}</section>`
    : '';
  const resolvedNote = has('confirm')
    ? html`<p class="muted" data-testid="auto-close-note">If you do nothing, this ticket closes automatically 3 days after it was resolved.</p>`
    : '';
  const body = html`${pageHeader(r.subject, actions, html`${r.number} · <a href="/portal">All tickets</a>`)}
    ${o.problem ? html`<div class="error-summary" role="alert" data-testid="action-problem">${o.problem}</div>` : ''}
    ${errorSummary(o.errors)}
    <section class="card" aria-label="Ticket details">${details}${resolvedNote}</section>
    ${conversation(s, o.messages, { portal: true })}
    ${replyForm}${rateForm}`;
  return sendPage(reply, req, { title: `${r.number} ${r.subject}`, body, status: o.status, portal: true });
}
