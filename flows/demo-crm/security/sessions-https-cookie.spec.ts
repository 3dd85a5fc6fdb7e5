import { LoginPage } from '../../../profiles/demo-crm/pages/login-page.js';
import { sessionCookie } from '../../../profiles/demo-crm/security/browser-session.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Sessions: the cookie over HTTPS', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Sessions', story: 'A session belongs to one sign-in and ends when it should', severity: 'blocker', owner: 'qa-security', tags: ['security', 'sessions', 'tls'] });
  });

  test('signed in through the sign-in page of a CRM over HTTPS, the session cookie is Secure, HttpOnly and SameSite, in the browser and in the Set-Cookie header', async ({ sessionCrm, throwaway, data }) => {
    await criteria('AC-SEC-04');
    const { crm, throwawayUser } = await sessionCrm.overHttps();

    const user = await test.step('Given the admin has created a sales rep on a CRM of this test served over HTTPS (by API)', () =>
      throwawayUser({ role: 'sales_rep', team: 'sales', tag: data.tag }));

    const page = await throwaway.browserWith(undefined, crm.baseUrl);

    const setCookie = await test.step(`${user.username} signs in through the sign-in page at ${crm.baseUrl}`, async () => {
      const login = await new LoginPage(page).goto();
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
      await login.signIn(user.username, user.password);
      return ((await (await answer).headerValue('set-cookie')) ?? '').split('\n').find((c) => c.startsWith('crm_sid='));
    });

    const cookie = await sessionCookie(page.context());
    expect({ httpOnly: cookie?.httpOnly, sameSite: cookie?.sameSite, secure: cookie?.secure }, 'the session cookie the browser keeps')
      .toEqual({ httpOnly: true, sameSite: expect.stringMatching(/^(Lax|Strict)$/), secure: true });
    expect(setCookie, 'the Set-Cookie header of the sign-in answer').toMatch(/^crm_sid=(?=.*; Secure(;|$))(?=.*; HttpOnly(;|$))(?=.*; SameSite=(Lax|Strict)(;|$))/i);
    await recordCount('AC-SEC-04', 0, 'session rules broken', 'the session cookie is Secure, HttpOnly and SameSite over HTTPS');
  });
});
