/** Quotes through the API: creation rules, line validation, the rounding rule and huge totals. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeal, createProduct, createQuote, expectStatus, startWithActors, type Actors } from './sales-revenue-support.js';

let a: Actors;
before(async () => { a = await startWithActors(); });
after(async () => { await a.crm.close(); });

describe('creating a quote', () => {
  test('a quote on an open opportunity is a Draft owned by the opportunity owner, with a sequential number', async () => {
    const deal = await createDeal(a.li);
    const first = await createQuote(a.li, deal.opportunityId);
    const second = await createQuote(a.li, deal.opportunityId);
    assert.equal(first.status, 'Draft');
    assert.match(first.number, /^Q-\d{6}$/);
    assert.equal(Number(second.number.slice(2)), Number(first.number.slice(2)) + 1);
    const opp = await a.li.get(`/api/opportunities/${deal.opportunityId}`);
    assert.equal(first.ownerId, opp.body.ownerId);
    assert.equal(first.opportunityId, deal.opportunityId);
    assert.equal(first.grandTotalCents, 0);
  });

  test('a manager creating a quote on a rep’s opportunity leaves the rep as owner', async () => {
    const deal = await createDeal(a.li);
    const mine = await createQuote(a.li, deal.opportunityId);
    const byManager = await createQuote(a.manager, deal.opportunityId);
    assert.equal(byManager.ownerId, mine.ownerId);
  });

  test('a closed opportunity cannot get a quote', async () => {
    const deal = await createDeal(a.li);
    expectStatus(await a.li.post(`/api/opportunities/${deal.opportunityId}/stage`, { stage: 'Closed Lost', lossReason: 'Budget cut' }), 200);
    const res = await a.li.post(`/api/opportunities/${deal.opportunityId}/quotes`, {});
    expectStatus(res, 409);
    assert.match(res.body.message, /open opportunity/);
  });

  test('an unknown opportunity is 404', async () => {
    expectStatus(await a.li.post('/api/opportunities/99999999/quotes', {}), 404);
  });
});

describe('quote lines', () => {
  test('quantity must be a whole number from 1 to 1,000,000', async () => {
    const productId = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId);
    for (const quantity of [0, -1, 1_000_001, 1.5, 'two']) {
      const res = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity });
      expectStatus(res, 400);
      assert.match(res.body.fields.quantity, /whole number from 1 to 1,000,000/, String(quantity));
    }
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1 }), 201);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1_000_000 }), 201);
    const stored = await a.li.get(`/api/quotes/${quote.id}`);
    assert.deepEqual(stored.body.lines.map((l: { quantity: number }) => l.quantity), [1, 1_000_000]);
  });

  test('discount is 0–100 with at most two decimals', async () => {
    const productId = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId);
    for (const discountPercent of ['12.345', '-1', '100.01', 'ten']) {
      const res = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1, discountPercent });
      expectStatus(res, 400);
      assert.ok(res.body.fields.discountPercent, discountPercent);
    }
    const ok = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1, discountPercent: '7.25' });
    expectStatus(ok, 201);
    assert.equal(ok.body.line.discountBp, 725);
    assert.equal(ok.body.line.discountPercent, '7.25');
  });

  test('the product must exist and be active; price and tax rate come from the price book', async () => {
    const inactive = await createProduct(a.admin, 1000, 0, false);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId);
    const refused = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId: inactive, quantity: 1 });
    expectStatus(refused, 400);
    assert.match(refused.body.fields.productId, /active product/);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/lines`, { productId: 99999999, quantity: 1 }), 400);
    const productId = await createProduct(a.admin, 12_345, 725);
    const added = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 2 });
    assert.equal(added.body.line.unitPriceCents, 12_345);
    assert.equal(added.body.line.taxRateBp, 725);
    const overridden = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1, unitPriceCents: 9_999 });
    assert.equal(overridden.body.line.unitPriceCents, 9_999);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1, unitPriceCents: -1 }), 400);
  });

  test('removing a line recomputes the totals', async () => {
    const p1 = await createProduct(a.admin, 1000, 1000);
    const p2 = await createProduct(a.admin, 2000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p1, quantity: 1 }, { productId: p2, quantity: 1 }]);
    assert.equal(quote.grandTotalCents, 1100 + 2000);
    const removed = await a.li.delete(`/api/quotes/${quote.id}/lines/${quote.lines[1].id}`);
    expectStatus(removed, 200);
    assert.equal(removed.body.lines.length, 1);
    assert.equal(removed.body.subtotalCents, 1000);
    assert.equal(removed.body.taxCents, 100);
    assert.equal(removed.body.grandTotalCents, 1100);
    expectStatus(await a.li.delete(`/api/quotes/${quote.id}/lines/${quote.lines[1].id}`), 404);
  });

  test('changing a Draft line’s quantity and discount reprices it', async () => {
    const productId = await createProduct(a.admin, 1005, 1000);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId, quantity: 1 }]);
    const res = await a.li.patch(`/api/quotes/${quote.id}/lines/${quote.lines[0].id}`, { quantity: 2, discountPercent: '10' });
    expectStatus(res, 200);
    // 2 × 1005 × 0.9 = 1809; tax 180.9 → 181
    assert.deepEqual([res.body.line.netCents, res.body.line.taxCents, res.body.quote.grandTotalCents], [1809, 181, 1990]);
  });

  test('lines are editable only in Draft', async () => {
    const productId = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId, quantity: 1 }]);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
    const add = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1 });
    expectStatus(add, 409);
    assert.match(add.body.message, /only be changed while the quote is Draft/);
    expectStatus(await a.li.delete(`/api/quotes/${quote.id}/lines/${quote.lines[0].id}`), 409);
    expectStatus(await a.li.patch(`/api/quotes/${quote.id}/lines/${quote.lines[0].id}`, { quantity: 3 }), 409);
  });
});

describe('the rounding rule through the API', () => {
  test('fractional cents: each line rounds half up, tax on the rounded net, totals are sums', async () => {
    const pA = await createProduct(a.admin, 1999, 825);
    const pB = await createProduct(a.admin, 1005, 1000);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [
      { productId: pA, quantity: 3, discountPercent: '12.5' },
      { productId: pB, quantity: 1, discountPercent: 10 },
    ]);
    // line A: 5997 × 0.875 = 5247.375 → 5247; tax 432.8775 → 433.  line B: 904.5 → 905; tax 90.5 → 91
    assert.deepEqual(quote.lines.map((l: any) => [l.netCents, l.taxCents, l.totalCents]), [[5247, 433, 5680], [905, 91, 996]]);
    assert.equal(quote.subtotalCents, 6152);
    assert.equal(quote.taxCents, 524);
    assert.equal(quote.grandTotalCents, 6676);
  });

  test('tax is the sum of line taxes, not tax on the subtotal', async () => {
    const p = await createProduct(a.admin, 105, 500);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }, { productId: p, quantity: 1 }]);
    assert.deepEqual([quote.subtotalCents, quote.taxCents, quote.grandTotalCents], [210, 10, 220]);
  });

  test('very large totals stay exact to the cent', async () => {
    const p = await createProduct(a.admin, 1000, 1);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [
      { productId: p, quantity: 1_000_000, unitPriceCents: 8_999_999_999, discountPercent: '33.33' },
    ]);
    assert.equal(quote.lines[0].netCents, 6_000_299_999_333_300);
    assert.equal(quote.lines[0].taxCents, 600_029_999_933);
    assert.equal(quote.grandTotalCents, 6_000_900_029_333_233);
    const page = await a.li.get(`/quotes/${quote.id}`);
    assert.match(page.text, /data-testid="quote-grand-total">\$60,009,000,293,332\.33</);
  });

  test('a quote above 2^53 − 1 cents is refused and nothing is written', async () => {
    const p = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [
      { productId: p, quantity: 1_000_000, unitPriceCents: 9_000_000_000 },
    ]);
    const res = await a.li.post(`/api/quotes/${quote.id}/lines`, { productId: p, quantity: 1_000_000, unitPriceCents: 9_000_000_000 });
    expectStatus(res, 400);
    assert.match(res.body.fields.quantity, /largest amount/);
    const stored = await a.li.get(`/api/quotes/${quote.id}`);
    assert.equal(stored.body.lines.length, 1);
    assert.equal(stored.body.grandTotalCents, 9_000_000_000_000_000);
  });
});

describe('quote builder page', () => {
  test('shows line totals, subtotal, tax and grand total with test ids', async () => {
    const p = await createProduct(a.admin, 1999, 825);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 3, discountPercent: '12.5' }]);
    const page = await a.li.get(`/quotes/${quote.id}`);
    expectStatus(page, 200);
    assert.match(page.text, /<h1>Quote Q-\d{6}<\/h1>/);
    assert.match(page.text, /data-testid="line-net">\$52\.47</);
    assert.match(page.text, /data-testid="line-tax">\$4\.33</);
    assert.match(page.text, /data-testid="line-total">\$56\.80</);
    assert.match(page.text, /data-testid="quote-subtotal">\$52\.47</);
    assert.match(page.text, /data-testid="quote-tax">\$4\.33</);
    assert.match(page.text, /data-testid="quote-grand-total">\$56\.80</);
    assert.match(page.text, /data-testid="status">Draft</);
  });

  test('the add-line form re-renders with a field error and writes nothing', async () => {
    const p = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId);
    const form = new URLSearchParams({ _csrf: a.li.csrfToken, productId: String(p), quantity: '0', discountPercent: '5' }).toString();
    const res = await a.li.request('POST', `/quotes/${quote.id}/lines`, form, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expectStatus(res, 400);
    assert.match(res.text, /aria-invalid="true"/);
    assert.match(res.text, /Quantity must be a whole number from 1 to 1,000,000/);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.lines.length, 0);
  });

  test('a form post adds the line and redirects with a toast', async () => {
    const p = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId);
    const form = new URLSearchParams({ _csrf: a.li.csrfToken, productId: String(p), quantity: '2', discountPercent: '', unitPrice: '12.34' }).toString();
    const res = await a.li.request('POST', `/quotes/${quote.id}/lines`, form, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expectStatus(res, 303);
    const stored = await a.li.get(`/api/quotes/${quote.id}`);
    assert.deepEqual([stored.body.lines[0].unitPriceCents, stored.body.lines[0].discountBp, stored.body.grandTotalCents], [1234, 0, 2468]);
  });
});

describe('line edit page', () => {
  test('edits a Draft line by form; a bad discount re-renders with the field error and writes nothing', async () => {
    const p = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 2, discountPercent: '5' }]);
    const path = `/quotes/${quote.id}/lines/${quote.lines[0].id}`;
    const page = await a.li.request('GET', `${path}/edit`, undefined, { accept: 'text/html' });
    expectStatus(page, 200);
    assert.match(page.text, /<h1>Edit line: /);
    assert.match(page.text, /<label for="f-quantity">Quantity/);
    assert.match(page.text, /id="f-discountPercent"[^>]*value="5\.00"/);
    const post = (body: Record<string, string>) => a.li.request('POST', path, new URLSearchParams({ _csrf: a.li.csrfToken, ...body }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    const bad = await post({ quantity: '2', discountPercent: '12.345' });
    expectStatus(bad, 400);
    assert.match(bad.text, /id="f-discountPercent"[^>]*aria-invalid="true"/);
    assert.match(bad.text, /Discount must be a percentage from 0 to 100 with at most 2 decimals/);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.lines[0].discountBp, 500);
    expectStatus(await post({ quantity: '3', discountPercent: '7.5' }), 303);
    const stored = (await a.li.get(`/api/quotes/${quote.id}`)).body.lines[0];
    assert.deepEqual([stored.quantity, stored.discountBp, stored.netCents], [3, 750, 2775]);
  });

  test('a Sent quote’s line edit page offers no form', async () => {
    const p = await createProduct(a.admin, 1000, 0);
    const quote = await createQuote(a.li, (await createDeal(a.li)).opportunityId, [{ productId: p, quantity: 1 }]);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
    const page = await a.li.request('GET', `/quotes/${quote.id}/lines/${quote.lines[0].id}/edit`, undefined, { accept: 'text/html' });
    expectStatus(page, 200);
    assert.doesNotMatch(page.text, /Save line/);
    assert.match(page.text, /only be changed while the quote is Draft/);
    expectStatus(await a.sam.request('GET', `/quotes/${quote.id}/lines/${quote.lines[0].id}/edit`, undefined, { accept: 'text/html' }), 403);
  });
});
