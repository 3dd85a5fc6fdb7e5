/** Who sees and does what with quotes, approvals, orders, invoices and payments (API and pages). */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDeal, createProduct, createQuote, expectStatus, invoicedDeal, startWithActors, type Actors,
} from './sales-revenue-support.js';
import type { ApiClient } from './harness.js';

let a: Actors;
/** one fully sold and invoiced deal of rep.li, one paid payment, one pending approval */
let li: { quoteId: number; orderId: number; invoiceId: number; invoiceNumber: string; approvalId: number; accountId: number };

before(async () => {
  a = await startWithActors();
  const deal = await invoicedDeal(a, a.li, 10_000, 0);
  expectStatus(await a.finance.post(`/api/invoices/${deal.invoice.id}/payments`, { amountCents: 1_000, paidOn: new Date().toISOString().slice(0, 10), method: 'Cash' }), 201);
  const order = await a.li.get(`/api/orders/${deal.orderId}`);
  const productId = await createProduct(a.admin, 1_000, 0);
  const pendingQuote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId, quantity: 1, discountPercent: '20' }]);
  const submitted = await a.li.post(`/api/quotes/${pendingQuote.id}/submit`);
  li = {
    quoteId: order.body.quoteId, orderId: deal.orderId, invoiceId: deal.invoice.id, invoiceNumber: deal.invoice.number,
    approvalId: submitted.body.approvals[0].id, accountId: deal.accountId,
  };
});
after(async () => { await a.crm.close(); });

const readPaths = () => [
  '/api/quotes', `/api/quotes/${li.quoteId}`, '/api/orders', `/api/orders/${li.orderId}`, '/api/invoices', `/api/invoices/${li.invoiceId}`,
  '/api/payments', '/api/approvals', `/api/approvals/${li.approvalId}`,
];
const pagePaths = () => ['/quotes', `/quotes/${li.quoteId}`, '/orders', `/orders/${li.orderId}`, '/invoices', `/invoices/${li.invoiceId}`, '/payments', '/approvals'];

async function expectDenied(client: ApiClient, path: string, method = 'GET', body?: unknown): Promise<void> {
  const res = await client.request(method, path, body);
  expectStatus(res, 403);
  assert.doesNotMatch(res.text, new RegExp(li.invoiceNumber), `${path} leaks the record`);
}

describe('support roles never see quotes, approvals, orders, invoices or payments', () => {
  test('API: 403 on every list and record, audited', async () => {
    for (const client of [a.agent, a.supportManager]) {
      for (const path of readPaths()) await expectDenied(client, path);
      await expectDenied(client, `/api/invoices/${li.invoiceId}/payments`, 'POST', { amountCents: 1, paidOn: '2026-01-01', method: 'Cash' });
    }
    const audit = await a.auditor.get(`/api/audit?actor=agent.ana&action=permission_denied&object=invoice`);
    assert.ok(audit.body.items.length >= 2, 'denials are audited');
  });

  test('pages: access-denied page by direct URL, and no menu entries', async () => {
    for (const client of [a.agent, a.supportManager]) {
      for (const path of pagePaths()) {
        const res = await client.request('GET', path, undefined, { accept: 'text/html' });
        expectStatus(res, 403);
        assert.match(res.text, /data-testid="access-denied"/, path);
      }
      const home = await client.request('GET', '/', undefined, { accept: 'text/html' });
      for (const href of ['/quotes', '/approvals', '/orders', '/invoices', '/payments']) assert.doesNotMatch(home.text, new RegExp(`href="${href}"`));
    }
  });
});

describe('sales reps: their own opportunities’ documents only, read-only after the quote', () => {
  test('the other rep gets 403 by id and never finds them in lists', async () => {
    for (const path of readPaths().filter((p) => /\d+$/.test(p) && !p.includes('approvals'))) await expectDenied(a.sam, path);
    for (const list of ['/api/quotes', '/api/orders', '/api/invoices', '/api/payments']) {
      const res = await a.sam.get(`${list}?pageSize=100`);
      expectStatus(res, 200);
      const leaked = res.body.items.filter((x: any) => x.ownerName === 'Li Wei' || x.invoiceNumber === li.invoiceNumber || x.number === li.invoiceNumber);
      assert.deepEqual(leaked, [], list);
    }
    await expectDenied(a.sam, `/api/quotes/${li.quoteId}/lines`, 'POST', { productId: 1, quantity: 1 });
    const page = await a.sam.request('GET', `/invoices/${li.invoiceId}`, undefined, { accept: 'text/html' });
    expectStatus(page, 403);
  });

  test('the owner reads orders, invoices and payments but cannot invoice, pay or approve', async () => {
    for (const path of [`/api/orders/${li.orderId}`, `/api/invoices/${li.invoiceId}`, `/api/payments?invoiceId=${li.invoiceId}`]) expectStatus(await a.li.get(path), 200);
    const payments = await a.li.get(`/api/payments?invoiceId=${li.invoiceId}`);
    assert.equal(payments.body.total, 1);
    await expectDenied(a.li, `/api/invoices/${li.invoiceId}/payments`, 'POST', { amountCents: 1, paidOn: '2026-01-01', method: 'Cash' });
    await expectDenied(a.li, `/api/approvals/${li.approvalId}/approve`, 'POST', {});
    const home = await a.li.request('GET', '/', undefined, { accept: 'text/html' });
    assert.match(home.text, /href="\/quotes"/);
    assert.match(home.text, /href="\/invoices"/);
    assert.doesNotMatch(home.text, /href="\/approvals"/);
  });
});

describe('sales manager: the sales team’s records, approvals up to 30%', () => {
  test('sees the team’s quotes, orders and invoices; cannot invoice or pay', async () => {
    for (const path of readPaths()) expectStatus(await a.manager.get(path), 200);
    const invoices = await a.manager.get('/api/invoices?pageSize=100');
    assert.ok(invoices.body.items.some((i: any) => i.id === li.invoiceId));
    await expectDenied(a.manager, `/api/invoices/${li.invoiceId}/payments`, 'POST', { amountCents: 1, paidOn: '2026-01-01', method: 'Cash' });
  });
});

describe('finance: orders, invoices and payments; quotes read-only', () => {
  test('reads everything money-related, cannot create or edit quotes', async () => {
    for (const path of readPaths().filter((p) => !p.includes('approvals'))) expectStatus(await a.finance.get(path), 200);
    await expectDenied(a.finance, '/api/approvals');
    const deal = await createDeal(a.li);
    await expectDenied(a.finance, `/api/opportunities/${deal.opportunityId}/quotes`, 'POST', {});
    await expectDenied(a.finance, `/api/quotes/${li.quoteId}/lines`, 'POST', { productId: 1, quantity: 1 });
    const home = await a.finance.request('GET', '/', undefined, { accept: 'text/html' });
    for (const href of ['/quotes', '/orders', '/invoices', '/payments']) assert.match(home.text, new RegExp(`href="${href}"`));
  });
});

describe('auditor: reads all, writes nothing', () => {
  test('GET everything, every write 403', async () => {
    for (const path of readPaths()) expectStatus(await a.auditor.get(path), 200);
    for (const path of pagePaths()) expectStatus(await a.auditor.request('GET', path, undefined, { accept: 'text/html' }), 200);
    const deal = await createDeal(a.li);
    await expectDenied(a.auditor, `/api/opportunities/${deal.opportunityId}/quotes`, 'POST', {});
    await expectDenied(a.auditor, `/api/quotes/${li.quoteId}/send`, 'POST', {});
    await expectDenied(a.auditor, `/api/approvals/${li.approvalId}/reject`, 'POST', { comment: 'no' });
    await expectDenied(a.auditor, `/api/orders/${li.orderId}/invoice`, 'POST', {});
    await expectDenied(a.auditor, `/api/invoices/${li.invoiceId}/payments`, 'POST', { amountCents: 1, paidOn: '2026-01-01', method: 'Cash' });
    const page = await a.auditor.get(`/invoices/${li.invoiceId}`);
    assert.doesNotMatch(page.text, />Record payment</);
  });
});

describe('admin: everything', () => {
  test('reads all lists and pages', async () => {
    for (const path of readPaths()) expectStatus(await a.admin.get(path), 200);
    for (const path of pagePaths()) expectStatus(await a.admin.request('GET', path, undefined, { accept: 'text/html' }), 200);
  });
});
