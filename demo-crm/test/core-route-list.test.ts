import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type TestCrm } from './harness.js';

/** GET /api/test/routes: the CRM's own list of what it serves, in test mode only. */
describe('route list (test mode)', () => {
  let crm: TestCrm;
  let production: TestCrm;
  before(async () => {
    [crm, production] = await Promise.all([startCrm(), startCrm({ testMode: false })]);
  });
  after(async () => { await Promise.all([crm.close(), production.close()]); });

  test('lists every registered route with its method, including the dynamically named ones, without HEAD twins', async () => {
    const res = await crm.anonymous().get('/api/test/routes');
    assert.equal(res.status, 200);
    const routes = res.body.routes as { method: string; path: string }[];
    const has = (method: string, path: string) => routes.some((r) => r.method === method && r.path === path);
    assert.ok(has('POST', '/api/invoices/:id/payments'));
    assert.ok(has('POST', '/admin/users/:id/deactivate'), 'routes registered in a loop are listed');
    assert.ok(has('DELETE', '/api/leads/:id'));
    assert.ok(has('GET', '/api/test/routes'));
    assert.equal(routes.filter((r) => r.method === 'HEAD').length, 0);
    assert.ok(routes.length > 150, `only ${routes.length} routes`);
  });

  test('is not served outside test mode', async () => {
    const res = await production.anonymous().get('/api/test/routes');
    assert.equal(res.status, 404);
  });
});
