import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type TestCrm } from './harness.js';

describe('core: sign-in, sessions, CSRF, lockout, audit', () => {
  let crm: TestCrm;
  before(async () => { crm = await startCrm(); });
  after(async () => { await crm.close(); });

  test('every seeded staff user signs in and gets their own session', async () => {
    for (const u of ['admin', 'rep.li', 'rep.sam', 'mgr.zhang', 'fin.omar', 'agent.ana', 'agent.ben', 'supmgr.kim', 'auditor.eve']) {
      const client = await crm.login(u);
      const res = await client.get('/api/session');
      assert.equal(res.status, 200);
      assert.equal(res.body.user.username, u);
      assert.ok(res.body.csrfToken.length > 20);
    }
  });

  test('session cookie is HttpOnly and SameSite=Lax; passwords are stored as scrypt hashes', async () => {
    const res = await fetch(`${crm.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rep.li', password: 'RepLi#Flows2026' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const hash = crm.server.app.crm.db.prepare("SELECT password_hash FROM users WHERE username = 'rep.li'").pluck().get() as string;
    assert.match(hash, /^scrypt\$/);
    assert.ok(!hash.includes('RepLi#Flows2026'));
  });

  test('wrong password is refused, audited, and the 5th failure locks the account for 15 minutes', async () => {
    const admin = await crm.login('admin');
    assert.equal((await admin.post('/api/users', { username: 'lock.me', displayName: 'Lock Me', email: 'lock.me@example.com', role: 'sales_rep', team: 'sales', password: 'Correct#Horse1' })).status, 201);
    for (let i = 0; i < 5; i++) {
      const r = await crm.anonymous().post('/api/auth/login', { username: 'lock.me', password: 'wrong-password' });
      assert.equal(r.status, 401);
    }
    const locked = await crm.anonymous().post('/api/auth/login', { username: 'lock.me', password: 'Correct#Horse1' });
    assert.equal(locked.status, 423);
    assert.match(locked.body.message, /locked/i);
    const auditRes = await admin.get('/api/audit?actor=lock.me&action=login_failed');
    assert.equal(auditRes.body.total, 5);
  });

  test('state-changing requests without the CSRF token are refused with 403 and nothing is written', async () => {
    const admin = await crm.login('admin');
    const res = await admin.withoutCsrf().post('/api/users', { username: 'csrf.victim', displayName: 'X', email: 'x@example.com', role: 'auditor', password: 'Whatever#123' });
    assert.equal(res.status, 403);
    assert.equal(res.body.error, 'csrf');
    const users = await admin.get('/api/users?q=csrf.victim');
    assert.equal(users.body.total, 0);
  });

  test('unauthenticated API calls get 401 and pages redirect to sign-in', async () => {
    assert.equal((await crm.anonymous().get('/api/dashboard')).status, 401);
    const page = await fetch(`${crm.baseUrl}/`, { redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.match(page.headers.get('location') ?? '', /^\/login\?next=/);
  });

  test('denied access is 403, shows an access-denied page, and is audited', async () => {
    const rep = await crm.login('rep.li');
    assert.equal((await rep.get('/api/users')).status, 403);
    const page = await rep.request('GET', '/admin/users', undefined, { accept: 'text/html' });
    assert.equal(page.status, 403);
    assert.match(page.text, /data-testid="access-denied"/);
    const admin = await crm.login('admin');
    const denials = await admin.get('/api/audit?actor=rep.li&action=permission_denied');
    assert.ok(denials.body.total >= 2);
  });

  test('security headers: CSP without inline script, nosniff, frame denial', async () => {
    const res = await fetch(`${crm.baseUrl}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.doesNotMatch(await res.text(), /<script>(?!<\/script>)/);
  });

  test('customers cannot use staff pages and staff cannot use the portal login', async () => {
    const res = await crm.anonymous().post('/api/auth/login', { username: 'admin', password: 'Admin#Flows2026', portal: true });
    assert.equal(res.status, 401);
  });

  test('logout ends the session', async () => {
    const rep = await crm.login('rep.sam');
    assert.equal((await rep.post('/api/auth/logout')).status, 204);
    assert.equal((await rep.get('/api/session')).status, 401);
  });

  test('the test clock header is accepted in test mode only', async () => {
    const rep = await crm.login('rep.li');
    assert.equal((await rep.withClockOffset(3_600_000).get('/api/session')).status, 200);
    const prod = await startCrm({ testMode: false });
    try {
      const r = await (await prod.login('rep.li')).withClockOffset(1000).get('/api/session');
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'test_clock_disabled');
    } finally {
      await prod.close();
    }
  });
});

describe('core: where a sign-in goes on to (next=)', () => {
  const NEXTS: [string, string][] = [
    ['/leads?q=own-page', '/leads?q=own-page'],
    ['https://evil.example/x', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example/x', '/'],
    ['/\t/evil.example/x', '/'],
    ['javascript:alert(1)', '/'],
  ];
  const signInWith = async (crm: TestCrm, next: string) => {
    const res = await fetch(`${crm.baseUrl}/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'rep.li', password: 'RepLi#Flows2026', next }) });
    return new URL(res.headers.get('location') ?? '', crm.baseUrl);
  };

  test('a page of the CRM is followed; another site, in any form a browser reads as one, is replaced by the start page; sign-in-next-unchecked follows //host and /\\host', async () => {
    const [plain, faulty] = await Promise.all([startCrm(), startCrm({ faults: ['sign-in-next-unchecked'] })]);
    try {
      for (const [next, expected] of NEXTS) {
        const url = await signInWith(plain, next);
        assert.equal(`${url.origin === new URL(plain.baseUrl).origin ? '' : url.origin}${url.pathname}${url.search}`, expected, JSON.stringify(next));
      }
      const offSite = [];
      for (const [next] of NEXTS) if ((await signInWith(faulty, next)).origin !== new URL(faulty.baseUrl).origin) offSite.push(next);
      assert.deepEqual(offSite, ['//evil.example/x', '/\\evil.example/x', '/\t/evil.example/x']);
    } finally {
      await Promise.all([plain.close(), faulty.close()]);
    }
  });
});
