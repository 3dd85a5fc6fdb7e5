import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectStatus, invoicedDeal, startWithActors, type Actors } from './sales-revenue-support.js';

/** The switches the core implements: each changes the documented behaviour. */
describe('defect switches in the core', () => {
  let plain: Actors;
  let faulty: Actors;
  before(async () => {
    [plain, faulty] = await Promise.all([startWithActors(), startWithActors(['lockout-disabled', 'csrf-missing-on-payment', 'muted-text-low-contrast', 'table-text-too-small'])]);
  });
  after(async () => { await Promise.all([plain.crm.close(), faulty.crm.close()]); });

  const failLogins = async (a: Actors, username: string, times: number) => {
    for (let i = 0; i < times; i++) expectStatus(await a.crm.anonymous().post('/api/auth/login', { username, password: 'wrong-password' }), 401);
  };

  test('lockout-disabled: after 5 failed sign-ins the right password still works (normally 423 locked)', async () => {
    await failLogins(plain, 'agent.ben', 5);
    const locked = await plain.crm.anonymous().post('/api/auth/login', { username: 'agent.ben', password: 'AgentBen#Flows2026' });
    expectStatus(locked, 423);
    assert.match(locked.body.message, /locked/);

    await failLogins(faulty, 'agent.ben', 8);
    expectStatus(await faulty.crm.anonymous().post('/api/auth/login', { username: 'agent.ben', password: 'AgentBen#Flows2026' }), 200);
    const failures = await faulty.admin.get('/api/audit?actor=agent.ben&action=login_failed');
    assert.equal(failures.body.total, 8, 'failures are still audited, only the lockout is gone');
  });

  test('csrf-missing-on-payment: a payment without the CSRF token is recorded (normally 403); other routes stay protected', async () => {
    const paidOn = new Date().toISOString().slice(0, 10);
    for (const [a, expected] of [[plain, 403], [faulty, 201]] as const) {
      const { invoice } = await invoicedDeal(a, a.li, 10_000, 0);
      const res = await a.finance.withoutCsrf().post(`/api/invoices/${invoice.id}/payments`, { amountCents: 2_500, paidOn, method: 'Card' });
      expectStatus(res, expected);
      const after = await a.finance.get(`/api/invoices/${invoice.id}`);
      assert.equal(after.body.paidCents, expected === 201 ? 2_500 : 0);
    }
    const lead = await faulty.li.withoutCsrf().post('/api/leads', { firstName: 'No', lastName: 'Token', company: 'X', email: 'no.token@x.example', source: 'Web' });
    expectStatus(lead, 403);
    assert.equal(lead.body.error, 'csrf');
  });

  test('muted-text-low-contrast: the stylesheet serves the lighter secondary-text colour, and nothing else changes (but the other stylesheet switch)', async () => {
    const css = async (a: Actors) => {
      const res = await fetch(`${a.crm.baseUrl}/static/app.css`);
      assert.equal(res.status, 200);
      return res.text();
    };
    const [normal, lighter] = await Promise.all([css(plain), css(faulty)]);
    assert.match(normal, /--muted: #5b6675;/);
    assert.match(lighter, /--muted: #a3acb8;/);
    assert.equal(lighter.replace('#a3acb8', '#5b6675').replace('\n.data-table td { font-size: 11px; }\n', ''), normal);
  });

  test('table-text-too-small: the stylesheet ends with table cells at 11 px', async () => {
    const css = async (a: Actors) => (await fetch(`${a.crm.baseUrl}/static/app.css`)).text();
    const [normal, shrunk] = await Promise.all([css(plain), css(faulty)]);
    assert.doesNotMatch(normal, /font-size: 11px/);
    assert.match(shrunk, /\n\.data-table td \{ font-size: 11px; \}\n$/);
  });
});
