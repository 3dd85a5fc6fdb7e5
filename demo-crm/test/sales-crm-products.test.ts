import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_PRODUCTS } from '../src/modules/sales-crm/seed.js';
import { auditOf, expectStatus, page, startSales, submitForm, uid, type SalesActors } from './sales-crm-fixtures.js';

describe('sales-crm: products and price book', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  test('the seeded price book has varied tax rates and odd-cent prices, readable by every staff role', async () => {
    const list = (await s.li.get('/api/products?pageSize=100&sort=sku')).body.items as { sku: string; unitPriceCents: number; taxRateBp: number; active: boolean }[];
    for (const p of SEED_PRODUCTS) {
      const found = list.find((x) => x.sku === p.sku);
      assert.ok(found, p.sku);
      assert.deepEqual([found.unitPriceCents, found.taxRateBp, found.active], [p.unitPriceCents, p.taxRateBp, p.active]);
    }
    assert.deepEqual([...new Set(SEED_PRODUCTS.map((p) => p.taxRateBp))].sort((a, b) => a - b), [0, 600, 900, 1300]);
    assert.ok(SEED_PRODUCTS.some((p) => p.unitPriceCents % 100 !== 0 && p.unitPriceCents % 5 !== 0));
    for (const client of [s.sam, s.manager, s.finance, s.agent, s.auditor]) expectStatus(await client.get('/api/products'), 200);
    assert.equal((await s.li.get('/api/products?active=false')).body.items.every((p: { active: boolean }) => !p.active), true);
  });

  test('admin creates and edits products; SKU is unique regardless of case', async () => {
    const sku = `TST-${uid()}`;
    const res = await s.admin.post('/api/products', { sku, name: 'Widget', unitPriceCents: 1_999, taxRateBp: 825 });
    expectStatus(res, 201);
    assert.deepEqual([res.body.unitPriceCents, res.body.taxRateBp, res.body.active], [1_999, 825, true]);
    const dup = await s.admin.post('/api/products', { sku: sku.toLowerCase(), name: 'Other', unitPriceCents: 1, taxRateBp: 0 });
    expectStatus(dup, 400);
    assert.match(dup.body.fields.sku, /already used by Widget/);
    const edited = await s.admin.patch(`/api/products/${res.body.id}`, { active: false, unitPriceCents: 2_005 });
    expectStatus(edited, 200);
    assert.equal(edited.body.active, false);
    assert.deepEqual((await auditOf(s.admin, 'product', res.body.id))[0].changes, {
      unitPriceCents: { from: 1_999, to: 2_005 }, active: { from: true, to: false },
    });
  });

  test('product validation names each field', async () => {
    const res = await s.admin.post('/api/products', { sku: 'has space', name: '', unitPriceCents: 10.5, taxRateBp: 10_001 });
    expectStatus(res, 400);
    assert.deepEqual(res.body.fields, {
      sku: 'Enter a SKU: 1–40 letters, digits, dashes, underscores or dots',
      name: 'Enter a name',
      unitPriceCents: 'Enter a unit price in cents: a whole number from 0 to 100000000000',
      taxRateBp: 'Enter a tax rate in basis points: a whole number from 0 to 10000 (1300 = 13%)',
    });
  });

  test('only admin manages products (API and forms)', async () => {
    for (const client of [s.li, s.manager, s.finance, s.auditor]) {
      expectStatus(await client.post('/api/products', { sku: `NO-${uid()}`, name: 'x', unitPriceCents: 1, taxRateBp: 0 }), 403);
    }
    const id = (await s.li.get('/api/products')).body.items[0].id;
    expectStatus(await s.manager.patch(`/api/products/${id}`, { unitPriceCents: 1 }), 403);
    expectStatus(await page(s.li, '/products/new'), 403);
    assert.doesNotMatch((await page(s.li, '/products')).text, /New product/);
  });

  test('the product form takes dollars and percent and stores cents and basis points', async () => {
    const sku = `FORM-${uid()}`;
    const bad = await submitForm(s.admin, '/products/new', { sku, name: 'Form product', unitPrice: '12.345', taxRate: '101' });
    expectStatus(bad, 400);
    assert.match(bad.text, /aria-invalid="true"/);
    assert.match(bad.text, /Enter a unit price in dollars/);
    assert.match(bad.text, /Enter a tax rate in percent/);
    const ok = await submitForm(s.admin, '/products/new', { sku, name: 'Form product', unitPrice: '1,234.5', taxRate: '6.5', active: '1' });
    expectStatus(ok, 303);
    const created = (await s.admin.get(`/api/products?q=${sku}`)).body.items[0];
    assert.deepEqual([created.unitPriceCents, created.taxRateBp, created.active], [123_450, 650, true]);
    const detail = await page(s.admin, String(ok.headers.get('location')));
    assert.match(detail.text, /data-testid="field-taxRate">6\.5%</);
    assert.match(detail.text, /data-testid="field-unitPrice">\$1,234\.50</);
  });
});
