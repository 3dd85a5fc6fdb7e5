import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/core/server.js';
import { startCrm, type TestCrm } from './harness.js';

describe('core: durability, rejected input, HTTPS', () => {
  let crm: TestCrm;
  before(async () => { crm = await startCrm(); });
  after(async () => { await crm.close(); });

  test('a committed write survives a restart of the server on the same database file', async () => {
    const admin = await crm.login('admin');
    const created = await admin.post('/api/users', { username: 'durable.user', displayName: 'Durable 持久', email: 'durable@example.com', role: 'auditor', password: 'Durable#2026x' });
    assert.equal(created.status, 201);
    await crm.server.close();
    const again = await startServer(loadConfig({ CRM_PORT: '0', CRM_DB_FILE: crm.dbFile, CRM_TEST_MODE: '1' }));
    try {
      assert.equal(again.seeded, false, 'an existing database is never re-seeded');
      const res = await fetch(`${again.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'durable.user', password: 'Durable#2026x' }),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { user: { displayName: string } };
      assert.equal(body.user.displayName, 'Durable 持久');
    } finally {
      await again.close();
      crm = await startCrm();
    }
  });

  test('a rejected request names each invalid field and writes nothing', async () => {
    const admin = await crm.login('admin');
    const before = (await admin.get('/api/users?pageSize=1')).body.total as number;
    const res = await admin.post('/api/users', { username: 'x', displayName: '', email: 'not-an-email', role: 'wizard', password: 'short' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'validation');
    for (const f of ['username', 'displayName', 'email', 'role', 'password']) assert.ok(res.body.fields[f], `field ${f} is named`);
    assert.equal((await admin.get('/api/users?pageSize=1')).body.total, before);
  });

  test('--https serves TLS with a self-signed certificate and marks the cookie Secure', async () => {
    const config = loadConfig({ CRM_PORT: '0', CRM_DB_FILE: `${crm.dbFile}.tls.db` }, { https: true });
    const tls = await startServer(config);
    try {
      assert.match(tls.url, /^https:/);
      const prev = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      try {
        const res = await fetch(`${tls.url}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rep.li', password: 'RepLi#Flows2026' }),
        });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('set-cookie') ?? '', /Secure/);
        assert.match(res.headers.get('strict-transport-security') ?? '', /max-age/);
      } finally {
        if (prev === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
        else process.env.NODE_TLS_REJECT_UNAUTHORIZED = prev;
      }
    } finally {
      await tls.close();
    }
  });
});
