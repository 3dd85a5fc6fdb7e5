/** Pieces shared by the staff and portal ticket pages: SLA panel, conversation, badges. */
import { dateTime, html, type SafeHtml } from '../../../core/html.js';
import { formatRemaining, type ClockView } from '../sla.js';
import type { TicketState } from '../ticket-store.js';
import type { MessageRow } from '../ticket-view.js';
import { slaJson } from '../ticket-view.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Keeps the writer's line breaks (escaped text, one <br> per newline). */
function multiline(text: string): SafeHtml {
  return html`${text.split(/\r?\n/).map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}`;
}

const CLOCK_LABEL: Record<ClockView['state'], string> = { running: 'On track', paused: 'Paused', met: 'Met', breached: 'Breached' };
/** Reuses the status badge colours: blue running, amber paused, green met, red breached. */
const CLOCK_TONE: Record<ClockView['state'], string> = { running: 'open', paused: 'pending-customer', met: 'closed', breached: 'breached' };

export function clockBadge(c: ClockView, testId: string): SafeHtml {
  return html`<span class="badge badge-${CLOCK_TONE[c.state]}" data-testid="${testId}">${CLOCK_LABEL[c.state]}</span>`;
}

function clockBlock(title: string, target: string, c: ClockView, key: 'first-response' | 'resolution', eventLabel: string): SafeHtml {
  const due = iso(c.dueAt);
  let remaining: SafeHtml;
  if (c.stoppedAt !== null) {
    remaining = html`<span>${eventLabel} ${dateTime(iso(c.stoppedAt))}</span>`;
  } else if (c.state === 'paused') {
    remaining = html`<time data-countdown data-paused datetime="${due}" data-testid="sla-${key}-remaining">${formatRemaining(c.remainingMs ?? 0)} (paused)</time>`;
  } else {
    remaining = html`<time data-countdown datetime="${due}" data-testid="sla-${key}-remaining"${(c.remainingMs ?? 0) < 0 ? html` class="overdue"` : ''}>${formatRemaining(c.remainingMs ?? 0)}</time>`;
  }
  return html`<div class="sla-clock">
    <h3>${title} <span class="muted">(${target})</span> ${clockBadge(c, `sla-${key}`)}</h3>
    <p>Due <time datetime="${due}" data-testid="sla-${key}-due">${due.slice(0, 16).replace('T', ' ')} UTC</time></p>
    <p>${remaining}</p>
  </div>`;
}

export function slaPanel(s: TicketState): SafeHtml {
  const j = slaJson(s);
  const pausedMinutes = Math.floor(j.pausedMs / 60_000);
  return html`<section class="card sla-panel" aria-label="SLA" data-testid="sla-panel">
    <h2>SLA</h2>
    <div class="grid-2">
      ${clockBlock('First response', j.firstResponse.target, s.sla.firstResponse, 'first-response', 'Responded')}
      ${clockBlock('Resolution', j.resolution.target, s.sla.resolution, 'resolution', 'Resolved')}
    </div>
    <p class="muted">Clock started ${dateTime(j.startedAt)}${s.row.reopen_count > 0 ? ' (restarted on reopen)' : ''}.
      ${j.paused ? 'Paused while pending customer. ' : ''}${pausedMinutes > 0 ? `Paused so far: ${formatRemaining(j.pausedMs).replace(' left', '')}.` : ''}</p>
  </section>`;
}

export function conversation(s: TicketState, messages: readonly MessageRow[], o: { portal: boolean }): SafeHtml {
  const items = messages.map((m) => {
    const internal = m.kind === 'internal';
    const label = internal ? 'Internal note' : 'Public reply';
    const who = m.author_role === 'customer' ? (o.portal ? 'You' : `${m.author_name} (customer)`) : m.author_name;
    return html`<article class="message${internal ? ' internal' : ''}" data-testid="message" data-kind="${m.kind}">
      <header><strong class="message-kind">${label}</strong> · ${who} · ${dateTime(m.created_at)}</header>
      <div class="message-body">${multiline(m.body)}</div>
    </article>`;
  });
  return html`<section aria-label="Conversation" class="conversation">
    <article class="message" data-testid="ticket-description">
      <header><strong>Description</strong> · ${dateTime(s.row.created_at)}</header>
      <div class="message-body">${multiline(s.row.description)}</div>
    </article>
    ${items}
    ${messages.length === 0 ? html`<p class="muted">No replies yet.</p>` : ''}
  </section>`;
}
