/**
 * HTTP security headers (README, "Security headers"): on every answer — pages, the API, static files,
 * refusals and errors — and the three defect switches that weaken them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type TestCrm } from './harness.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

async function headersOf(crm: TestCrm, path: string, cookie = ''): Promise<{ status: number; headers: Headers }> {
  const res = await fetch(`${crm.baseUrl}${path}`, { headers: { accept: path.startsWith('/api/') ? 'application/json' : 'text/html', ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, headers: res.headers };
}

describe('security headers', () => {
  let plain: TestCrm;
  let faulty: TestCrm;
  before(async () => {
    [plain, faulty] = await Promise.all([startCrm(), startCrm({ faults: ['csp-allows-inline-script', 'security-headers-missing-on-errors', 'no-store-missing-on-api'] })]);
  });
  after(async () => { await Promise.all([plain.close(), faulty.close()]); });

  const answers = async (crm: TestCrm) => {
    const rep = await crm.login('rep.li');
    return {
      page: await headersOf(crm, '/leads', rep.cookie),
      api: await headersOf(crm, '/api/leads', rep.cookie),
      asset: await headersOf(crm, '/static/app.css'),
      refused: await headersOf(crm, '/admin/users', rep.cookie),
      unknown: await headersOf(crm, '/no-such-page', rep.cookie),
      signedOut: await headersOf(crm, '/api/leads'),
    };
  };

  test('every answer carries the CSP, nosniff, DENY and same-origin; pages and the API are no-store, static files cached a minute', async () => {
    const a = await answers(plain);
    assert.deepEqual(Object.values(a).map((x) => x.status), [200, 200, 200, 403, 404, 401]);
    for (const [what, { headers }] of Object.entries(a)) {
      assert.equal(headers.get('content-security-policy'), CSP, what);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(headers.get('x-frame-options'), 'DENY', what);
      assert.equal(headers.get('referrer-policy'), 'same-origin', what);
      assert.equal(headers.get('strict-transport-security'), null, `${what}: no HSTS over plain HTTP`);
      assert.equal(headers.get('cache-control'), what === 'asset' ? 'public, max-age=60' : 'no-store', what);
    }
  });

  test('the switches: inline script allowed, no headers on refusals and errors, the API without no-store', async () => {
    const a = await answers(faulty);
    assert.match(a.page.headers.get('content-security-policy') ?? '', /script-src 'self' 'unsafe-inline'/);
    for (const what of ['refused', 'unknown', 'signedOut'] as const) {
      for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) assert.equal(a[what].headers.get(h), null, `${what} ${h}`);
    }
    assert.equal(a.api.headers.get('cache-control'), null);
    assert.equal(a.page.headers.get('cache-control'), 'no-store');
  });
});
