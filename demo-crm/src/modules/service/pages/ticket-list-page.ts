/** Staff ticket list and queue: /tickets (?view=queue|mine, filters, search). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dataTable, dateTime, html, pageHeader, searchBar, statusBadge, type SafeHtml } from '../../../core/html.js';
import type { ListResult } from '../../../core/list.js';
import { sendPage } from '../../../core/http.js';
import { can, type SessionUser } from '../../../core/permissions.js';
import { canSeeSlaBoard } from '../ticket-access.js';
import type { TicketFilters } from '../ticket-input.js';
import type { TicketState } from '../ticket-store.js';
import { PRIORITIES, TICKET_STATUSES } from '../vocab.js';
import { clockBadge } from './ticket-parts.js';

const VIEWS = [
  { value: '', label: 'All tickets' },
  { value: 'queue', label: 'Queue' },
  { value: 'mine', label: 'My tickets' },
] as const;

function viewLinks(current: string): SafeHtml {
  return html`<nav aria-label="Ticket views" class="page-actions">${VIEWS.map(
    (v) => html`<a class="btn${v.value === current ? ' btn-primary' : ''}" href="${v.value ? `/tickets?view=${v.value}` : '/tickets'}"${v.value === current ? html` aria-current="page"` : ''}>${v.label}</a>`,
  )}</nav><p></p>`;
}

function slaCell(s: TicketState): SafeHtml {
  const clock = s.sla.firstResponse.stoppedAt === null ? s.sla.firstResponse : s.sla.resolution;
  const which = clock === s.sla.firstResponse ? 'First response' : 'Resolution';
  return html`${clockBadge(clock, `sla-${s.row.number}`)} <span class="muted">${which}</span>`;
}

export function ticketListPage(
  req: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser,
  list: ListResult<TicketState>,
  f: TicketFilters,
  assignees: readonly { id: number; name: string }[],
): FastifyReply {
  const title = f.view === 'queue' ? 'Ticket queue' : f.view === 'mine' ? 'My tickets' : 'Tickets';
  // offered only to roles that may create tickets (the auditor lists them read-only)
  const actions = html`${can(user, 'ticket', 'create') ? html`<a class="btn btn-primary" href="/tickets/new">New ticket</a>` : ''}${canSeeSlaBoard(user) ? html` <a class="btn" href="/service/sla">SLA board</a>` : ''}`;
  const query = {
    view: f.view, status: f.status, priority: f.priority,
    assignee: f.assignee === undefined ? undefined : String(f.assignee),
  };
  const body = html`${pageHeader(title, actions)}
    ${viewLinks(f.view ?? '')}
    ${searchBar({
      baseUrl: '/tickets', q: list.q,
      filters: [
        { name: 'view', label: 'View', options: VIEWS.filter((v) => v.value).map((v) => ({ value: v.value, label: v.label })), value: f.view },
        { name: 'status', label: 'Status', options: [{ value: 'unresolved', label: 'Unresolved' }, ...TICKET_STATUSES.map((s) => ({ value: s, label: s }))], value: f.status },
        { name: 'priority', label: 'Priority', options: PRIORITIES.map((p) => ({ value: p, label: p })), value: f.priority },
        {
          name: 'assignee', label: 'Assignee',
          options: [{ value: 'unassigned', label: 'Unassigned' }, { value: 'me', label: 'Me' }, ...assignees.map((a) => ({ value: String(a.id), label: a.name }))],
          value: query.assignee,
        },
      ],
    })}
    ${dataTable<TicketState>({
      caption: title, list, baseUrl: '/tickets', query,
      empty: f.view === 'queue' ? 'The queue is empty' : 'No tickets found',
      columns: [
        { key: 'number', label: 'Number', sortable: true, render: (s) => html`<a href="/tickets/${s.row.id}">${s.row.number}</a>` },
        { key: 'subject', label: 'Subject', sortable: true, render: (s) => s.row.subject },
        { key: 'account', label: 'Account', sortable: true, render: (s) => s.row.account_name },
        { key: 'priority', label: 'Priority', sortable: true, render: (s) => s.row.priority },
        { key: 'status', label: 'Status', sortable: true, render: (s) => statusBadge(s.status, `status-${s.row.number}`) },
        { key: 'assignee', label: 'Assignee', sortable: true, render: (s) => s.row.assignee_name ?? html`<span class="muted">Unassigned</span>` },
        { key: 'sla', label: 'SLA', render: slaCell },
        { key: 'created', label: 'Created', sortable: true, render: (s) => dateTime(s.row.created_at) },
      ],
    })}`;
  return sendPage(reply, req, { title, body });
}
