/**
 * Findings of the permission matrix (docs/permissions.md, "Findings fixed in the CRM"): each test pins
 * the corrected rule so it cannot silently come back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectStatus, invoicedDeal, startWithActors, type Actors } from './sales-revenue-support.js';

let a: Actors;
before(async () => {
  a = await startWithActors();
});
after(async () => {
  await a.crm.close();
});

const today = () => new Date().toISOString().slice(0, 10);

describe('permission findings (AC-PERM-F01)', () => {
  test('admin cannot record a payment — only finance moves money — and the refused attempt records nothing', async () => {
    const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
    const refused = await a.admin.post(`/api/invoices/${invoice.id}/payments`, { amountCents: 100, paidOn: today(), method: 'Cash' });
    expectStatus(refused, 403);
    assert.equal(refused.body.error, 'forbidden');
    assert.equal((await a.finance.get(`/api/invoices/${invoice.id}`)).body.paidCents, 0);
    const page = await a.admin.request('GET', `/invoices/${invoice.id}`, undefined, { accept: 'text/html' });
    expectStatus(page, 200);
    assert.doesNotMatch(page.text, /Record payment/i, 'the invoice page offers admin no payment form');
    const financePage = await a.finance.request('GET', `/invoices/${invoice.id}`, undefined, { accept: 'text/html' });
    assert.match(financePage.text, /Record payment/, 'finance is offered the form (so the check above can fail)');
    expectStatus(await a.finance.post(`/api/invoices/${invoice.id}/payments`, { amountCents: 100, paidOn: today(), method: 'Cash' }), 201);
  });
});

describe('permission findings: a screen offers only what the role may do (AC-PERM-10, AC-PERM-13)', () => {
  const page = async (client: Actors['admin'], path: string) => {
    const res = await client.request('GET', path, undefined, { accept: 'text/html' });
    expectStatus(res, 200);
    return res.text;
  };

  test('the tickets list offers "New ticket" to support roles, not to the read-only auditor', async () => {
    assert.match(await page(a.agent, '/tickets'), />New ticket</);
    assert.doesNotMatch(await page(a.auditor, '/tickets'), />New ticket</);
    expectStatus(await a.auditor.request('GET', '/tickets/new', undefined, { accept: 'text/html' }), 403);
  });

  test('the users page offers the new-user form and (de)activation to admin only; the auditor just reads the list', async () => {
    const adminView = await page(a.admin, '/admin/users?q=rep.li');
    assert.match(adminView, /Create user/);
    assert.match(adminView, /Deactivate rep\.li/);
    const auditorView = await page(a.auditor, '/admin/users?q=rep.li');
    assert.match(auditorView, /rep\.li/);
    assert.doesNotMatch(auditorView, /Create user|Deactivate rep\.li|Activate rep\.li/);
  });
});
