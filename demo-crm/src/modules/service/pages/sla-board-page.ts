/** The support manager's SLA board: /service/sla — open tickets by next due time, breaches, agent load. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { card, html, pageHeader, statusBadge, type SafeHtml } from '../../../core/html.js';
import { sendPage } from '../../../core/http.js';
import { formatRemaining } from '../sla.js';
import { nextDueAt, type SlaBoard } from '../ticket-queries.js';
import type { TicketState } from '../ticket-store.js';
import { PRIORITIES } from '../vocab.js';
import { clockBadge } from './ticket-parts.js';

function ticketTable(caption: string, tickets: readonly TicketState[], testId: string): SafeHtml {
  const rows = tickets.map((s) => {
    const due = new Date(nextDueAt(s)).toISOString();
    const paused = s.sla.firstResponse.stoppedAt !== null && s.sla.resolution.state === 'paused';
    return html`<tr>
      <td><a href="/tickets/${s.row.id}">${s.row.number}</a></td>
      <td>${s.row.subject}</td>
      <td>${s.row.priority}</td>
      <td>${statusBadge(s.status, `board-status-${s.row.number}`)}</td>
      <td>${s.row.assignee_name ?? 'Unassigned'}</td>
      <td>${clockBadge(s.sla.firstResponse, `board-first-response-${s.row.number}`)}</td>
      <td>${clockBadge(s.sla.resolution, `board-resolution-${s.row.number}`)}</td>
      <td><time data-countdown${paused ? html` data-paused` : ''} datetime="${due}">${formatRemaining(nextDueAt(s) - s.now)}</time></td>
    </tr>`;
  });
  return html`<div class="table-wrap" data-testid="${testId}"><table class="data-table">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Number</th><th scope="col">Subject</th><th scope="col">Priority</th><th scope="col">Status</th>
      <th scope="col">Assignee</th><th scope="col">First response</th><th scope="col">Resolution</th><th scope="col">Next due</th></tr></thead>
    <tbody>${rows.length ? rows : html`<tr><td colspan="8" class="empty">None</td></tr>`}</tbody>
  </table></div>`;
}

export function slaBoardPage(req: FastifyRequest, reply: FastifyReply, b: SlaBoard): FastifyReply {
  const summary = html`<dl class="metrics">
    <div class="metric"><dt>Open tickets</dt><dd data-testid="board-open-count">${b.open.length}</dd></div>
    ${PRIORITIES.map((p) => html`<div class="metric"><dt>Open ${p}</dt><dd data-testid="board-open-${p.toLowerCase()}">${b.openByPriority[p]}</dd></div>`)}
    <div class="metric"><dt>In breach</dt><dd data-testid="board-breach-count">${b.breaches.length}</dd></div>
    <div class="metric"><dt>First-response breaches</dt><dd data-testid="board-first-response-breaches">${b.firstResponseBreaches}</dd></div>
    <div class="metric"><dt>Resolution breaches</dt><dd data-testid="board-resolution-breaches">${b.resolutionBreaches}</dd></div>
  </dl>`;
  const load = html`<div class="table-wrap"><table class="data-table" data-testid="agent-load">
    <caption>Agent load</caption>
    <thead><tr><th scope="col">Agent</th><th scope="col" class="num">Open</th><th scope="col" class="num">In breach</th><th scope="col" class="num">Escalated</th></tr></thead>
    <tbody>${b.load.map((l) => html`<tr><th scope="row">${l.name}</th><td class="num">${l.open}</td><td class="num">${l.breached}</td><td class="num">${l.escalated}</td></tr>`)}</tbody>
  </table></div>`;
  const body = html`${pageHeader('SLA board', html`<a class="btn" href="/tickets">Tickets</a>`)}
    <div class="widgets">${card('Summary', summary, 'board-summary')}</div>
    <div class="card">${ticketTable('SLA breaches', b.breaches, 'board-breaches')}</div>
    <div class="card">${ticketTable('Open tickets by next due time', b.open, 'board-open')}</div>
    <div class="card">${load}</div>`;
  return sendPage(reply, req, { title: 'SLA board', body });
}
