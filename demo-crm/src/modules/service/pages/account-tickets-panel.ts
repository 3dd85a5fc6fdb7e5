/** The "Tickets" tab of an account page: that account's tickets within the reader's reach. */
import type { FastifyRequest } from 'fastify';
import { dateTime, html, statusBadge, type SafeHtml } from '../../../core/html.js';
import { can, type SessionUser } from '../../../core/permissions.js';
import { ticketReach } from '../ticket-access.js';
import { listTickets } from '../ticket-queries.js';

export function accountTicketsPanel(req: FastifyRequest, user: SessionUser, accountId: number): SafeHtml {
  const list = listTickets(req, user, ticketReach(user, 'list'), { page: 1, pageSize: 25, dir: 'desc' }, { accountId });
  const rows = list.items.map((s) => html`<tr>
    <td><a href="/tickets/${s.row.id}">${s.row.number}</a></td><td>${s.row.subject}</td><td>${s.row.priority}</td>
    <td>${statusBadge(s.status, `account-ticket-status-${s.row.number}`)}</td><td>${dateTime(s.row.created_at)}</td></tr>`);
  const newTicket = can(user, 'ticket', 'create') ? html`<p><a class="btn" href="/tickets/new?accountId=${String(accountId)}">New ticket</a></p>` : '';
  return html`${newTicket}
    <div class="table-wrap"><table class="data-table"><caption>Tickets (${list.total})</caption>
      <thead><tr><th scope="col">Number</th><th scope="col">Subject</th><th scope="col">Priority</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
      <tbody>${rows.length ? rows : html`<tr><td colspan="5" class="empty">No tickets</td></tr>`}</tbody>
    </table></div>`;
}
