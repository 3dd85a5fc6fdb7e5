import type { Query } from '../api/client.js';
import type { MatrixRole } from './model.js';
import { freshPhone } from './plan-helpers.js';
import type { RouteRecords, RouteRec } from './route-records.js';
import type { MatrixRoute, RecordKind } from './route-rules.js';
import type { PlanContext } from './target-types.js';
import { leadBody, opportunityBody, probePassword, type OwnerKey } from './world.js';

/**
 * What each route is sent: a concrete path, a body an allowed role's call would succeed with, and —
 * for state-changing routes — where admin reads back whether anything changed.
 */
export interface RouteCall {
  path: string;
  data?: unknown;
  params?: Query;
}

export function concreteRoutePath(route: MatrixRoute, rec?: RouteRec): string {
  return route.path
    .replace(':lineId', String(rec?.sub ?? 0))
    .replace(':id', String(rec?.id ?? 0))
    .replace(':file', route.concrete ?? '');
}

/** Whose account a create by this role is put on: one in the role's own scope, so only the permission decides. */
const ACCOUNT_OWNER: Partial<Record<MatrixRole, OwnerKey>> = { salesRep: 'A', salesRep2: 'B', salesManager: 'A' };

/** The body of a create: carries `marker`, so admin can search for what it made. */
function createBody(route: MatrixRoute, ctx: PlanContext, marker: string): unknown {
  switch (route.object) {
    case 'lead': return leadBody(marker);
    case 'account': return { name: marker };
    case 'contact': return { firstName: marker, lastName: 'Probe' };
    case 'opportunity': return opportunityBody(marker, ctx.world.sales[ACCOUNT_OWNER[ctx.role] ?? 'X'].account.id);
    case 'product': return { sku: marker.toUpperCase(), name: marker.toUpperCase(), unitPriceCents: 700, taxRateBp: 0, active: true };
    case 'user': return { username: marker, displayName: marker, email: `${marker}@example.test`, role: 'auditor', password: probePassword() };
    case 'import': return { object: 'lead', fileName: `${marker}.csv`, csv: `First name,Last name,Company,Email\r\nImp,Probe,${marker},${marker}@example.test\r\n` };
    case 'ticket':
      return route.surface === 'portal'
        ? { subject: marker, description: `${marker} description`, priority: 'P4', category: 'Other' }
        : { subject: marker, description: `${marker} description`, priority: 'P4', category: 'Other', channel: 'email', accountId: ctx.world.accounts.acme };
    default: throw new Error(`no create body for ${route.object}`);
  }
}

/** Where admin finds a record a create made (search by its marker). */
export function createdSearch(route: MatrixRoute, marker: string): RouteCall {
  const list = route.object === 'import' ? 'leads' : route.object === 'ticket' ? 'tickets' : `${route.object === 'opportunity' ? 'opportunitie' : route.object}s`;
  return { path: `/api/${list}`, params: { q: route.object === 'product' ? marker.toUpperCase() : marker } };
}

export function collectionCall(route: MatrixRoute, ctx: PlanContext, marker: string): RouteCall {
  if (route.method === 'GET') return { path: concreteRoutePath(route) };
  return { path: route.path, data: createBody(route, ctx, marker) };
}

/** The body an allowed role's call succeeds with, on a record in the state the route needs. */
function recordBody(route: MatrixRoute, ctx: PlanContext, rec: RouteRec, records: RouteRecords): unknown {
  const last = route.path.split('/').pop();
  switch (`${route.method} ${last}`) {
    case 'PATCH :id':
      return ({ lead: { phone: freshPhone(ctx) }, account: { phone: freshPhone(ctx) }, contact: { phone: freshPhone(ctx) },
        opportunity: { amount: ctx.freshNumber() }, product: { unitPriceCents: ctx.freshNumber() }, user: { password: probePassword() } } as Record<string, unknown>)[route.object];
    case 'POST status': return route.object === 'lead' ? { status: 'Working' } : { status: 'Pending customer' };
    case 'POST convert': return { createOpportunity: false };
    case 'POST stage': return { stage: 'Qualification' };
    case 'POST lines': return { productId: ctx.world.productId, quantity: 1, discountPercent: 0 };
    // consecutive numbers of one test, so two roles changing one line in turn set different quantities
    case 'PATCH :lineId': return { quantity: 1 + (ctx.freshNumber() % 9_999) };
    case 'POST approve': return { comment: 'route check' };
    case 'POST reject': return { comment: 'route check' };
    case 'POST payments': return { amountCents: 1, paidOn: records.todayIso, method: 'Cash', reference: 'route check' };
    case 'POST replies':
    case 'POST notes': return { body: ctx.fresh('message') };
    case 'POST resolve': return { resolutionCode: 'Fixed' };
    case 'POST assign': return { assigneeId: records.otherAgentId(rec.owner) };
    case 'POST rating': return { rating: 4 };
    default: return route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
  }
}

export function recordCall(route: MatrixRoute, ctx: PlanContext, rec: RouteRec, records: RouteRecords): RouteCall {
  const data = recordBody(route, ctx, rec, records);
  return { path: concreteRoutePath(route, rec), ...(data === undefined ? {} : { data }) };
}

const TICKET_KINDS: readonly RecordKind[] = ['openTicket', 'pendingTicket', 'escalatedTicket', 'queueTicket', 'resolvedTicket', 'closedTicket', 'ticket'];

/** Where admin reads the record back to see whether a state-changing call changed it. */
export function readBack(route: MatrixRoute, rec: RouteRec): RouteCall {
  const kind = route.record!;
  if (route.path === '/api/opportunities/:id/quotes') return { path: route.path.replace(':id', String(rec.id)) };
  if (kind === 'user') return { path: '/api/audit', params: { object: 'user', recordId: String(rec.id), pageSize: 1 } };
  if (TICKET_KINDS.includes(kind)) return { path: `/api/tickets/${rec.id}` };
  const base: Record<string, string> = {
    newLead: 'leads', qualifiedLead: 'leads', newAccount: 'accounts', newContact: 'contacts', newOpportunity: 'opportunities',
    draftQuote: 'quotes', discountedDraft: 'quotes', sentQuote: 'quotes', pendingQuote: 'quotes', pendingApproval: 'approvals',
    openOrder: 'orders', openInvoice: 'invoices', product: 'products',
  };
  if (!base[kind]) throw new Error(`no read-back for a ${kind} record`);
  return { path: `/api/${base[kind]}/${rec.id}` };
}

/** The state of an answer to compare before and after: clocks computed at read time (SLA timers) left out. */
export function stableState(status: number, body: unknown): string {
  return `${status} ${JSON.stringify(body, (key, value: unknown) => (key === 'sla' || key === 'actions' ? undefined : value))}`;
}
