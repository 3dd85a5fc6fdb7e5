import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import {
  dataTable, date, dateTime, detailList, errorSummary, field, formTag, html, money, pageHeader, searchBar, statusBadge, tabs, type SafeHtml,
} from '../../../core/html.js';
import { redirectWithToast, sendPage, ValidationError } from '../../../core/http.js';
import { can, canAccessRecord } from '../../../core/permissions.js';
import { loadAuthorized, recordId } from '../access.js';
import { opportunityPanels } from '../extensions.js';
import {
  accountOptions, centsToDollars, dash, emptyOption, formValues, handleForm, linkButton, moneyField, optionList, ownerOptions,
  readOnlyNotice, type FormValues,
} from '../ui.js';
import { isOpenStage, slug, STAGES } from '../vocab.js';
import { registerBoardPage } from './board-page.js';
import { stageButtons } from './stage-buttons.js';
import { changeStage, createOpportunity, listOpportunities, updateOpportunity, viewOpportunity } from './opportunity-service.js';
import { getOpportunity, type OpportunityRow } from './opportunity-store.js';

function contactOptions(req: FastifyRequest, accountId: string | undefined): { value: string; label: string }[] {
  if (!accountId || !/^\d+$/.test(accountId)) return [];
  const rows = req.server.crm.db
    .prepare("SELECT id, first_name || ' ' || last_name AS name FROM contacts WHERE account_id = ? ORDER BY last_name LIMIT 200")
    .all(Number(accountId)) as { id: number; name: string }[];
  return rows.map((r) => ({ value: String(r.id), label: r.name }));
}

function opportunityFormPage(
  req: FastifyRequest, reply: FastifyReply,
  o: { opportunity?: OpportunityRow; values: FormValues; errors?: Record<string, string>; status?: number },
): FastifyReply {
  const e = o.errors ?? {};
  const v = o.values;
  const title = o.opportunity ? `Edit ${o.opportunity.name}` : 'New opportunity';
  const contacts = contactOptions(req, o.opportunity ? String(o.opportunity.accountId) : v.accountId);
  const body = html`${pageHeader(title)}${errorSummary(e)}
    <section class="card">${formTag(req, {
      action: o.opportunity ? `/opportunities/${o.opportunity.id}/edit` : '/opportunities/new', label: title,
      submitLabel: o.opportunity ? 'Save changes' : 'Create opportunity',
      body: html`<div class="grid-2">
        ${field({ name: 'name', label: 'Name', value: v.name, error: e.name, required: true })}
        ${o.opportunity
          ? html`<div class="field"><span class="muted">Account</span><strong>${o.opportunity.accountName}</strong></div>`
          : field({ name: 'accountId', label: 'Account', type: 'select', value: v.accountId, error: e.accountId, required: true, options: [emptyOption('— Choose an account —'), ...accountOptions(req, v.accountId)] })}
        ${contacts.length ? field({ name: 'contactId', label: 'Primary contact', type: 'select', value: v.contactId, error: e.contactId, options: [emptyOption(), ...contacts] }) : ''}
        ${field({ name: 'amount', label: 'Amount ($)', value: v.amount, error: e.amount, hint: 'Expected amount; set to the quote total when a quote is accepted.' })}
        ${field({ name: 'closeDate', label: 'Close date', type: 'date', value: v.closeDate, error: e.closeDate, required: true })}
        ${field({ name: 'ownerId', label: 'Owner', type: 'select', value: v.ownerId ?? String(req.user?.id ?? ''), error: e.ownerId, options: ownerOptions(req, 'opportunity', o.opportunity ? 'edit' : 'create') })}
      </div>`,
    })}</section>`;
  return sendPage(reply, req, { title, body, status: o.status });
}

/** Form amounts are dollars; the services take cents. */
function formToInput(values: FormValues): Record<string, unknown> {
  const errors: Record<string, string> = {};
  const amount = moneyField(values, 'amount', 'the amount', errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const { amount: _dollars, ...rest } = values;
  return { ...rest, ...(amount !== undefined ? { amount } : {}) };
}

function opportunityDetailPage(
  req: FastifyRequest, reply: FastifyReply, o: OpportunityRow, opts: { errors?: Record<string, string>; status?: number } = {},
): FastifyReply {
  const user = req.user!;
  const canEdit = isOpenStage(o.stage) && canAccessRecord(user, 'opportunity', 'edit', o);
  const panels = opportunityPanels(req.server, user).map((p) => ({ id: p.id, label: p.label, content: p.render(req, o) }));
  const body = html`${pageHeader(o.name, html`${canEdit ? linkButton(`/opportunities/${o.id}/edit`, 'Edit') : ''}${stageButtons(req, o, 'detail')}`, html`Opportunity · ${statusBadge(o.stage)}`)}
    ${errorSummary(opts.errors)}
    ${isOpenStage(o.stage) ? '' : readOnlyNotice(`This opportunity is ${o.stage} and read-only.`)}
    <section class="card" aria-label="Opportunity details">${detailList([
      { key: 'account', label: 'Account', value: html`<a href="/accounts/${o.accountId}">${o.accountName}</a>` },
      { key: 'contact', label: 'Primary contact', value: o.contactId ? html`<a href="/contacts/${o.contactId}">${o.contactName ?? ''}</a>` : dash },
      { key: 'amount', label: 'Amount', value: money(o.amount) },
      { key: 'stage', label: 'Stage', value: o.stage },
      { key: 'probability', label: 'Probability', value: `${o.probability}%` },
      { key: 'closeDate', label: 'Close date', value: closeDateOf(req, o) },
      { key: 'owner', label: 'Owner', value: o.ownerName },
      ...(o.lossReason ? [{ key: 'lossReason', label: 'Loss reason', value: o.lossReason }] : []),
      ...(o.closedAt ? [{ key: 'closedAt', label: 'Closed', value: dateTime(o.closedAt) }] : []),
    ])}</section>
    ${panels.length ? tabs(panels, 'Opportunity sections') : ''}`;
  return sendPage(reply, req, { title: o.name, body, status: opts.status });
}

/** Defect switch calendar-date-as-instant normalises the date through Date, which makes it midnight UTC. */
function closeDateOf(req: FastifyRequest, o: OpportunityRow): SafeHtml {
  return date(req.server.crm.faults.on('calendar-date-as-instant') ? new Date(o.closeDate).toISOString() : o.closeDate);
}

function valuesOf(o: OpportunityRow): FormValues {
  return {
    name: o.name, accountId: String(o.accountId), contactId: o.contactId ? String(o.contactId) : '',
    amount: centsToDollars(o.amount), closeDate: o.closeDate, ownerId: String(o.ownerId),
  };
}

export function registerOpportunityPages(app: FastifyInstance): void {
  app.get('/opportunities', (req, reply) => {
    const { list, filters } = listOpportunities(req, req.query);
    const user = authorize(req, 'opportunity', 'list');
    const body = html`${pageHeader('Opportunities', html`${linkButton('/opportunities/board', 'Pipeline board')}${can(user, 'opportunity', 'create') ? linkButton('/opportunities/new', 'New opportunity', 'primary') : ''}`)}
      ${searchBar({
        baseUrl: '/opportunities', q: list.q, label: 'Search opportunities',
        filters: [
          { name: 'stage', label: 'Stage', options: optionList(STAGES), value: filters.stage },
          { name: 'owner', label: 'Owner', options: ownerOptions(req, 'opportunity', 'list'), value: filters.owner ? String(filters.owner) : undefined },
        ],
      })}
      ${dataTable<OpportunityRow>({
        caption: 'Opportunities', list, baseUrl: '/opportunities',
        query: { stage: filters.stage, owner: filters.owner ? String(filters.owner) : undefined, account: filters.account ? String(filters.account) : undefined },
        columns: [
          { key: 'name', label: 'Name', sortable: true, render: (r) => html`<a href="/opportunities/${r.id}">${r.name}</a>` },
          { key: 'account', label: 'Account', render: (r) => r.accountName },
          { key: 'stage', label: 'Stage', sortable: true, render: (r) => statusBadge(r.stage, `opportunity-stage-${r.id}`) },
          { key: 'probability', label: 'Probability', numeric: true, render: (r) => `${r.probability}%` },
          { key: 'amount', label: 'Amount', sortable: true, numeric: true, render: (r) => money(r.amount) },
          { key: 'closeDate', label: 'Close date', sortable: true, render: (r) => closeDateOf(req, r) },
          { key: 'owner', label: 'Owner', render: (r) => r.ownerName },
        ],
      })}`;
    return sendPage(reply, req, { title: 'Opportunities', body });
  });

  registerBoardPage(app);

  app.get('/opportunities/new', (req, reply) => {
    authorize(req, 'opportunity', 'create');
    const accountId = (req.query as { accountId?: string }).accountId;
    const closeDate = new Date(Date.parse(nowIso(req)) + 30 * 86_400_000).toISOString().slice(0, 10);
    return opportunityFormPage(req, reply, { values: { accountId: typeof accountId === 'string' ? accountId : '', closeDate, amount: '0.00' } });
  });
  app.post('/opportunities/new', (req, reply) => {
    const values = formValues(req.body);
    return handleForm(
      () => {
        const o = createOpportunity(req, formToInput(values));
        return redirectWithToast(reply, req, `/opportunities/${o.id}`, `Opportunity ${o.name} created`);
      },
      (errors, status) => opportunityFormPage(req, reply, { values, errors, status }),
    );
  });

  app.get('/opportunities/:id', (req, reply) => opportunityDetailPage(req, reply, viewOpportunity(req, recordId(req))));

  app.get('/opportunities/:id/edit', (req, reply) => {
    const o = loadAuthorized(req, 'opportunity', 'edit', recordId(req), (i) => getOpportunity(req.server.crm.db, i));
    if (!isOpenStage(o.stage)) return opportunityDetailPage(req, reply, o, { errors: { _form: `This opportunity is ${o.stage} and read-only` }, status: 409 });
    return opportunityFormPage(req, reply, { opportunity: o, values: valuesOf(o) });
  });
  app.post('/opportunities/:id/edit', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const o = updateOpportunity(req, id, formToInput(values));
        return redirectWithToast(reply, req, `/opportunities/${id}`, `Opportunity ${o.name} saved`);
      },
      (errors, status) => opportunityFormPage(req, reply, { opportunity: viewOpportunity(req, id), values, errors, status }),
    );
  });

  app.post('/opportunities/:id/stage', (req, reply) => {
    const id = recordId(req);
    const values = formValues(req.body);
    const back = values.returnTo === 'board' ? `/opportunities/board#stage-${slug(values.stage ?? '')}` : `/opportunities/${id}`;
    return handleForm(
      () => {
        const o = changeStage(req, id, { stage: values.stage, lossReason: values.lossReason });
        const toast = o.stage === 'Closed Lost' ? `Opportunity ${o.name} marked as lost` : `Opportunity ${o.name} moved to ${o.stage}`;
        return redirectWithToast(reply, req, back, toast);
      },
      (errors, status) => opportunityDetailPage(req, reply, viewOpportunity(req, id), { errors, status }),
    );
  });
}
