/**
 * Defect switches of kind workflow / permissions: with the switch on, the documented behaviour really
 * changes (the clean behaviour is asserted in the other sales-revenue tests). One server per switch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDeal, createProduct, createQuote, expectStatus, invoicedDeal, sellQuote, withFault, type Actors,
} from './sales-revenue-support.js';

async function pendingQuote(a: Actors, discountPercent: string): Promise<{ quote: any; approvalId: number }> {
  const p = await createProduct(a.admin, 10_000, 0);
  const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1, discountPercent }]);
  const res = await a.li.post(`/api/quotes/${quote.id}/submit`);
  expectStatus(res, 200);
  return { quote: res.body, approvalId: res.body.approvals[0].id };
}

withFault('approval-threshold-20', (get) => {
  test('a 20% discount needs no approval and is sent directly', async () => {
    const a = get();
    const p = await createProduct(a.admin, 10_000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1, discountPercent: '20' }]);
    assert.equal(quote.approvalLevel, 'none');
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
  });
});

withFault('manager-approves-above-30', (get) => {
  test('a sales manager approves a 35% discount', async () => {
    const a = get();
    const { quote, approvalId } = await pendingQuote(a, '35');
    assert.equal(quote.approvalLevel, 'admin');
    expectStatus(await a.manager.post(`/api/approvals/${approvalId}/approve`, {}), 200);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.status, 'Approved');
  });
});

withFault('quote-send-while-pending', (get) => {
  test('a quote pending approval is sent', async () => {
    const a = get();
    const { quote } = await pendingQuote(a, '20');
    const res = await a.li.post(`/api/quotes/${quote.id}/send`);
    expectStatus(res, 200);
    assert.equal(res.body.status, 'Sent');
    const page = await a.li.get(`/quotes/${quote.id}`);
    assert.match(page.text, /data-testid="status">Sent</);
  });
});

withFault('opportunity-not-closed-on-accept', (get) => {
  test('the order is created but the opportunity stays in its stage with its old amount', async () => {
    const a = get();
    const p = await createProduct(a.admin, 7_777, 0);
    const deal = await createDeal(a.li);
    const accepted = await sellQuote(a.li, await createQuote(a.li, deal.opportunityId, [{ productId: p, quantity: 1 }]));
    assert.match(accepted.orderNumber, /^ORD-/);
    const opp = await a.li.get(`/api/opportunities/${deal.opportunityId}`);
    assert.equal(opp.body.stage, 'Prospecting');
    assert.equal(opp.body.amount, 100_00);
  });
});

withFault('discount-editable-after-approval', (get) => {
  test('a rep raises the discount of an approved quote, which stays Approved', async () => {
    const a = get();
    const { quote, approvalId } = await pendingQuote(a, '15');
    expectStatus(await a.manager.post(`/api/approvals/${approvalId}/approve`, {}), 200);
    const res = await a.li.patch(`/api/quotes/${quote.id}/lines/${quote.lines[0].id}`, { discountPercent: '45' });
    expectStatus(res, 200);
    assert.deepEqual([res.body.quote.status, res.body.line.discountBp], ['Approved', 4500]);
    const page = await a.li.get(`/quotes/${quote.id}`);
    assert.match(page.text, /<a class="btn btn-secondary" href="\/quotes\/\d+\/lines\/\d+\/edit">Edit discount<\/a>/);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
  });
});

withFault('invoices-url-open-to-support', (get) => {
  test('a support agent opens /invoices by URL (menu still hidden, API still 403)', async () => {
    const a = get();
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    const page = await a.agent.request('GET', `/invoices?q=${invoice.number}`, undefined, { accept: 'text/html' });
    expectStatus(page, 200);
    assert.match(page.text, new RegExp(invoice.number));
    const home = await a.agent.request('GET', '/', undefined, { accept: 'text/html' });
    assert.doesNotMatch(home.text, /href="\/invoices"/);
    expectStatus(await a.agent.get('/api/invoices'), 403);
  });
});

withFault('account-rollup-owner-check-missing', (get) => {
  test("another rep reads an account's revenue roll-up (the account itself stays 403)", async () => {
    const a = get();
    const { accountId } = await createDeal(a.li);
    const rollup = await a.sam.get(`/api/accounts/${accountId}/rollup`);
    expectStatus(rollup, 200);
    assert.equal(rollup.body.accountId, accountId);
    expectStatus(await a.sam.get(`/api/accounts/${accountId}`), 403);
    expectStatus(await a.agent.get(`/api/opportunities`), 403);
  });
});

withFault('quote-line-remove-unguarded', (get) => {
  test('a line of an accepted quote is removed: the quote no longer matches its order', async () => {
    const a = get();
    const p = await createProduct(a.admin, 10_000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }, { productId: p, quantity: 2 }]);
    const accepted = await sellQuote(a.li, quote);
    expectStatus(await a.li.delete(`/api/quotes/${quote.id}/lines/${quote.lines[1].id}`), 200);
    const after = await a.li.get(`/api/quotes/${quote.id}`);
    const order = await a.li.get(`/api/orders/${accepted.orderId}`);
    assert.deepEqual([after.body.status, after.body.lines.length, after.body.grandTotalCents, order.body.totalCents], ['Accepted', 1, 10_000, 30_000]);
  });
});
