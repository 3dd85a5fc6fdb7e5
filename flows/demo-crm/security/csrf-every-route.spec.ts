import { getInvoice, paymentsOfInvoice } from '../../../profiles/demo-crm/api/revenue.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { invoicedDeal } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { createThrowawayUser, rawRequest, signInRaw, signInRole } from '../../../profiles/demo-crm/security/raw-http.js';
import { servedRoutes } from '../../../profiles/demo-crm/security/route-list.js';
import { routeLabel, stateChangingRoutes } from '../../../profiles/demo-crm/security/routes.js';
import { ATTACKER_ORIGIN, forgeEveryRoute } from '../../../profiles/demo-crm/security/forgery.js';
import { env } from '../../../fixtures/env.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('CSRF: every state-changing route', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'CSRF', story: 'A forged request changes nothing', severity: 'blocker', owner: 'qa-security', tags: ['security', 'csrf'] });
    await criteria('AC-SEC-01');
  });

  test('every state-changing route the CRM serves refuses a request without the CSRF token, same-origin or from another origin', async ({ admin, data }) => {
    const routes = await test.step('lists the state-changing routes the CRM serves (its own route list)', async () => {
      const all = stateChangingRoutes(await servedRoutes());
      await test.info().attach('state-changing routes', { body: all.map(routeLabel).join('\n'), contentType: 'text/plain' });
      expect(all.length, 'state-changing routes found').toBeGreaterThan(60);
      return all;
    });

    const user = await createThrowawayUser(admin, { role: 'admin', tag: data.tag });
    const staff = await signInRaw(user.username, user.password);
    const customer = await signInRole('customer');

    const { notRefused: refusedWrongly, staffRefusals } = await test.step(`sends each of the ${routes.length} routes without the token, as a signed-in staff user or customer, from the CRM's origin and from ${ATTACKER_ORIGIN}`, () =>
      forgeEveryRoute(routes, { staff, customer }));

    await test.step('the CRM recorded each refusal in the audit log under the forging user', async () => {
      const audit = (await admin.api.get('/api/audit', { actor: user.username, action: 'csrf_rejected', pageSize: 1 })) as { total: number };
      expect.soft(audit.total, 'csrf_rejected audit entries of the forging user (one per refused request)').toBe(staffRefusals);
    });

    await rawRequest(staff, 'POST', '/api/auth/logout', { token: true });
    await rawRequest(customer, 'POST', '/api/auth/logout', { token: true });
    await recordCount('AC-SEC-01', refusedWrongly.length, 'requests without the CSRF token that were not refused', `${routes.length} state-changing routes × same origin and another origin`);
    expect(refusedWrongly, 'state-changing routes that did not refuse a request without the CSRF token (403 csrf)').toEqual([]);
  });

  test('a page on another site that posts a payment form with the finance clerk\'s browser records nothing', async ({ browser, admin, salesRep, finance, data }) => {
    const { invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));
    await finance.step(`opens a page on ${ATTACKER_ORIGIN} that submits a payment for ${invoice.number} to the CRM`, async () => {
      const context = await browser.newContext({ storageState: await finance.context.storageState() });
      try {
        await context.route(`${ATTACKER_ORIGIN}/**`, (route) => route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><form id="f" method="post" action="${env.crmBaseUrl}/invoices/${invoice.id}/payments">
            <input name="amount" value="1.00"><input name="method" value="Card"><input name="paidOn" value="${data.dateAfter(0)}"></form>
            <script>document.getElementById('f').submit()</script>`,
        }));
        const page = await context.newPage();
        await Promise.all([page.waitForURL((url) => url.origin === new URL(env.crmBaseUrl).origin), page.goto(`${ATTACKER_ORIGIN}/win-a-prize`)]);
      } finally {
        await context.close();
      }
    });
    await finance.step(`finds ${invoice.number} unpaid, with no payment recorded`, async () => {
      expect(await paymentsOfInvoice(finance.api, invoice.id)).toEqual([]);
      expect((await getInvoice(finance.api, invoice.id)).status).toBe('Issued');
    });
  });
});
