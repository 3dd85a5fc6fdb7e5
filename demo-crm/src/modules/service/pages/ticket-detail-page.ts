/** Staff ticket page: /tickets/:id — details, SLA panel, conversation, actions, history. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  actionButton, dateTime, detailList, errorSummary, field, formTag, html, pageHeader, statusBadge, tabs, type SafeHtml,
} from '../../../core/html.js';
import { sendPage } from '../../../core/http.js';
import type { SessionUser } from '../../../core/permissions.js';
import type { StaffActionName } from '../ticket-actions.js';
import type { HistoryEntry } from '../ticket-history.js';
import type { TicketState } from '../ticket-store.js';
import type { MessageRow } from '../ticket-view.js';
import { RESOLUTION_CODES } from '../vocab.js';
import { conversation, slaPanel } from './ticket-parts.js';

export interface DetailPageOptions {
  state: TicketState;
  messages: readonly MessageRow[];
  actions: readonly StaffActionName[];
  history: readonly HistoryEntry[];
  assignees: readonly { id: number; name: string }[];
  /** a refused action (409), shown as an alert */
  problem?: string;
  /** field errors of the reply / note / dialog forms */
  errors?: Record<string, string>;
  values?: Record<string, string>;
  status?: number;
}

function actionBar(req: FastifyRequest, o: DetailPageOptions): SafeHtml {
  const id = o.state.row.id;
  const has = (a: StaffActionName) => o.actions.includes(a);
  const url = (path: string) => `/tickets/${id}/${path}`;
  return html`
    ${has('take') ? actionButton(req, { action: url('take'), label: 'Take', variant: 'primary' }) : ''}
    ${has('pending') ? actionButton(req, { action: url('pending'), label: 'Set pending customer' }) : ''}
    ${has('resume') ? actionButton(req, { action: url('resume'), label: 'Set open' }) : ''}
    ${has('resolve') ? actionButton(req, {
      action: url('resolve'), label: 'Resolve', variant: 'primary',
      dialog: {
        title: 'Resolve ticket', confirmLabel: 'Resolve ticket',
        body: field({ name: 'resolutionCode', label: 'Resolution code', type: 'select', required: true, options: [{ value: '', label: 'Choose…' }, ...RESOLUTION_CODES.map((c) => ({ value: c, label: c }))] }),
      },
    }) : ''}
    ${has('escalate') ? actionButton(req, { action: url('escalate'), label: 'Escalate', variant: 'danger' }) : ''}
    ${has('de-escalate') ? actionButton(req, { action: url('de-escalate'), label: 'De-escalate' }) : ''}
    ${has('assign') ? actionButton(req, {
      action: url('assign'), label: 'Reassign',
      dialog: {
        title: 'Reassign ticket', confirmLabel: 'Reassign ticket',
        body: field({
          name: 'assigneeId', label: 'Assignee', type: 'select', required: true,
          options: [{ value: '', label: 'Choose…' }, ...o.assignees.filter((a) => a.id !== o.state.row.assignee_id).map((a) => ({ value: String(a.id), label: a.name }))],
        }),
      },
    }) : ''}`;
}

function composeForms(req: FastifyRequest, o: DetailPageOptions): SafeHtml {
  const id = o.state.row.id;
  const e = o.errors ?? {};
  const v = o.values ?? {};
  return html`
    ${o.actions.includes('reply') ? html`<section class="card"><h2 id="reply-title">Reply to the customer</h2>
      ${formTag(req, { action: `/tickets/${id}/reply`, submitLabel: 'Reply', once: true, body: field({ name: 'replyBody', label: 'Public reply', type: 'textarea', value: v.replyBody, error: e.replyBody, required: true, hint: 'Visible to the customer in the portal.' }) })}
    </section>` : ''}
    ${o.actions.includes('note') ? html`<section class="card"><h2 id="note-title">Internal note</h2>
      ${formTag(req, { action: `/tickets/${id}/note`, submitLabel: 'Add internal note', once: true, body: field({ name: 'noteBody', label: 'Internal note', type: 'textarea', value: v.noteBody, error: e.noteBody, required: true, hint: 'Only the support team sees internal notes.' }) })}
    </section>` : ''}`;
}

function historyList(entries: readonly HistoryEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">No history yet.</p>`;
  return html`<ol class="history" aria-label="History">${entries.map(
    (h) => html`<li>${dateTime(h.at)} · <strong>${h.actor}</strong> · ${h.summary ?? h.action}</li>`,
  )}</ol>`;
}

export function ticketDetailPage(req: FastifyRequest, reply: FastifyReply, _user: SessionUser, o: DetailPageOptions): FastifyReply {
  const s = o.state;
  const r = s.row;
  const details = detailList([
    { key: 'number', label: 'Number', value: r.number },
    { key: 'status', label: 'Status', value: statusBadge(s.status) },
    { key: 'priority', label: 'Priority', value: r.priority },
    { key: 'category', label: 'Category', value: r.category },
    { key: 'channel', label: 'Channel', value: r.channel },
    { key: 'account', label: 'Account', value: html`<a href="/accounts/${r.account_id}">${r.account_name}</a>` },
    { key: 'contact', label: 'Contact', value: r.contact_name ?? '—' },
    { key: 'assignee', label: 'Assignee', value: r.assignee_name ?? 'Unassigned' },
    { key: 'created', label: 'Created', value: dateTime(r.created_at) },
    { key: 'resolutionCode', label: 'Resolution code', value: r.resolution_code ?? '—' },
    { key: 'closed', label: 'Closed', value: s.closedAt ? html`${dateTime(s.closedAt)}${s.closeReason === 'auto' ? ' (automatically)' : ' (confirmed by customer)'}` : '—' },
    { key: 'satisfaction', label: 'Satisfaction', value: r.satisfaction === null ? '—' : `${r.satisfaction} of 5` },
  ]);
  const problem = o.problem ? html`<div class="error-summary" role="alert" data-testid="action-problem">${o.problem}</div>` : '';
  const body = html`${pageHeader(r.subject, actionBar(req, o), html`${r.number} · ${r.account_name}`)}
    ${problem}${errorSummary(o.errors)}
    <section class="card" aria-label="Ticket details">${details}</section>
    ${slaPanel(s)}
    ${tabs([
      { id: 'conversation', label: 'Conversation', content: html`${conversation(s, o.messages, { portal: false })}${composeForms(req, o)}` },
      { id: 'history', label: 'History', content: historyList(o.history) },
    ], 'Ticket sections')}`;
  return sendPage(reply, req, { title: `${r.number} ${r.subject}`, body, status: o.status });
}
