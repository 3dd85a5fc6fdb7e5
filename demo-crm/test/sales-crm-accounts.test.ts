import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { html } from '../src/core/html.js';
import { registerAccountFinancials, registerAccountPanel } from '../src/modules/sales-crm/extensions.js';
import {
  auditOf, createAccount, createOpportunity, expectStatus, fieldText, page, startSales, uid, type SalesActors,
} from './sales-crm-fixtures.js';

describe('sales-crm: accounts and contacts', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  test('an account is created with its fields, owned by the creator, and edits are audited old → new', async () => {
    const res = await s.li.post('/api/accounts', {
      name: 'Fjord Analytics', industry: 'Analytics', website: 'https://fjord.example', phone: '+47 22 55 01 00',
      billingCity: 'Oslo', billingCountry: 'Norway',
    });
    expectStatus(res, 201);
    assert.equal(res.body.ownerName, 'Li Wei');
    assert.equal(res.body.billingCity, 'Oslo');
    const edited = await s.li.patch(`/api/accounts/${res.body.id}`, { billingCity: 'Bergen' });
    expectStatus(edited, 200);
    assert.equal(edited.body.name, 'Fjord Analytics');
    const entry = (await auditOf(s.admin, 'account', res.body.id))[0];
    assert.deepEqual(entry.changes, { billingCity: { from: 'Oslo', to: 'Bergen' } });
  });

  test('account validation names each field', async () => {
    const res = await s.li.post('/api/accounts', { name: '', website: 'fjord.example', phone: 'x' });
    expectStatus(res, 400);
    assert.deepEqual(res.body.fields, {
      name: 'Enter a name',
      website: 'Enter a website address starting with http:// or https://',
      phone: 'Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading +',
    });
  });

  test('a contact belongs to an account; email and phone are validated; edits are audited', async () => {
    const account = await createAccount(s.sam);
    const bad = await s.sam.post('/api/contacts', { firstName: 'Kai', lastName: '', email: 'kai@', accountId: account.id });
    expectStatus(bad, 400);
    assert.deepEqual(Object.keys(bad.body.fields).sort(), ['email', 'lastName']);
    const res = await s.sam.post('/api/contacts', { firstName: 'Kai', lastName: '李', email: 'kai@lee.example', title: 'CTO', accountId: account.id });
    expectStatus(res, 201);
    assert.equal(res.body.accountName, account.name);
    assert.equal(res.body.name, 'Kai 李');
    const moved = await s.sam.patch(`/api/contacts/${res.body.id}`, { title: 'CEO' });
    expectStatus(moved, 200);
    assert.deepEqual((await auditOf(s.admin, 'contact', res.body.id))[0].changes, { title: { from: 'CTO', to: 'CEO' } });
  });

  test('the account page shows details, lifetime revenue and open balance, and Contacts/Opportunities tabs', async () => {
    const account = await createAccount(s.li, { name: `Tabbed ${uid()}`, billingCountry: 'Kenya' });
    await s.li.post('/api/contacts', { firstName: 'Wanjiru', lastName: 'Kamau', accountId: account.id });
    await createOpportunity(s.li, { accountId: account.id, name: 'Tabbed deal', amount: 4_321_00 });
    const res = await page(s.li, `/accounts/${account.id}`);
    expectStatus(res, 200);
    assert.match(res.text, new RegExp(`<h1>${account.name}</h1>`));
    assert.equal(fieldText(res.text, 'billingCountry'), 'Kenya');
    assert.equal(fieldText(res.text, 'lifetimeRevenue'), '$0.00');
    assert.equal(fieldText(res.text, 'openBalance'), '$0.00');
    assert.match(res.text, /role="tab"[^>]*>Contacts</);
    assert.match(res.text, /role="tab"[^>]*>Opportunities</);
    assert.match(res.text, /Wanjiru Kamau/);
    assert.match(res.text, /Tabbed deal/);
    assert.match(res.text, /\$4,321\.00/);
    const api = await s.li.get(`/api/accounts/${account.id}`);
    assert.equal(api.body.lifetimeRevenue, 0);
    assert.equal(api.body.openBalance, 0);
  });

  test('support sees the account page without the Opportunities tab', async () => {
    const account = await createAccount(s.li);
    const res = await page(s.agent, `/accounts/${account.id}`);
    expectStatus(res, 200);
    assert.match(res.text, /role="tab"[^>]*>Contacts</);
    assert.doesNotMatch(res.text, /role="tab"[^>]*>Opportunities</);
  });

  test('other modules add account tabs and compute the money fields through the registry', async () => {
    const app = s.crm.server.app;
    const account = await createAccount(s.li);
    registerAccountFinancials(app, (db, accountId) => {
      const n = db.prepare('SELECT COUNT(*) FROM contacts WHERE account_id = ?').pluck().get(accountId) as number;
      return { lifetimeRevenueCents: 100_00 + accountId, openBalanceCents: n * 7 };
    });
    registerAccountPanel(app, {
      id: 'test-orders', label: 'Test orders', order: 50, visible: (u) => u.role !== 'support_agent',
      render: (_req, a) => html`<p data-testid="test-panel">Orders of ${a.name}</p>`,
    });
    await s.li.post('/api/contacts', { firstName: 'A', lastName: 'B', accountId: account.id });
    const res = await page(s.li, `/accounts/${account.id}`);
    assert.equal(fieldText(res.text, 'lifetimeRevenue'), `$${100 + Math.floor(account.id / 100)}.${String(account.id % 100).padStart(2, '0')}`);
    assert.equal(fieldText(res.text, 'openBalance'), '$0.07');
    assert.match(res.text, /role="tab"[^>]*>Test orders</);
    assert.match(res.text, new RegExp(`Orders of ${account.name}`));
    assert.doesNotMatch((await page(s.agent, `/accounts/${account.id}`)).text, /Test orders/);
    assert.equal((await s.li.get(`/api/accounts/${account.id}`)).body.openBalance, 7);
  });
});
