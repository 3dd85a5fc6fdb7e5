/**
 * Staff "New ticket" (/tickets/new), in two steps so it works without script: choose the account,
 * then fill in the ticket with that account's contacts offered.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorSummary, field, formTag, html, pageHeader } from '../../../core/html.js';
import { sendPage } from '../../../core/http.js';
import { CATEGORIES, PRIORITIES, STAFF_CHANNELS } from '../vocab.js';

/** Accounts offered in the first step; larger books use the account page's "New ticket" link. */
export const ACCOUNT_CHOICES_LIMIT = 1000;

interface Option { value: string; label: string }

const opts = (values: readonly string[]): Option[] => [{ value: '', label: 'Choose…' }, ...values.map((v) => ({ value: v, label: v }))];

export function chooseAccountPage(req: FastifyRequest, reply: FastifyReply, accounts: readonly { id: number; name: string }[], error?: string): FastifyReply {
  const body = html`${pageHeader('New ticket', undefined, 'Step 1 of 2: the customer account')}
    ${error ? errorSummary({ accountId: error }) : ''}
    <section class="card">${formTag(req, {
      action: '/tickets/new', method: 'get', submitLabel: 'Continue',
      body: field({ name: 'accountId', label: 'Account', type: 'select', required: true, error, options: [{ value: '', label: 'Choose…' }, ...accounts.map((a) => ({ value: String(a.id), label: a.name }))] }),
    })}</section>`;
  return sendPage(reply, req, { title: 'New ticket', body, status: error ? 400 : 200 });
}

export function ticketFormPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    account: { id: number; name: string };
    contacts: readonly { id: number; name: string }[];
    values?: Record<string, string>;
    errors?: Record<string, string>;
    status?: number;
  },
): FastifyReply {
  const v = o.values ?? {};
  const e = o.errors ?? {};
  const body = html`${pageHeader('New ticket', undefined, html`Step 2 of 2: for ${o.account.name} · <a href="/tickets/new">change account</a>`)}
    ${errorSummary(o.errors)}
    <section class="card">${formTag(req, {
      action: '/tickets', submitLabel: 'Create ticket', label: 'New ticket',
      body: html`<input type="hidden" name="accountId" value="${String(o.account.id)}">
        <div class="grid-2">
          ${field({ name: 'contactId', label: 'Contact', type: 'select', value: v.contactId, error: e.contactId, options: [{ value: '', label: 'None' }, ...o.contacts.map((c) => ({ value: String(c.id), label: c.name }))] })}
          ${field({ name: 'channel', label: 'Channel', type: 'select', value: v.channel, error: e.channel, required: true, options: opts(STAFF_CHANNELS) })}
          ${field({ name: 'priority', label: 'Priority', type: 'select', value: v.priority, error: e.priority, required: true, options: opts(PRIORITIES) })}
          ${field({ name: 'category', label: 'Category', type: 'select', value: v.category, error: e.category, required: true, options: opts(CATEGORIES) })}
        </div>
        ${field({ name: 'subject', label: 'Subject', value: v.subject, error: e.subject, required: true, hint: 'At most 200 characters.' })}
        ${field({ name: 'description', label: 'Description', type: 'textarea', value: v.description, error: e.description, required: true, hint: 'At most 10,000 characters.' })}`,
    })}</section>`;
  return sendPage(reply, req, { title: 'New ticket', body, status: o.status });
}

/** The portal's "New ticket" form: account, contact and channel come from the customer. */
export function portalTicketFormPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { values?: Record<string, string>; errors?: Record<string, string>; status?: number },
): FastifyReply {
  const v = o.values ?? {};
  const e = o.errors ?? {};
  const body = html`${pageHeader('New ticket', undefined, 'Tell us what went wrong; our support team will answer here.')}
    ${errorSummary(o.errors)}
    <section class="card">${formTag(req, {
      action: '/portal/tickets', submitLabel: 'Submit ticket', label: 'New ticket',
      body: html`<div class="grid-2">
          ${field({ name: 'priority', label: 'Priority', type: 'select', value: v.priority, error: e.priority, required: true, options: opts(PRIORITIES), hint: 'P1 = business stopped, P4 = question.' })}
          ${field({ name: 'category', label: 'Category', type: 'select', value: v.category, error: e.category, required: true, options: opts(CATEGORIES) })}
        </div>
        ${field({ name: 'subject', label: 'Subject', value: v.subject, error: e.subject, required: true, hint: 'At most 200 characters.' })}
        ${field({ name: 'description', label: 'Description', type: 'textarea', value: v.description, error: e.description, required: true, hint: 'At most 10,000 characters.' })}`,
    })}</section>`;
  return sendPage(reply, req, { title: 'New ticket', body, status: o.status, portal: true });
}
