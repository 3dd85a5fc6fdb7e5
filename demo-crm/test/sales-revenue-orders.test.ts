/** Accepting a quote (order + Closed Won) and issuing invoices from orders. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDeal, createProduct, createQuote, DAY_MS, expectStatus, sellQuote, startWithActors, type Actors,
} from './sales-revenue-support.js';

let a: Actors;
before(async () => { a = await startWithActors(); });
after(async () => { await a.crm.close(); });

describe('accepting a quote', () => {
  test('creates an order with the quote lines and total, closes the opportunity won and declines sibling quotes', async () => {
    const p1 = await createProduct(a.admin, 1999, 825);
    const p2 = await createProduct(a.admin, 1005, 1000);
    const deal = await createDeal(a.li);
    const sibling = await createQuote(a.li, deal.opportunityId, [{ productId: p1, quantity: 1 }]);
    const draftSibling = await createQuote(a.li, deal.opportunityId);
    expectStatus(await a.li.post(`/api/quotes/${sibling.id}/send`), 200);
    const quote = await createQuote(a.li, deal.opportunityId, [
      { productId: p1, quantity: 3, discountPercent: '12.5' },
      { productId: p2, quantity: 1, discountPercent: '10' },
    ]);
    const accepted = await sellQuote(a.li, quote, a.manager);
    assert.equal(accepted.status, 'Accepted');
    assert.match(accepted.orderNumber, /^ORD-\d{6}$/);
    assert.deepEqual(accepted.declinedQuoteIds.sort(), [sibling.id, draftSibling.id].sort());

    const order = await a.li.get(`/api/orders/${accepted.orderId}`);
    expectStatus(order, 200);
    assert.equal(order.body.totalCents, quote.grandTotalCents);
    assert.equal(order.body.subtotalCents, quote.subtotalCents);
    assert.equal(order.body.taxCents, quote.taxCents);
    assert.deepEqual(
      order.body.lines.map((l: any) => [l.productId, l.quantity, l.netCents, l.taxCents]),
      quote.lines.map((l: any) => [l.productId, l.quantity, l.netCents, l.taxCents]),
    );
    const opp = await a.li.get(`/api/opportunities/${deal.opportunityId}`);
    assert.equal(opp.body.stage, 'Closed Won');
    assert.equal(opp.body.amount, quote.grandTotalCents);
    for (const id of [sibling.id, draftSibling.id]) assert.equal((await a.li.get(`/api/quotes/${id}`)).body.status, 'Declined');
  });

  test('order numbers are sequential', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const first = await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]));
    const second = await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]));
    assert.equal(Number(second.orderNumber.slice(4)), Number(first.orderNumber.slice(4)) + 1);
  });

  test('only a Sent quote can be accepted', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]);
    const res = await a.li.post(`/api/quotes/${quote.id}/accept`);
    expectStatus(res, 409);
    assert.match(res.body.message, /Only a Sent quote/);
  });

  test('an opportunity Closed Lost cannot have a quote accepted; nothing is written', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const deal = await createDeal(a.li);
    const quote = await createQuote(a.li, deal.opportunityId, [{ productId: p, quantity: 1 }]);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
    expectStatus(await a.li.post(`/api/opportunities/${deal.opportunityId}/stage`, { stage: 'Closed Lost', lossReason: 'Went with a competitor' }), 200);
    const res = await a.li.post(`/api/quotes/${quote.id}/accept`);
    expectStatus(res, 409);
    assert.match(res.body.message, /Closed Lost/);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.status, 'Sent');
    const orders = await a.finance.get(`/api/orders?opportunityId=${deal.opportunityId}`);
    assert.equal(orders.body.total, 0);
  });

  test('a Sent quote can be marked declined, which creates nothing', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const deal = await createDeal(a.li);
    const quote = await createQuote(a.li, deal.opportunityId, [{ productId: p, quantity: 1 }]);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/decline`), 409);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
    const res = await a.li.post(`/api/quotes/${quote.id}/decline`);
    expectStatus(res, 200);
    assert.equal(res.body.status, 'Declined');
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/accept`), 409);
    assert.equal((await a.li.get(`/api/opportunities/${deal.opportunityId}`)).body.stage, 'Prospecting');
  });

  test('finance cannot accept quotes (read only on quotes)', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
    expectStatus(await a.finance.post(`/api/quotes/${quote.id}/accept`), 403);
    expectStatus(await a.finance.get(`/api/quotes/${quote.id}`), 200);
  });
});

describe('issuing an invoice', () => {
  test('one invoice per order: sequential INV number, total = order total, due 30 days after issue', async () => {
    const p = await createProduct(a.admin, 1999, 825);
    const accepted = await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 3, discountPercent: '12.5' }]), a.manager);
    const before = Date.now();
    const first = await a.finance.post(`/api/orders/${accepted.orderId}/invoice`);
    expectStatus(first, 201);
    assert.match(first.body.number, /^INV-\d{6}$/);
    assert.equal(first.body.totalCents, 5680);
    assert.equal(first.body.status, 'Issued');
    assert.equal(first.body.balanceCents, 5680);
    const issued = Date.parse(first.body.issuedAt);
    assert.ok(issued >= before - 1000 && issued <= Date.now() + 1000);
    assert.equal(Date.parse(first.body.dueAt) - issued, 30 * DAY_MS);

    const again = await a.finance.post(`/api/orders/${accepted.orderId}/invoice`);
    expectStatus(again, 409);
    assert.match(again.body.message, /already has invoice INV-/);

    const other = await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]));
    const second = await a.finance.post(`/api/orders/${other.orderId}/invoice`);
    assert.equal(Number(second.body.number.slice(4)), Number(first.body.number.slice(4)) + 1);
    const order = await a.finance.get(`/api/orders/${accepted.orderId}`);
    assert.deepEqual([order.body.status, order.body.invoiceNumber], ['Invoiced', first.body.number]);
  });

  test('reps and managers cannot issue invoices; admin can', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const accepted = await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]));
    expectStatus(await a.li.post(`/api/orders/${accepted.orderId}/invoice`), 403);
    expectStatus(await a.manager.post(`/api/orders/${accepted.orderId}/invoice`), 403);
    expectStatus(await a.auditor.post(`/api/orders/${accepted.orderId}/invoice`), 403);
    expectStatus(await a.admin.post(`/api/orders/${accepted.orderId}/invoice`), 201);
  });

  test('order page offers Issue invoice to finance and links the invoice afterwards', async () => {
    const p = await createProduct(a.admin, 100, 0);
    const accepted = await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]));
    const page = await a.finance.get(`/orders/${accepted.orderId}`);
    expectStatus(page, 200);
    assert.match(page.text, /<button type="submit" class="btn btn-primary">Issue invoice<\/button>/);
    const repPage = await a.li.get(`/orders/${accepted.orderId}`);
    expectStatus(repPage, 200);
    assert.doesNotMatch(repPage.text, />Issue invoice</);
    const form = new URLSearchParams({ _csrf: a.finance.csrfToken }).toString();
    const posted = await a.finance.request('POST', `/orders/${accepted.orderId}/invoice`, form, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expectStatus(posted, 303);
    assert.match(posted.headers.get('location') ?? '', /^\/invoices\/\d+$/);
  });
});
