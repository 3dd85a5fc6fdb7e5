/**
 * Shared set-up for the sales-revenue API tests: signed-in clients per role and builders that create
 * fresh records through the public API (each test makes its own data).
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { randomUUID } from 'node:crypto';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import type { FaultName } from '../src/core/faults.js';

export interface Actors {
  crm: TestCrm;
  admin: ApiClient;
  li: ApiClient;
  sam: ApiClient;
  manager: ApiClient;
  finance: ApiClient;
  agent: ApiClient;
  supportManager: ApiClient;
  auditor: ApiClient;
}

export async function startWithActors(faults: FaultName[] = []): Promise<Actors> {
  const crm = await startCrm({ faults });
  const [admin, li, sam, manager, finance, agent, supportManager, auditor] = await Promise.all(
    ['admin', 'rep.li', 'rep.sam', 'mgr.zhang', 'fin.omar', 'agent.ana', 'supmgr.kim', 'auditor.eve'].map((u) => crm.login(u)),
  );
  return {
    crm, admin: admin!, li: li!, sam: sam!, manager: manager!, finance: finance!, agent: agent!, supportManager: supportManager!, auditor: auditor!,
  };
}

export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Fails with the response body in the message, so a wrong status explains itself. */
export function expectStatus(res: { status: number; text: string }, status: number): void {
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 400)}`);
}

export async function createProduct(admin: ApiClient, unitPriceCents: number, taxRateBp: number, active = true): Promise<number> {
  const res = await admin.post('/api/products', { sku: unique('SKU').toUpperCase(), name: unique('Product'), unitPriceCents, taxRateBp, active });
  expectStatus(res, 201);
  return res.body.id as number;
}

export interface Deal {
  accountId: number;
  opportunityId: number;
}

/** A new account and open opportunity owned by the signed-in rep. */
export async function createDeal(rep: ApiClient): Promise<Deal> {
  const account = await rep.post('/api/accounts', { name: unique('Account') });
  expectStatus(account, 201);
  const opp = await rep.post('/api/opportunities', { name: unique('Deal'), accountId: account.body.id, amount: 100_00, closeDate: '2030-01-31' });
  expectStatus(opp, 201);
  return { accountId: account.body.id as number, opportunityId: opp.body.id as number };
}

export interface LineSpec {
  productId: number;
  quantity: number;
  discountPercent?: string | number;
  unitPriceCents?: number;
}

export async function createQuote(rep: ApiClient, opportunityId: number, lines: LineSpec[] = []): Promise<any> {
  const res = await rep.post(`/api/opportunities/${opportunityId}/quotes`, {});
  expectStatus(res, 201);
  let quote = res.body;
  for (const line of lines) {
    const added = await rep.post(`/api/quotes/${quote.id}/lines`, line);
    expectStatus(added, 201);
    quote = added.body.quote;
  }
  return quote;
}

/** Quote → (approval by `approver` when needed) → Sent → Accepted; returns the accept response body. */
export async function sellQuote(rep: ApiClient, quote: any, approver?: ApiClient): Promise<any> {
  if (quote.approvalLevel !== 'none') {
    expectStatus(await rep.post(`/api/quotes/${quote.id}/submit`), 200);
    const current = await rep.get(`/api/quotes/${quote.id}`);
    const pending = current.body.approvals.find((a: any) => a.status === 'Pending');
    assert.ok(approver, 'this quote needs an approver');
    expectStatus(await approver.post(`/api/approvals/${pending.id}/approve`, { comment: 'ok' }), 200);
  }
  expectStatus(await rep.post(`/api/quotes/${quote.id}/send`), 200);
  const accepted = await rep.post(`/api/quotes/${quote.id}/accept`);
  expectStatus(accepted, 200);
  return accepted.body;
}

/** A new deal sold for one product line and invoiced by finance; returns ids and the invoice. */
export async function invoicedDeal(a: Actors, rep: ApiClient, unitPriceCents: number, taxRateBp: number, quantity = 1): Promise<Deal & { orderId: number; invoice: any }> {
  const productId = await createProduct(a.admin, unitPriceCents, taxRateBp);
  const deal = await createDeal(rep);
  const quote = await createQuote(rep, deal.opportunityId, [{ productId, quantity }]);
  const accepted = await sellQuote(rep, quote);
  const invoice = await a.finance.post(`/api/orders/${accepted.orderId}/invoice`);
  expectStatus(invoice, 201);
  return { ...deal, orderId: accepted.orderId as number, invoice: invoice.body };
}

export function metric(dashboard: any, id: string): { raw: number; value: string } | undefined {
  for (const w of dashboard.widgets ?? []) {
    for (const m of w.metrics) if (m.id === id) return m;
  }
  return undefined;
}

export async function notificationsOf(client: ApiClient): Promise<string[]> {
  const res = await client.get('/api/notifications');
  expectStatus(res, 200);
  return (res.body.items as { message: string }[]).map((n) => n.message);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A suite against its own server with one defect switch on, so that no two defects mix. */
export function withFault(name: FaultName, body: (get: () => Actors) => void): void {
  describe(`defect switch ${name}`, () => {
    let a: Actors;
    before(async () => { a = await startWithActors([name]); });
    after(async () => { await a.crm.close(); });
    body(() => a);
  });
}
