import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import {
  actionButton, dataTable, dateTime, detailList, errorSummary, field, formTag, hiddenInputs, html, pageHeader, raw,
  searchBar, statusBadge, type SafeHtml,
} from '../../../core/html.js';
import { redirectWithToast, sendPage, type HttpError } from '../../../core/http.js';
import { answerResend } from '../../../core/submissions.js';
import { can, canAccessRecord } from '../../../core/permissions.js';
import { loadAuthorized, recordId } from '../access.js';
import { getAccount } from '../accounts/account-store.js';
import { getContact } from '../contacts/contact-store.js';
import { getOpportunity } from '../opportunities/opportunity-store.js';
import {
  dash, formValues, handleForm, linkButton, mailto, moneyField, optionList, ownerOptions, readOnlyNotice, type FormValues,
} from '../ui.js';
import { isLeadReadOnly, LEAD_SOURCES, LEAD_STATUSES, nextLeadStatus } from '../vocab.js';
import { convertLead } from './lead-conversion.js';
import { changeLeadStatus, createLead, deleteLead, listLeads, updateLead, viewLead } from './lead-service.js';
import { getLead, type DuplicateLead, type LeadRow } from './lead-store.js';
import { exportCsvLink } from '../../dataio/export-registry.js';

function leadFormFields(req: FastifyRequest, v: FormValues, errors: Record<string, string>, ownerAction: 'create' | 'edit'): SafeHtml {
  return html`<div class="grid-2">
    ${field({ name: 'firstName', label: 'First name', value: v.firstName, error: errors.firstName, required: true, maxLength: 100 })}
    ${field({ name: 'lastName', label: 'Last name', value: v.lastName, error: errors.lastName, required: true, maxLength: 100 })}
    ${field({ name: 'company', label: 'Company', value: v.company, error: errors.company, required: true })}
    ${field({ name: 'email', label: 'Email', type: 'email', value: v.email, error: errors.email, required: true, autocomplete: 'off' })}
    ${field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone, error: errors.phone, hint: 'Optional. Digits, spaces, dashes, parentheses, optional leading +; 7–20 characters.' })}
    ${field({ name: 'source', label: 'Source', type: 'select', value: v.source ?? 'Web', error: errors.source, required: true, options: optionList(LEAD_SOURCES) })}
    ${field({ name: 'ownerId', label: 'Owner', type: 'select', value: v.ownerId ?? String(req.user?.id ?? ''), error: errors.ownerId, options: ownerOptions(req, 'lead', ownerAction) })}
  </div>`;
}

function duplicateWarning(email: string, duplicates: readonly DuplicateLead[]): SafeHtml {
  return html`<div class="error-summary" role="alert" data-testid="duplicate-warning">
    <p><strong>Possible duplicate</strong></p>
    <p>${duplicates.length === 1 ? 'A lead' : `${duplicates.length} leads`} with the email ${email} already ${duplicates.length === 1 ? 'exists' : 'exist'}:</p>
    <ul>${duplicates.map((d) => html`<li>Lead #${d.id} · ${d.status} · owner ${d.ownerName}</li>`)}</ul>
    <p>Check before creating another lead for the same person, or choose <strong>Save anyway</strong>.</p>
  </div>`;
}

function leadFormPage(
  req: FastifyRequest, reply: FastifyReply,
  o: { lead?: LeadRow; values: FormValues; errors?: Record<string, string>; status?: number; duplicate?: HttpError },
): FastifyReply {
  const errors = o.errors ?? {};
  const title = o.lead ? `Edit ${o.lead.name}` : 'New lead';
  const duplicates = (o.duplicate?.body.duplicates ?? []) as DuplicateLead[];
  const body = html`${pageHeader(title)}
    ${errorSummary(errors)}
    ${o.duplicate ? duplicateWarning(o.values.email ?? '', duplicates) : ''}
    <section class="card">${formTag(req, {
      action: o.lead ? `/leads/${o.lead.id}/edit` : '/leads/new',
      label: title,
      submitLabel: o.duplicate ? 'Save anyway' : o.lead ? 'Save changes' : 'Create lead',
      once: true,
      body: html`${leadFormFields(req, o.values, errors, o.lead ? 'edit' : 'create')}${o.duplicate ? hiddenInputs({ allowDuplicate: '1' }) : ''}`,
    })}</section>`;
  return sendPage(reply, req, { title, body, status: o.status });
}

function valuesOf(lead: LeadRow): FormValues {
  return {
    firstName: lead.firstName, lastName: lead.lastName, company: lead.company, email: lead.email, phone: lead.phone,
    source: lead.source, ownerId: String(lead.ownerId),
  };
}

function convertDialogBody(req: FastifyRequest, lead: LeadRow): SafeHtml {
  const inThirtyDays = new Date(Date.parse(nowIso(req)) + 30 * 86_400_000).toISOString().slice(0, 10);
  return html`<p>Creates account <strong>${lead.company}</strong> and contact <strong>${lead.name}</strong>, owned by ${lead.ownerName}.</p>
    ${field({ name: 'createOpportunity', label: 'Also create an opportunity', type: 'checkbox', checked: true })}
    ${field({ name: 'opportunityName', label: 'Opportunity name', value: `${lead.company} opportunity` })}
    ${field({ name: 'amount', label: 'Expected amount ($)', value: '', hint: 'Optional; 0 until a quote is accepted.' })}
    ${field({ name: 'closeDate', label: 'Expected close date', type: 'date', value: inThirtyDays })}`;
}

function leadActions(req: FastifyRequest, lead: LeadRow): SafeHtml {
  const user = req.user;
  if (!user || isLeadReadOnly(lead.status)) return html``;
  const own = { ownerId: lead.ownerId, ownerTeam: lead.ownerTeam };
  const canEdit = canAccessRecord(user, 'lead', 'edit', own);
  const next = nextLeadStatus(lead.status);
  return html`
    ${canEdit ? linkButton(`/leads/${lead.id}/edit`, 'Edit') : ''}
    ${canEdit && next ? actionButton(req, { action: `/leads/${lead.id}/status`, label: `Move to ${next}`, fields: { status: next }, variant: 'primary' }) : ''}
    ${canEdit && lead.status === 'Qualified' ? actionButton(req, {
      action: `/leads/${lead.id}/convert`, label: 'Convert lead', variant: 'primary',
      dialog: { title: 'Convert lead', body: convertDialogBody(req, lead), confirmLabel: 'Convert' },
    }) : ''}
    ${canEdit ? actionButton(req, {
      action: `/leads/${lead.id}/status`, label: 'Disqualify', variant: 'danger', fields: { status: 'Disqualified' },
      dialog: { title: 'Disqualify lead', body: html`<p>A disqualified lead becomes read-only.</p>
        <div class="field"><label for="f-reason-${lead.id}">Reason</label><textarea id="f-reason-${lead.id}" name="reason" rows="3" required maxlength="500"></textarea></div>` },
    }) : ''}
    ${canAccessRecord(user, 'lead', 'delete', own) ? actionButton(req, {
      action: `/leads/${lead.id}/delete`, label: 'Delete', variant: 'danger',
      dialog: { title: 'Delete lead', body: html`<p>Delete ${lead.name} (${lead.company})? This cannot be undone.</p>`, confirmLabel: 'Delete lead' },
    }) : ''}`;
}

function conversionLinks(req: FastifyRequest, lead: LeadRow): { key: string; label: string; value: SafeHtml }[] {
  if (lead.status !== 'Converted') return [];
  const { db } = req.server.crm;
  const account = lead.convertedAccountId ? getAccount(db, lead.convertedAccountId) : undefined;
  const contact = lead.convertedContactId ? getContact(db, lead.convertedContactId) : undefined;
  const opportunity = lead.convertedOpportunityId ? getOpportunity(db, lead.convertedOpportunityId) : undefined;
  return [
    { key: 'convertedAccount', label: 'Converted account', value: account ? html`<a href="/accounts/${account.id}">${account.name}</a>` : dash },
    { key: 'convertedContact', label: 'Converted contact', value: contact ? html`<a href="/contacts/${contact.id}">${contact.name}</a>` : dash },
    { key: 'convertedOpportunity', label: 'Converted opportunity', value: opportunity ? html`<a href="/opportunities/${opportunity.id}">${opportunity.name}</a>` : html`<span class="muted">None</span>` },
    { key: 'convertedAt', label: 'Converted', value: dateTime(lead.convertedAt) },
  ];
}

function leadDetailPage(req: FastifyRequest, reply: FastifyReply, lead: LeadRow, o: { errors?: Record<string, string>; status?: number } = {}): FastifyReply {
  // Defect switch xss-lead-company: the company is inserted as markup instead of text.
  const company = req.server.crm.faults.on('xss-lead-company') ? raw(lead.company) : lead.company;
  const body = html`${pageHeader(lead.name, leadActions(req, lead), html`Lead · ${statusBadge(lead.status)}`)}
    ${errorSummary(o.errors)}
    ${lead.status === 'Converted' ? readOnlyNotice('This lead is converted and read-only.') : ''}
    ${lead.status === 'Disqualified' ? readOnlyNotice('This lead is disqualified and read-only.') : ''}
    <section class="card" aria-label="Lead details">${detailList([
      { key: 'name', label: 'Name', value: lead.name },
      { key: 'company', label: 'Company', value: company },
      { key: 'email', label: 'Email', value: mailto(lead.email) },
      { key: 'phone', label: 'Phone', value: lead.phone || dash },
      { key: 'source', label: 'Source', value: lead.source },
      { key: 'leadStatus', label: 'Status', value: lead.status },
      ...(lead.disqualifyReason ? [{ key: 'disqualifyReason', label: 'Disqualify reason', value: lead.disqualifyReason }] : []),
      { key: 'owner', label: 'Owner', value: lead.ownerName },
      { key: 'createdAt', label: 'Created', value: dateTime(lead.createdAt) },
      ...conversionLinks(req, lead),
    ])}</section>`;
  return sendPage(reply, req, { title: lead.name, body, status: o.status });
}

export function registerLeadPages(app: FastifyInstance): void {
  app.get('/leads', (req, reply) => {
    const { list, filters } = listLeads(req, req.query);
    const user = authorize(req, 'lead', 'list');
    const body = html`${pageHeader('Leads', html`${can(user, 'lead', 'create') ? linkButton('/leads/new', 'New lead', 'primary') : ''}${exportCsvLink(req, 'leads')}`)}
      ${searchBar({
        baseUrl: '/leads', q: list.q, label: 'Search leads',
        filters: [
          { name: 'status', label: 'Status', options: optionList(LEAD_STATUSES), value: filters.status },
          { name: 'source', label: 'Source', options: optionList(LEAD_SOURCES), value: filters.source },
          { name: 'owner', label: 'Owner', options: ownerOptions(req, 'lead', 'list'), value: filters.owner ? String(filters.owner) : undefined },
        ],
      })}
      ${dataTable<LeadRow>({
        caption: 'Leads', list, baseUrl: '/leads',
        query: { status: filters.status, source: filters.source, owner: filters.owner ? String(filters.owner) : undefined },
        columns: [
          { key: 'name', label: 'Name', sortable: true, render: (r) => html`<a href="/leads/${r.id}">${r.name}</a>` },
          { key: 'company', label: 'Company', sortable: true, render: (r) => r.company },
          { key: 'email', label: 'Email', sortable: true, render: (r) => r.email },
          { key: 'status', label: 'Status', sortable: true, render: (r) => statusBadge(r.status, `lead-status-${r.id}`) },
          { key: 'source', label: 'Source', sortable: true, render: (r) => r.source },
          { key: 'owner', label: 'Owner', render: (r) => r.ownerName },
          { key: 'createdAt', label: 'Created', sortable: true, render: (r) => dateTime(r.createdAt) },
        ],
      })}`;
    return sendPage(reply, req, { title: 'Leads', body });
  });

  app.get('/leads/new', (req, reply) => {
    authorize(req, 'lead', 'create');
    return leadFormPage(req, reply, { values: {} });
  });
  app.post('/leads/new', (req, reply) => {
    const resent = answerResend(req, reply);
    if (resent) return resent;
    const values = formValues(req.body);
    return handleForm(
      () => {
        const lead = createLead(req, values);
        return redirectWithToast(reply, req, `/leads/${lead.id}`, `Lead ${lead.name} created`);
      },
      (errors, status, duplicate) => leadFormPage(req, reply, { values, errors, status, duplicate }),
      { conflictStatuses: ['duplicate'] },
    );
  });

  app.get('/leads/:id', (req, reply) => leadDetailPage(req, reply, viewLead(req, recordId(req))));

  app.get('/leads/:id/edit', (req, reply) => {
    const lead = loadAuthorized(req, 'lead', 'edit', recordId(req), (i) => getLead(req.server.crm.db, i));
    if (isLeadReadOnly(lead.status)) {
      return leadDetailPage(req, reply, lead, { errors: { _form: `This lead is ${lead.status} and read-only` }, status: 409 });
    }
    return leadFormPage(req, reply, { lead, values: valuesOf(lead) });
  });
  app.post('/leads/:id/edit', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const lead = updateLead(req, id, values);
        return redirectWithToast(reply, req, `/leads/${id}`, `Lead ${lead.name} saved`);
      },
      (errors, status, duplicate) => leadFormPage(req, reply, { lead: viewLead(req, id), values, errors, status, duplicate }),
      { conflictStatuses: ['duplicate'] },
    );
  });

  app.post('/leads/:id/status', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const lead = changeLeadStatus(req, id, { status: values.status, reason: values.reason });
        const toast = lead.status === 'Disqualified' ? `Lead ${lead.name} disqualified` : `Lead ${lead.name} moved to ${lead.status}`;
        return redirectWithToast(reply, req, `/leads/${id}`, toast);
      },
      (errors, status) => leadDetailPage(req, reply, viewLead(req, id), { errors, status }),
    );
  });

  app.post('/leads/:id/convert', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const errors: Record<string, string> = {};
        const amount = moneyField(values, 'amount', 'the expected amount', errors);
        if (Object.keys(errors).length) return leadDetailPage(req, reply, viewLead(req, id), { errors, status: 400 });
        const result = convertLead(req, id, {
          createOpportunity: values.createOpportunity === '1', opportunityName: values.opportunityName ?? '',
          amount, closeDate: values.closeDate ?? '',
        });
        const made = [`account ${result.account.name}`, `contact ${result.contact.name}`, ...(result.opportunity ? [`opportunity ${result.opportunity.name}`] : [])];
        return redirectWithToast(reply, req, `/leads/${id}`, `Lead converted: ${made.join(', ')} created`);
      },
      (errors, status) => leadDetailPage(req, reply, viewLead(req, id), { errors, status }),
    );
  });

  app.post('/leads/:id/delete', (req, reply) => {
    deleteLead(req, recordId(req));
    return redirectWithToast(reply, req, '/leads', 'Lead deleted');
  });
}
