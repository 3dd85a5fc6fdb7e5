import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../core/auth.js';
import { dataTable, dateTime, detailList, errorSummary, field, formTag, html, pageHeader, searchBar } from '../../../core/html.js';
import { redirectWithToast, sendPage } from '../../../core/http.js';
import { can, canAccessRecord } from '../../../core/permissions.js';
import { loadAuthorized, recordId } from '../access.js';
import {
  accountOptions, dash, emptyOption, formValues, handleForm, linkButton, mailto, ownerOptions, type FormValues,
} from '../ui.js';
import { createContact, listContacts, updateContact, viewContact } from './contact-service.js';
import { getContact, type ContactRow } from './contact-store.js';
import { exportCsvLink } from '../../dataio/export-registry.js';

function contactFormPage(
  req: FastifyRequest, reply: FastifyReply,
  o: { contact?: ContactRow; values: FormValues; errors?: Record<string, string>; status?: number },
): FastifyReply {
  const e = o.errors ?? {};
  const v = o.values;
  const title = o.contact ? `Edit ${o.contact.name}` : 'New contact';
  const body = html`${pageHeader(title)}${errorSummary(e)}
    <section class="card">${formTag(req, {
      action: o.contact ? `/contacts/${o.contact.id}/edit` : '/contacts/new', label: title,
      submitLabel: o.contact ? 'Save changes' : 'Create contact',
      body: html`<div class="grid-2">
        ${field({ name: 'firstName', label: 'First name', value: v.firstName, error: e.firstName, required: true })}
        ${field({ name: 'lastName', label: 'Last name', value: v.lastName, error: e.lastName, required: true })}
        ${field({ name: 'email', label: 'Email', type: 'email', value: v.email, error: e.email })}
        ${field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone, error: e.phone, hint: 'Optional. Digits, spaces, dashes, parentheses, optional leading +; 7–20 characters.' })}
        ${field({ name: 'title', label: 'Job title', value: v.title, error: e.title })}
        ${field({ name: 'accountId', label: 'Account', type: 'select', value: v.accountId, error: e.accountId, options: [emptyOption(), ...accountOptions(req, v.accountId)] })}
        ${field({ name: 'ownerId', label: 'Owner', type: 'select', value: v.ownerId ?? String(req.user?.id ?? ''), error: e.ownerId, options: ownerOptions(req, 'contact', o.contact ? 'edit' : 'create') })}
      </div>`,
    })}</section>`;
  return sendPage(reply, req, { title, body, status: o.status });
}

function contactDetailPage(req: FastifyRequest, reply: FastifyReply, c: ContactRow): FastifyReply {
  const canEdit = canAccessRecord(req.user!, 'contact', 'edit', c);
  const body = html`${pageHeader(c.name, canEdit ? linkButton(`/contacts/${c.id}/edit`, 'Edit') : undefined, 'Contact')}
    <section class="card" aria-label="Contact details">${detailList([
      { key: 'email', label: 'Email', value: c.email ? mailto(c.email) : dash },
      { key: 'phone', label: 'Phone', value: c.phone || dash },
      { key: 'title', label: 'Job title', value: c.title || dash },
      { key: 'account', label: 'Account', value: c.accountId ? html`<a href="/accounts/${c.accountId}">${c.accountName ?? ''}</a>` : dash },
      { key: 'owner', label: 'Owner', value: c.ownerName },
      { key: 'createdAt', label: 'Created', value: dateTime(c.createdAt) },
    ])}</section>`;
  return sendPage(reply, req, { title: c.name, body });
}

function valuesOf(c: ContactRow): FormValues {
  return {
    firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, title: c.title,
    accountId: c.accountId ? String(c.accountId) : '', ownerId: String(c.ownerId),
  };
}

export function registerContactPages(app: FastifyInstance): void {
  app.get('/contacts', (req, reply) => {
    const { list, filters } = listContacts(req, req.query);
    const user = authorize(req, 'contact', 'list');
    const body = html`${pageHeader('Contacts', html`${can(user, 'contact', 'create') ? linkButton('/contacts/new', 'New contact', 'primary') : ''}${exportCsvLink(req, 'contacts')}`)}
      ${searchBar({
        baseUrl: '/contacts', q: list.q, label: 'Search contacts',
        filters: can(user, 'contact', 'create')
          ? [{ name: 'owner', label: 'Owner', options: ownerOptions(req, 'contact', 'list'), value: filters.owner ? String(filters.owner) : undefined }]
          : [],
      })}
      ${dataTable<ContactRow>({
        caption: 'Contacts', list, baseUrl: '/contacts',
        query: { owner: filters.owner ? String(filters.owner) : undefined, account: filters.account ? String(filters.account) : undefined },
        columns: [
          { key: 'name', label: 'Name', sortable: true, render: (r) => html`<a href="/contacts/${r.id}">${r.name}</a>` },
          { key: 'email', label: 'Email', sortable: true, render: (r) => r.email },
          { key: 'phone', label: 'Phone', render: (r) => r.phone },
          { key: 'account', label: 'Account', render: (r) => r.accountName ?? '' },
          { key: 'owner', label: 'Owner', render: (r) => r.ownerName },
        ],
      })}`;
    return sendPage(reply, req, { title: 'Contacts', body });
  });

  app.get('/contacts/new', (req, reply) => {
    authorize(req, 'contact', 'create');
    const accountId = (req.query as { accountId?: string }).accountId;
    return contactFormPage(req, reply, { values: { accountId: typeof accountId === 'string' ? accountId : '' } });
  });
  app.post('/contacts/new', (req, reply) => {
    const values = formValues(req.body);
    return handleForm(
      () => {
        const c = createContact(req, values);
        return redirectWithToast(reply, req, `/contacts/${c.id}`, `Contact ${c.name} created`);
      },
      (errors, status) => contactFormPage(req, reply, { values, errors, status }),
    );
  });

  app.get('/contacts/:id', (req, reply) => contactDetailPage(req, reply, viewContact(req, recordId(req))));

  app.get('/contacts/:id/edit', (req, reply) => {
    const contact = loadAuthorized(req, 'contact', 'edit', recordId(req), (i) => getContact(req.server.crm.db, i));
    return contactFormPage(req, reply, { contact, values: valuesOf(contact) });
  });
  app.post('/contacts/:id/edit', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const c = updateContact(req, id, values);
        return redirectWithToast(reply, req, `/contacts/${id}`, `Contact ${c.name} saved`);
      },
      (errors, status) => contactFormPage(req, reply, { contact: viewContact(req, id), values, errors, status }),
    );
  });
}
