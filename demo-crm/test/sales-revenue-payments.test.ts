/** Payments, invoice statuses (incl. Overdue via the test clock), account roll-ups and dashboards. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DAY_MS, expectStatus, invoicedDeal, metric, notificationsOf, startWithActors, type Actors,
} from './sales-revenue-support.js';

let a: Actors;
before(async () => { a = await startWithActors(); });
after(async () => { await a.crm.close(); });

const today = (): string => new Date().toISOString().slice(0, 10);
const pay = (invoiceId: number, amountCents: unknown, extra: Record<string, unknown> = {}) =>
  a.finance.post(`/api/invoices/${invoiceId}/payments`, { amountCents, paidOn: today(), method: 'Bank transfer', ...extra });

describe('payments', () => {
  test('partial then full payment: Issued → Partially paid → Paid, owner notified once', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 1300);
    assert.equal(invoice.totalCents, 11_300);
    const partial = await pay(invoice.id, 4_000);
    expectStatus(partial, 201);
    assert.deepEqual([partial.body.invoice.status, partial.body.invoice.balanceCents], ['Partially paid', 7_300]);
    assert.ok(!(await notificationsOf(a.li)).some((m) => m.startsWith(`Invoice ${invoice.number} paid`)));
    const rest = await pay(invoice.id, 7_300, { method: 'Card', reference: 'AUTH-42' });
    expectStatus(rest, 201);
    assert.deepEqual([rest.body.invoice.status, rest.body.invoice.balanceCents], ['Paid', 0]);
    assert.deepEqual(rest.body.invoice.payments.map((p: any) => [p.amountCents, p.method]), [[4_000, 'Bank transfer'], [7_300, 'Card']]);
    const notes = (await notificationsOf(a.li)).filter((m) => m.startsWith(`Invoice ${invoice.number} paid`));
    assert.equal(notes.length, 1);
  });

  test('a payment above the open balance is rejected with a clear error and nothing is recorded', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    expectStatus(await pay(invoice.id, 6_000), 201);
    const over = await pay(invoice.id, 4_001);
    expectStatus(over, 400);
    assert.equal(over.body.fields.amountCents, 'The payment of $40.01 exceeds the open balance of $40.00');
    const after = await a.finance.get(`/api/invoices/${invoice.id}`);
    assert.deepEqual([after.body.payments.length, after.body.paidCents, after.body.status], [1, 6_000, 'Partially paid']);
    expectStatus(await pay(invoice.id, 4_000), 201);
    const paidOff = await pay(invoice.id, 1);
    expectStatus(paidOff, 400);
    assert.match(paidOff.body.fields.amountCents, /fully paid/);
  });

  test('amount, date and method are validated', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    for (const amount of [0, -5, 1.5, '12.00', null]) {
      const res = await pay(invoice.id, amount);
      expectStatus(res, 400);
      assert.ok(res.body.fields.amountCents, String(amount));
    }
    expectStatus(await pay(invoice.id, 100, { paidOn: '2026-02-30' }), 400);
    expectStatus(await pay(invoice.id, 100, { paidOn: '31/01/2026' }), 400);
    const future = await pay(invoice.id, 100, { paidOn: new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10) });
    expectStatus(future, 400);
    assert.match(future.body.fields.paidOn, /cannot be after today/);
    const method = await pay(invoice.id, 100, { method: 'Bitcoin' });
    expectStatus(method, 400);
    assert.match(method.body.fields.method, /Bank transfer, Card, Check, Cash/);
    assert.equal((await a.finance.get(`/api/invoices/${invoice.id}`)).body.payments.length, 0);
  });

  test('only finance records payments (admin included in the refusal: segregation of duties)', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    for (const client of [a.li, a.manager, a.auditor, a.agent, a.admin]) {
      expectStatus(await client.post(`/api/invoices/${invoice.id}/payments`, { amountCents: 100, paidOn: today(), method: 'Cash' }), 403);
    }
    expectStatus(await a.finance.post(`/api/invoices/${invoice.id}/payments`, { amountCents: 100, paidOn: today(), method: 'Cash' }), 201);
  });

  test('the payment form re-renders the overpayment message inline and records nothing', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 5_000, 0);
    const form = new URLSearchParams({ _csrf: a.finance.csrfToken, amount: '50.01', paidOn: today(), method: 'Check', reference: '' }).toString();
    const res = await a.finance.request('POST', `/invoices/${invoice.id}/payments`, form, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expectStatus(res, 400);
    assert.match(res.text, /The payment of \$50\.01 exceeds the open balance of \$50\.00/);
    assert.match(res.text, /id="f-amount"[^>]*aria-invalid="true"/);
    const ok = new URLSearchParams({ _csrf: a.finance.csrfToken, amount: '50.00', paidOn: today(), method: 'Check', reference: '' }).toString();
    expectStatus(await a.finance.request('POST', `/invoices/${invoice.id}/payments`, ok, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }), 303);
    const page = await a.finance.get(`/invoices/${invoice.id}`);
    assert.match(page.text, /data-testid="status">Paid</);
    assert.match(page.text, /data-testid="field-openBalance">\$0\.00</);
  });
});

describe('overdue', () => {
  test('Overdue is derived from the request clock: after the due time with a balance, never once paid', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    const dueIn = Date.parse(invoice.dueAt) - Date.now();
    const justBefore = a.finance.withClockOffset(dueIn - 60_000);
    const justAfter = a.finance.withClockOffset(dueIn + 60_000);
    assert.equal((await justBefore.get(`/api/invoices/${invoice.id}`)).body.status, 'Issued');
    assert.equal((await justAfter.get(`/api/invoices/${invoice.id}`)).body.status, 'Overdue');
    assert.equal((await a.finance.get(`/api/invoices/${invoice.id}`)).body.status, 'Issued', 'other requests are not affected');
    const overdueList = await justAfter.get(`/api/invoices?status=Overdue&q=${invoice.number}`);
    assert.equal(overdueList.body.total, 1);
    const page = await justAfter.get(`/invoices/${invoice.id}`);
    assert.match(page.text, /data-testid="status">Overdue</);
    expectStatus(await pay(invoice.id, 2_500), 201);
    assert.equal((await justAfter.get(`/api/invoices/${invoice.id}`)).body.status, 'Overdue', 'partially paid and past due');
    expectStatus(await pay(invoice.id, 7_500), 201);
    assert.equal((await justAfter.get(`/api/invoices/${invoice.id}`)).body.status, 'Paid');
  });
});

describe('account roll-ups', () => {
  test('lifetime revenue = Σ payments; open balance = Σ unpaid balances; on the account API and page', async () => {
    const first = await invoicedDeal(a, a.li, 10_000, 1000);
    const accountId = first.accountId;
    const rollup = async () => (await a.li.get(`/api/accounts/${accountId}/rollup`)).body;
    assert.deepEqual(await rollup(), { accountId, lifetimeRevenueCents: 0, openBalanceCents: 11_000 });
    expectStatus(await pay(first.invoice.id, 1_000), 201);
    assert.deepEqual(await rollup(), { accountId, lifetimeRevenueCents: 1_000, openBalanceCents: 10_000 });
    expectStatus(await pay(first.invoice.id, 10_000), 201);
    assert.deepEqual(await rollup(), { accountId, lifetimeRevenueCents: 11_000, openBalanceCents: 0 });
    const account = await a.li.get(`/api/accounts/${accountId}`);
    assert.deepEqual([account.body.lifetimeRevenue, account.body.openBalance], [11_000, 0]);
    const page = await a.li.get(`/accounts/${accountId}`);
    assert.match(page.text, /data-testid="field-lifetimeRevenue">\$110\.00</);
    assert.match(page.text, /data-testid="field-openBalance">\$0\.00</);
    expectStatus(await a.sam.get(`/api/accounts/${accountId}/rollup`), 403);
    expectStatus(await a.finance.get(`/api/accounts/${accountId}/rollup`), 200);
  });
});

describe('dashboards', () => {
  test('won this month and open invoice balance move by exactly the new records, per scope', async () => {
    const dash = async (client = a.li) => (await client.get('/api/dashboard')).body;
    const before = { li: await dash(a.li), sam: await dash(a.sam), mgr: await dash(a.manager), fin: await dash(a.finance) };
    const { invoice } = await invoicedDeal(a, a.li, 12_345, 1000, 2);
    const won = 2 * 12_345 + Math.round(2 * 12_345 * 0.1);
    assert.equal(invoice.totalCents, won);
    const afterLi = await dash(a.li);
    assert.equal(metric(afterLi, 'won-this-month')!.raw - metric(before.li, 'won-this-month')!.raw, won);
    assert.equal(metric(afterLi, 'won-this-month-count')!.raw - metric(before.li, 'won-this-month-count')!.raw, 1);
    assert.equal(metric(afterLi, 'open-invoice-balance')!.raw - metric(before.li, 'open-invoice-balance')!.raw, won);
    assert.equal(metric(await dash(a.sam), 'won-this-month')!.raw, metric(before.sam, 'won-this-month')!.raw, 'another rep sees no change');
    assert.equal(metric(await dash(a.manager), 'won-this-month')!.raw - metric(before.mgr, 'won-this-month')!.raw, won);
    assert.equal(metric(await dash(a.finance), 'open-invoice-balance')!.raw - metric(before.fin, 'open-invoice-balance')!.raw, won);
    expectStatus(await pay(invoice.id, 1_000), 201);
    assert.equal(metric(await dash(a.finance), 'open-invoice-balance')!.raw - metric(before.fin, 'open-invoice-balance')!.raw, won - 1_000);
    const nextMonth = a.li.withClockOffset(40 * DAY_MS);
    const later = (await nextMonth.get('/api/dashboard')).body;
    // 40 days on is always another calendar month, in which nothing has been won yet
    assert.equal(metric(later, 'won-this-month')!.raw, 0, 'a deal won now does not count next month');
    const home = await a.li.get('/');
    assert.match(home.text, new RegExp(`data-testid="metric-won-this-month">(<a[^>]*>)?${metric(afterLi, 'won-this-month')!.value.replace(/[$.]/g, '\\$&')}`));
  });

  test('support roles see no sales or finance widgets', async () => {
    for (const client of [a.agent, a.supportManager]) {
      const d = (await client.get('/api/dashboard')).body;
      assert.equal(metric(d, 'won-this-month'), undefined);
      assert.equal(metric(d, 'open-invoice-balance'), undefined);
    }
  });
});
