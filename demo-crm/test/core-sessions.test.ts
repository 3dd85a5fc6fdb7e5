import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config.js';
import type { FaultName } from '../src/core/faults.js';
import { startServer } from '../src/core/server.js';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';

/** Short limits so the real clock can pass them (idle 2 s, absolute 6 s), with a second of slack either side for a busy machine. */
const SHORT = { CRM_SESSION_IDLE_SECONDS: '2', CRM_SESSION_MAX_SECONDS: '6' };
const status = async (client: ApiClient) => (await client.get('/api/session')).status;

describe('core: session limits in the configuration', () => {
  const base = { CRM_PORT: '0', CRM_DB_FILE: 'x.db' };
  const limits = (env: Record<string, string>) => {
    const c = loadConfig({ ...base, ...env });
    return [c.sessionIdleMs / 1000, c.sessionMaxMs / 1000];
  };

  test('idle 8 hours and absolute 12 hours by default; CRM_SESSION_TTL_MINUTES still sets the idle limit', () => {
    assert.deepEqual(limits({}), [8 * 3600, 12 * 3600]);
    assert.deepEqual(limits({ CRM_SESSION_IDLE_SECONDS: '4', CRM_SESSION_MAX_SECONDS: '12' }), [4, 12]);
    assert.deepEqual(limits({ CRM_SESSION_TTL_MINUTES: '30' }), [1800, 12 * 3600]);
    assert.deepEqual(limits({ CRM_SESSION_TTL_MINUTES: '1000' }), [60_000, 60_000], 'an older, longer TTL is not cut short by the default absolute limit');
  });

  test('both idle settings, or an idle limit above the absolute one, stop start-up naming the setting', () => {
    assert.throws(() => loadConfig({ ...base, CRM_SESSION_IDLE_SECONDS: '60', CRM_SESSION_TTL_MINUTES: '1' }), /CRM_SESSION_IDLE_SECONDS: set CRM_SESSION_IDLE_SECONDS or the older CRM_SESSION_TTL_MINUTES, not both/);
    assert.throws(() => loadConfig({ ...base, CRM_SESSION_IDLE_SECONDS: '60', CRM_SESSION_MAX_SECONDS: '30' }), /CRM_SESSION_MAX_SECONDS: the idle limit cannot be longer than CRM_SESSION_MAX_SECONDS/);
  });
});

describe('core: session lifetime (idle 2 s, absolute 6 s, real time)', () => {
  let plain: TestCrm;
  let unbounded: TestCrm;
  let renewedLate: TestCrm;
  before(async () => {
    [plain, unbounded, renewedLate] = await Promise.all([
      startCrm({ env: SHORT }), startCrm({ env: SHORT, faults: ['session-lifetime-unbounded'] }), startCrm({ env: SHORT, faults: ['session-renewed-after-expiry'] }),
    ]);
  });
  after(async () => { await Promise.all([plain.close(), unbounded.close(), renewedLate.close()]); });

  /** Used twice within the idle limit (past it in all), then left idle longer than the limit. */
  const idleStory = async (crm: TestCrm) => {
    const rep = await crm.login('rep.li');
    const seen = [];
    for (const pause of [1_000, 1_000, 3_000]) {
      await sleep(pause);
      seen.push(await status(rep));
    }
    return seen;
  };

  /** Used every 500 ms: what the requests sent before 4 s got, and what one sent after 7 s gets. */
  const busyStory = async (crm: TestCrm) => {
    const rep = await crm.login('rep.li');
    const start = Date.now();
    const early = [];
    while (Date.now() - start < 7_000) {
      const sentAt = Date.now() - start;
      const s = await status(rep);
      if (sentAt < 4_000) early.push(s);
      await sleep(500);
    }
    return { early: [...new Set(early)], late: await status(rep) };
  };

  test('a session used within the idle limit lives past it; left idle longer, it is refused and its row removed', async () => {
    assert.deepEqual(await idleStory(plain), [200, 200, 401]);
    assert.equal(plain.server.app.crm.db.prepare("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'rep.li'").pluck().get(), 0);
  });

  test('a session in constant use is refused once its absolute lifetime has passed', async () => {
    assert.deepEqual(await busyStory(plain), { early: [200], late: 401 });
  });

  test('the cookie may live as long as the session (Max-Age = the absolute lifetime); the server judges the idle limit', async () => {
    const res = await fetch(`${plain.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rep.sam', password: 'RepSam#Flows2026' }) });
    assert.match(res.headers.get('set-cookie') ?? '', /Max-Age=6;/);
  });

  test("session-lifetime-unbounded: a busy session is still served after its absolute end; the idle limit still holds", async () => {
    assert.deepEqual(await busyStory(unbounded), { early: [200], late: 200 });
    assert.deepEqual(await idleStory(unbounded), [200, 200, 401]);
  });

  test('session-renewed-after-expiry: a session left idle past the limit is served again', async () => {
    assert.deepEqual(await idleStory(renewedLate), [200, 200, 200]);
  });
});

describe('core: a role change is in force at the next request', () => {
  let plain: TestCrm;
  let kept: TestCrm;
  before(async () => { [plain, kept] = await Promise.all([startCrm(), startCrm({ faults: ['role-kept-in-session'] })]); });
  after(async () => { await Promise.all([plain.close(), kept.close()]); });

  let seq = 0;
  const manager = async (crm: TestCrm) => {
    const admin = await crm.login('admin');
    const username = `mgr.temp${++seq}`;
    const created = await admin.post('/api/users', { username, displayName: 'Temp Manager', email: `${username}@example.test`, role: 'sales_manager', team: 'sales', password: 'TempManager#2026' });
    assert.equal(created.status, 201);
    return { admin, id: created.body.id as number, username, session: await crm.login(username, 'TempManager#2026') };
  };

  test('the admin demotes a sales manager: their open session is refused the approvals at once, and the change is audited', async () => {
    const { admin, id, username, session } = await manager(plain);
    assert.equal((await session.get('/api/approvals')).status, 200);
    assert.equal((await admin.patch(`/api/users/${id}`, { role: 'sales_rep' })).status, 200);
    assert.equal((await session.get('/api/approvals')).status, 403);
    assert.equal((await session.get('/api/session')).body.user.role, 'sales_rep');
    const audit = await admin.get(`/api/audit?action=role_changed&object=user&recordId=${id}`);
    assert.deepEqual(audit.body.items.map((e: { actor: string; summary: string; changes: unknown }) => [e.actor, e.summary, e.changes]),
      [['admin', 'role sales_manager → sales_rep', { role: { from: 'sales_manager', to: 'sales_rep' } }]]);
    assert.ok(Math.abs(Date.parse(audit.body.items[0].at) - Date.now()) < 60_000, 'stamped now');
    assert.equal((await admin.patch(`/api/users/${id}`, { role: 'sales_rep' })).status, 200, 'the same role again');
    assert.equal((await admin.get(`/api/audit?action=role_changed&recordId=${id}`)).body.total, 1, 'no change, no entry');
    assert.match((await admin.get(`/api/users?q=${username}`)).text, /"role":"sales_rep"/);
  });

  test('nobody changes their own role; the customer role is neither given nor taken; an unknown role is refused', async () => {
    const admin = await plain.login('admin');
    const adminId = (await admin.get('/api/session')).body.user.id;
    const own = await admin.patch(`/api/users/${adminId}`, { role: 'auditor' });
    assert.deepEqual([own.status, own.body.message], [409, 'You cannot change your own role.']);
    const customerId = plain.server.app.crm.db.prepare("SELECT id FROM users WHERE role = 'customer' LIMIT 1").pluck().get() as number;
    const repId = plain.server.app.crm.db.prepare("SELECT id FROM users WHERE username = 'rep.sam'").pluck().get() as number;
    for (const [userId, role] of [[customerId, 'sales_rep'], [repId, 'customer']] as const) {
      const res = await admin.patch(`/api/users/${userId}`, { role });
      assert.deepEqual([res.status, res.body.fields?.role], [400, 'Customers keep the customer role, and staff cannot become customers']);
    }
    assert.equal((await admin.patch(`/api/users/${repId}`, { role: 'wizard' })).status, 400);
    assert.equal((await admin.get('/api/audit?action=role_changed')).body.total, 1, 'only the change of the test before');
  });

  test("the Users screen offers Change role on every staff user but the admin's own row, and the form changes the role", async () => {
    const { admin, id, username } = await manager(plain);
    const page = (await admin.request('GET', `/admin/users?q=${username}`, undefined, { accept: 'text/html' })).text;
    assert.match(page, new RegExp(`Change role of ${username.replace('.', '\\.')}`));
    assert.match((await admin.request('GET', '/admin/users?q=admin', undefined, { accept: 'text/html' })).text, /Deactivate rep\.li|user-role-admin/);
    assert.doesNotMatch((await admin.request('GET', '/admin/users?q=admin', undefined, { accept: 'text/html' })).text, /Change role of admin</);
    const posted = await admin.request('POST', `/admin/users/${id}/role`, 'role=support_manager', { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    assert.deepEqual([posted.status, posted.headers.get('location')], [303, `/admin/users?q=${username}`]);
    assert.match((await admin.get(`/api/users?q=${username}`)).text, /"role":"support_manager"/);
  });

  test('deactivate and activate on the Users screen lead back to the list filtered to that user, so the row is in view on a long list', async () => {
    const { admin, id, username } = await manager(plain);
    for (const verb of ['deactivate', 'activate']) {
      const posted = await admin.request('POST', `/admin/users/${id}/${verb}`, '', { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
      assert.deepEqual([posted.status, posted.headers.get('location')], [303, `/admin/users?q=${username}`], verb);
    }
  });

  test('role-kept-in-session: the demoted manager keeps approvals until signing in again', async () => {
    const { admin, id, username, session } = await manager(kept);
    assert.equal((await admin.patch(`/api/users/${id}`, { role: 'sales_rep' })).status, 200);
    assert.equal((await session.get('/api/approvals')).status, 200);
    assert.equal((await (await kept.login(username, 'TempManager#2026')).get('/api/approvals')).status, 403);
  });
});

describe('core: the session cookie over HTTPS', () => {
  const signInOverHttps = async (faults: FaultName[]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-tls-'));
    const tls = await startServer(loadConfig({ CRM_PORT: '0', CRM_DB_FILE: path.join(dir, 'crm.db'), CRM_FAULTS: faults.join(',') }, { https: true }));
    const prev = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const res = await fetch(`${tls.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rep.li', password: 'RepLi#Flows2026' }) });
      return res.headers.get('set-cookie') ?? '';
    } finally {
      if (prev === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = prev;
      await tls.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  test('Secure, HttpOnly and SameSite=Lax; session-cookie-not-secure leaves Secure out', async () => {
    const cookie = await signInOverHttps([]);
    for (const flag of [/; Secure/i, /; HttpOnly/i, /; SameSite=Lax/i]) assert.match(cookie, flag);
    const faulty = await signInOverHttps(['session-cookie-not-secure']);
    assert.match(faulty, /; HttpOnly/i);
    assert.doesNotMatch(faulty, /Secure/i);
  });
});
