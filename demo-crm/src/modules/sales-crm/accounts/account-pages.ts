import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../core/auth.js';
import {
  dataTable, dateTime, detailList, errorSummary, field, formTag, html, money, pageHeader, searchBar, statusBadge, tabs,
  type SafeHtml, type TabSpec,
} from '../../../core/html.js';
import { redirectWithToast, sendPage } from '../../../core/http.js';
import { can, canAccessRecord } from '../../../core/permissions.js';
import { loadAuthorized, recordId } from '../access.js';
import { listContacts } from '../contacts/contact-service.js';
import type { ContactRow } from '../contacts/contact-store.js';
import { accountPanels } from '../extensions.js';
import { listOpportunities } from '../opportunities/opportunity-service.js';
import type { OpportunityRow } from '../opportunities/opportunity-store.js';
import { dash, formValues, handleForm, linkButton, mailto, ownerOptions, recordTable, type FormValues } from '../ui.js';
import { createAccount, listAccounts, updateAccount, viewAccount, type AccountDetail } from './account-service.js';
import { getAccount, type AccountRow } from './account-store.js';
import { exportCsvLink } from '../../dataio/export-registry.js';

function accountFormPage(
  req: FastifyRequest, reply: FastifyReply,
  o: { account?: AccountRow; values: FormValues; errors?: Record<string, string>; status?: number },
): FastifyReply {
  const e = o.errors ?? {};
  const v = o.values;
  const title = o.account ? `Edit ${o.account.name}` : 'New account';
  const body = html`${pageHeader(title)}${errorSummary(e)}
    <section class="card">${formTag(req, {
      action: o.account ? `/accounts/${o.account.id}/edit` : '/accounts/new', label: title,
      submitLabel: o.account ? 'Save changes' : 'Create account',
      body: html`<div class="grid-2">
        ${field({ name: 'name', label: 'Name', value: v.name, error: e.name, required: true })}
        ${field({ name: 'industry', label: 'Industry', value: v.industry, error: e.industry })}
        ${field({ name: 'website', label: 'Website', value: v.website, error: e.website, hint: 'Optional, starting with https://' })}
        ${field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone, error: e.phone })}
        ${field({ name: 'billingCity', label: 'Billing city', value: v.billingCity, error: e.billingCity })}
        ${field({ name: 'billingCountry', label: 'Billing country', value: v.billingCountry, error: e.billingCountry })}
        ${field({ name: 'ownerId', label: 'Owner', type: 'select', value: v.ownerId ?? String(req.user?.id ?? ''), error: e.ownerId, options: ownerOptions(req, 'account', o.account ? 'edit' : 'create') })}
      </div>`,
    })}</section>`;
  return sendPage(reply, req, { title, body, status: o.status });
}

const TAB_LIMIT = 100;

function contactsTab(req: FastifyRequest, account: AccountRow): SafeHtml {
  const { list } = listContacts(req, { account: account.id, pageSize: TAB_LIMIT, sort: 'name' });
  return html`<div class="page-actions">${can(req.user!, 'contact', 'create') ? linkButton(`/contacts/new?accountId=${account.id}`, 'New contact') : ''}</div>
    ${recordTable<ContactRow>({
      caption: `Contacts of ${account.name}`, rows: list.items, total: list.total, allHref: `/contacts?account=${account.id}`, empty: 'No contacts yet',
      columns: [
        { label: 'Name', render: (r) => html`<a href="/contacts/${r.id}">${r.name}</a>` },
        { label: 'Title', render: (r) => r.title },
        { label: 'Email', render: (r) => mailto(r.email) },
        { label: 'Phone', render: (r) => r.phone },
      ],
    })}`;
}

function opportunitiesTab(req: FastifyRequest, account: AccountRow): SafeHtml {
  const { list } = listOpportunities(req, { account: account.id, pageSize: TAB_LIMIT });
  return html`<div class="page-actions">${can(req.user!, 'opportunity', 'create') ? linkButton(`/opportunities/new?accountId=${account.id}`, 'New opportunity') : ''}</div>
    ${recordTable<OpportunityRow>({
      caption: `Opportunities of ${account.name}`, rows: list.items, total: list.total, allHref: `/opportunities?account=${account.id}`, empty: 'No opportunities yet',
      columns: [
        { label: 'Name', render: (r) => html`<a href="/opportunities/${r.id}">${r.name}</a>` },
        { label: 'Stage', render: (r) => statusBadge(r.stage, `opportunity-stage-${r.id}`) },
        { label: 'Amount', numeric: true, render: (r) => money(r.amount) },
        { label: 'Close date', render: (r) => r.closeDate },
      ],
    })}`;
}

function accountDetailPage(req: FastifyRequest, reply: FastifyReply, account: AccountDetail): FastifyReply {
  const user = req.user!;
  const canEdit = canAccessRecord(user, 'account', 'edit', account);
  const tabList: TabSpec[] = [];
  if (can(user, 'contact', 'list')) tabList.push({ id: 'contacts', label: 'Contacts', content: contactsTab(req, account) });
  if (can(user, 'opportunity', 'list')) tabList.push({ id: 'opportunities', label: 'Opportunities', content: opportunitiesTab(req, account) });
  for (const p of accountPanels(req.server, user)) tabList.push({ id: p.id, label: p.label, content: p.render(req, account) });
  const body = html`${pageHeader(account.name, canEdit ? linkButton(`/accounts/${account.id}/edit`, 'Edit') : undefined, 'Account')}
    <section class="card" aria-label="Account details">${detailList([
      { key: 'industry', label: 'Industry', value: account.industry || dash },
      { key: 'website', label: 'Website', value: account.website ? html`<a href="${account.website}" rel="noopener noreferrer">${account.website}</a>` : dash },
      { key: 'phone', label: 'Phone', value: account.phone || dash },
      { key: 'billingCity', label: 'Billing city', value: account.billingCity || dash },
      { key: 'billingCountry', label: 'Billing country', value: account.billingCountry || dash },
      { key: 'owner', label: 'Owner', value: account.ownerName },
      { key: 'lifetimeRevenue', label: 'Lifetime revenue', value: money(account.lifetimeRevenue) },
      { key: 'openBalance', label: 'Open balance', value: money(account.openBalance) },
      { key: 'createdAt', label: 'Created', value: dateTime(account.createdAt) },
    ])}</section>
    ${tabList.length ? tabs(tabList, 'Account sections') : ''}`;
  return sendPage(reply, req, { title: account.name, body });
}

function valuesOf(a: AccountRow): FormValues {
  return {
    name: a.name, industry: a.industry, website: a.website, phone: a.phone, billingCity: a.billingCity,
    billingCountry: a.billingCountry, ownerId: String(a.ownerId),
  };
}

export function registerAccountPages(app: FastifyInstance): void {
  app.get('/accounts', (req, reply) => {
    const { list, filters } = listAccounts(req, req.query);
    const user = authorize(req, 'account', 'list');
    const body = html`${pageHeader('Accounts', html`${can(user, 'account', 'create') ? linkButton('/accounts/new', 'New account', 'primary') : ''}${exportCsvLink(req, 'accounts')}`)}
      ${searchBar({
        baseUrl: '/accounts', q: list.q, label: 'Search accounts',
        filters: can(user, 'account', 'create')
          ? [{ name: 'owner', label: 'Owner', options: ownerOptions(req, 'account', 'list'), value: filters.owner ? String(filters.owner) : undefined }]
          : [],
      })}
      ${dataTable<AccountRow>({
        caption: 'Accounts', list, baseUrl: '/accounts', query: { owner: filters.owner ? String(filters.owner) : undefined },
        columns: [
          { key: 'name', label: 'Name', sortable: true, render: (r) => html`<a href="/accounts/${r.id}">${r.name}</a>` },
          { key: 'industry', label: 'Industry', sortable: true, render: (r) => r.industry },
          { key: 'billingCountry', label: 'Country', sortable: true, render: (r) => r.billingCountry },
          { key: 'owner', label: 'Owner', render: (r) => r.ownerName },
          { key: 'createdAt', label: 'Created', sortable: true, render: (r) => dateTime(r.createdAt) },
        ],
      })}`;
    return sendPage(reply, req, { title: 'Accounts', body });
  });

  app.get('/accounts/new', (req, reply) => {
    authorize(req, 'account', 'create');
    return accountFormPage(req, reply, { values: {} });
  });
  app.post('/accounts/new', (req, reply) => {
    const values = formValues(req.body);
    return handleForm(
      () => {
        const a = createAccount(req, values);
        return redirectWithToast(reply, req, `/accounts/${a.id}`, `Account ${a.name} created`);
      },
      (errors, status) => accountFormPage(req, reply, { values, errors, status }),
    );
  });

  app.get('/accounts/:id', (req, reply) => accountDetailPage(req, reply, viewAccount(req, recordId(req))));

  app.get('/accounts/:id/edit', (req, reply) => {
    const account = loadAuthorized(req, 'account', 'edit', recordId(req), (i) => getAccount(req.server.crm.db, i));
    return accountFormPage(req, reply, { account, values: valuesOf(account) });
  });
  app.post('/accounts/:id/edit', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const a = updateAccount(req, id, values);
        return redirectWithToast(reply, req, `/accounts/${id}`, `Account ${a.name} saved`);
      },
      (errors, status) => accountFormPage(req, reply, { account: viewAccount(req, id), values, errors, status }),
    );
  });
}
