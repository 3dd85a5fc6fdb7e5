import { z } from 'zod';
import type { ApiClient } from '../api/client.js';
import { approvalSchema, invoiceSchema, orderSchema, paymentSchema, quoteSchema, type Quote } from '../api/revenue.js';
import { accountSchema, contactSchema, leadSchema, opportunitySchema } from '../api/sales-crm.js';
import { ticketSummarySchema } from '../api/service.js';
import { expectedLine } from '../domain/pricing.js';

/**
 * An integrity sweep over the CRM's API, as a reader who sees everything (admin): every object type
 * the API lists (from the CRM's own route list) is walked page by page, every reference is resolved
 * against the records walked, and every stored total is recomputed from its parts with the documented
 * rules (quote = its lines, order = its quote, invoice = its order and payments, account roll-ups =
 * its invoices and payments, a won opportunity = its accepted quote, SLA agent load = the open tickets).
 */
export interface SweepReport {
  /** records walked per list (GET /api/<list>) */
  walked: Record<string, number>;
  /** lists the reader may not walk, with the answer */
  notWalked: Record<string, number>;
  checks: number;
  findings: string[];
}

/** Lists whose default view is not everything: the parameter that shows all. */
const SHOW_ALL: Record<string, Record<string, string>> = { approvals: { status: 'all' } };
/** Lists whose records point at no other record: walked, nothing to resolve. */
const NO_REFERENCES = new Set(['products', 'users', 'audit', 'imports']);
/** The lists the rules below resolve and recompute. */
const RULED = new Set(['leads', 'accounts', 'contacts', 'opportunities', 'quotes', 'approvals', 'orders', 'invoices', 'payments', 'tickets']);

const routeList = z.object({ routes: z.array(z.object({ method: z.string(), path: z.string() })) });
const slaLoad = z.object({
  openCount: z.number(), breachCount: z.number(),
  agentLoad: z.array(z.object({ name: z.string(), open: z.number(), breached: z.number() })),
});

/** GET /api/<name> routes that answer a paged list. */
async function listNames(api: ApiClient): Promise<{ lists: string[]; notWalked: Record<string, number> }> {
  const { routes } = await api.get('/api/test/routes', undefined, routeList);
  const lists: string[] = [];
  const notWalked: Record<string, number> = {};
  for (const r of routes.filter((x) => x.method === 'GET' && /^\/api\/[a-z]+(\/[a-z]+)?$/.test(x.path))) {
    const name = r.path.slice('/api/'.length);
    const probe = await api.send<{ items?: unknown; total?: unknown }>('GET', r.path, { params: { pageSize: 1 } });
    if (probe.status !== 200) notWalked[name] = probe.status;
    else if (Array.isArray(probe.body.items) && typeof probe.body.total === 'number') lists.push(name);
  }
  return { lists, notWalked };
}

export async function integritySweep(api: ApiClient): Promise<SweepReport> {
  const { lists, notWalked } = await listNames(api);
  const records = new Map<string, { id: number }[]>();
  for (const name of lists) records.set(name, await api.listAll<{ id: number }>(name, SHOW_ALL[name] ?? {}));
  const findings: string[] = [];
  let checks = 0;
  const ids = (list: string) => new Set((records.get(list) ?? []).map((r) => r.id));
  const known = new Map(lists.map((l) => [l, ids(l)]));
  const all = <T>(list: string, schema: z.ZodType<T>): T[] => z.array(schema).parse(records.get(list) ?? []);
  const ref = (from: string, field: string, list: string, id: number | null | undefined) => {
    checks += 1;
    if (id !== null && id !== undefined && !known.get(list)?.has(id)) findings.push(`${from}: ${field} points at ${list} ${id}, which does not exist`);
  };
  const same = (what: string, stored: number | bigint, parts: number | bigint) => {
    checks += 1;
    if (BigInt(stored) !== BigInt(parts)) findings.push(`${what}: stored ${stored}, its parts make ${parts}`);
  };

  for (const name of lists) if (!NO_REFERENCES.has(name) && !RULED.has(name)) findings.push(`/api/${name}: a list the sweep has no integrity rules for`);

  for (const l of all('leads', leadSchema)) {
    ref(`lead ${l.id}`, 'ownerId', 'users', l.ownerId);
    ref(`lead ${l.id}`, 'convertedAccountId', 'accounts', l.convertedAccountId);
    ref(`lead ${l.id}`, 'convertedContactId', 'contacts', l.convertedContactId);
    ref(`lead ${l.id}`, 'convertedOpportunityId', 'opportunities', l.convertedOpportunityId);
  }
  for (const c of all('contacts', contactSchema)) {
    ref(`contact ${c.id}`, 'ownerId', 'users', c.ownerId);
    ref(`contact ${c.id}`, 'accountId', 'accounts', c.accountId);
  }
  const opportunities = all('opportunities', opportunitySchema);
  for (const o of opportunities) {
    ref(`opportunity ${o.id}`, 'ownerId', 'users', o.ownerId);
    ref(`opportunity ${o.id}`, 'accountId', 'accounts', o.accountId);
    ref(`opportunity ${o.id}`, 'contactId', 'contacts', o.contactId);
  }

  // quotes with their lines (detail): each line and the totals from the documented rounding rule
  const quotes = new Map<number, Quote>();
  for (const { id } of records.get('quotes') ?? []) quotes.set(id, await api.get(`/api/quotes/${id}`, undefined, quoteSchema));
  for (const q of quotes.values()) {
    ref(`quote ${q.number}`, 'opportunityId', 'opportunities', q.opportunityId);
    ref(`quote ${q.number}`, 'accountId', 'accounts', q.accountId);
    for (const line of q.lines) {
      ref(`quote ${q.number} line ${line.id}`, 'productId', 'products', line.productId);
      const e = expectedLine({ quantity: line.quantity, unitPriceCents: line.unitPriceCents, discountBp: line.discountBp, taxRateBp: line.taxRateBp });
      same(`quote ${q.number} line ${line.sku} net`, line.netCents, e.netCents);
      same(`quote ${q.number} line ${line.sku} tax`, line.taxCents, e.taxCents);
      same(`quote ${q.number} line ${line.sku} total`, line.totalCents, e.totalCents);
    }
    same(`quote ${q.number} subtotal`, q.subtotalCents, q.lines.reduce((s, l) => s + BigInt(l.netCents), 0n));
    same(`quote ${q.number} tax`, q.taxCents, q.lines.reduce((s, l) => s + BigInt(l.taxCents), 0n));
    same(`quote ${q.number} grand total`, q.grandTotalCents, BigInt(q.subtotalCents) + BigInt(q.taxCents));
  }
  for (const a of all('approvals', approvalSchema)) ref(`approval ${a.id}`, 'quoteId', 'quotes', a.quoteId);

  const orders = all('orders', orderSchema);
  for (const o of orders) {
    ref(`order ${o.number}`, 'quoteId', 'quotes', o.quoteId);
    ref(`order ${o.number}`, 'opportunityId', 'opportunities', o.opportunityId);
    ref(`order ${o.number}`, 'accountId', 'accounts', o.accountId);
    ref(`order ${o.number}`, 'invoiceId', 'invoices', o.invoiceId);
    const q = quotes.get(o.quoteId);
    if (!q) continue;
    same(`order ${o.number} subtotal (its quote ${q.number})`, o.subtotalCents, q.subtotalCents);
    same(`order ${o.number} tax (its quote ${q.number})`, o.taxCents, q.taxCents);
    same(`order ${o.number} total (its quote ${q.number})`, o.totalCents, q.grandTotalCents);
    const won = opportunities.find((x) => x.id === o.opportunityId);
    if (won?.stage === 'Closed Won') same(`opportunity ${won.id} amount (its accepted quote ${q.number})`, won.amount, q.grandTotalCents);
  }

  const payments = all('payments', paymentSchema);
  for (const p of payments) ref(`payment ${p.id}`, 'invoiceId', 'invoices', p.invoiceId);
  const paidOf = (invoiceId: number) => payments.filter((p) => p.invoiceId === invoiceId).reduce((s, p) => s + BigInt(p.amountCents), 0n);
  const invoices = all('invoices', invoiceSchema);
  for (const i of invoices) {
    ref(`invoice ${i.number}`, 'orderId', 'orders', i.orderId);
    ref(`invoice ${i.number}`, 'accountId', 'accounts', i.accountId);
    const order = orders.find((o) => o.id === i.orderId);
    if (order) same(`invoice ${i.number} total (its order ${order.number})`, i.totalCents, order.totalCents);
    same(`invoice ${i.number} paid (its payments)`, i.paidCents, paidOf(i.id));
    same(`invoice ${i.number} balance (total − payments)`, i.balanceCents, BigInt(i.totalCents) - paidOf(i.id));
    checks += 1;
    if ((i.status === 'Paid') !== (paidOf(i.id) >= BigInt(i.totalCents))) findings.push(`invoice ${i.number}: status ${i.status} with ${paidOf(i.id)} paid of ${i.totalCents}`);
  }

  // account roll-ups (detail only): lifetime revenue = Σ payments, open balance = Σ open invoice balances
  for (const { id } of records.get('accounts') ?? []) {
    const account = await api.get(`/api/accounts/${id}`, undefined, accountSchema);
    ref(`account ${id}`, 'ownerId', 'users', account.ownerId);
    const own = invoices.filter((i) => i.accountId === id);
    same(`account ${id} lifetime revenue (Σ payments on its invoices)`, account.lifetimeRevenue, own.reduce((s, i) => s + paidOf(i.id), 0n));
    const open = own.map((i) => BigInt(i.totalCents) - paidOf(i.id)).filter((b) => b > 0n);
    same(`account ${id} open balance (Σ balances of its unpaid invoices)`, account.openBalance, open.reduce((s, b) => s + b, 0n));
  }

  for (const t of all('tickets', ticketSummarySchema)) {
    ref(`ticket ${t.number}`, 'account', 'accounts', t.account.id);
    ref(`ticket ${t.number}`, 'assignee', 'users', t.assignee?.id);
  }
  if (lists.includes('tickets')) {
    const board = await api.get('/api/tickets/sla-board', undefined, slaLoad);
    same('SLA board open tickets (Σ agent load rows)', board.openCount, board.agentLoad.reduce((s, l) => s + l.open, 0));
    same('SLA board breaches (Σ agent load rows)', board.breachCount, board.agentLoad.reduce((s, l) => s + l.breached, 0));
  }

  const walked = Object.fromEntries(lists.map((l) => [l, records.get(l)?.length ?? 0]));
  return { walked, notWalked, checks, findings };
}
