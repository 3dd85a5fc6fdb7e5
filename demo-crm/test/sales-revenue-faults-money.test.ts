/**
 * Defect switches of kind calculation / data sync / validation: with the switch on, the documented
 * behaviour really changes (the clean behaviour is asserted in the other sales-revenue tests).
 * One server per switch so that no two defects mix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDeal, createProduct, createQuote, expectStatus, invoicedDeal, metric, sellQuote, withFault,
} from './sales-revenue-support.js';

const today = (): string => new Date().toISOString().slice(0, 10);

withFault('quote-line-rounding-truncates', (get) => {
  test('a half cent is truncated instead of rounded up', async () => {
    const a = get();
    const p = await createProduct(a.admin, 1005, 1000);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1, discountPercent: '10' }]);
    // clean: net 905, tax 91, total 996
    assert.deepEqual([quote.lines[0].netCents, quote.lines[0].taxCents, quote.grandTotalCents], [904, 90, 994]);
  });
});

withFault('quote-tax-on-gross', (get) => {
  test('tax is computed before the discount', async () => {
    const a = get();
    const p = await createProduct(a.admin, 10_000, 1300);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 2, discountPercent: '20' }]);
    // clean: tax 2080 on the net 16000
    assert.deepEqual([quote.subtotalCents, quote.taxCents, quote.grandTotalCents], [16_000, 2_600, 18_600]);
  });
});

withFault('invoice-total-excludes-tax', (get) => {
  test('the invoice carries the order subtotal instead of its total', async () => {
    const a = get();
    const { invoice, orderId } = await invoicedDeal(a, a.li, 10_000, 1300);
    const order = await a.finance.get(`/api/orders/${orderId}`);
    assert.equal(order.body.totalCents, 11_300);
    assert.equal(invoice.totalCents, 10_000);
  });
});

withFault('account-revenue-stale', (get) => {
  test('the payment that completes an invoice is missing from lifetime revenue', async () => {
    const a = get();
    const { invoice, accountId } = await invoicedDeal(a, a.li, 10_000, 0);
    const pay = (amountCents: number) => a.finance.post(`/api/invoices/${invoice.id}/payments`, { amountCents, paidOn: today(), method: 'Cash' });
    expectStatus(await pay(3_000), 201);
    assert.equal((await a.li.get(`/api/accounts/${accountId}`)).body.lifetimeRevenue, 3_000, 'partial payments still count');
    expectStatus(await pay(7_000), 201);
    const account = await a.li.get(`/api/accounts/${accountId}`);
    assert.deepEqual([account.body.lifetimeRevenue, account.body.openBalance], [3_000, 0]);
  });
});

withFault('dashboard-double-counts-won', (get) => {
  test('won this month grows by twice the won amount', async () => {
    const a = get();
    const before = metric((await a.li.get('/api/dashboard')).body, 'won-this-month')!.raw;
    const p = await createProduct(a.admin, 5_000, 0);
    await sellQuote(a.li, await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]));
    const after = metric((await a.li.get('/api/dashboard')).body, 'won-this-month')!.raw;
    assert.equal(after - before, 10_000);
  });
});

withFault('overpayment-accepted', (get) => {
  test('a payment above the open balance is recorded', async () => {
    const a = get();
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    const res = await a.finance.post(`/api/invoices/${invoice.id}/payments`, { amountCents: 15_000, paidOn: today(), method: 'Cash' });
    expectStatus(res, 201);
    assert.deepEqual([res.body.invoice.paidCents, res.body.invoice.balanceCents, res.body.invoice.status], [15_000, -5_000, 'Paid']);
  });
});
