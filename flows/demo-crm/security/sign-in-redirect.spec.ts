import { env } from '../../../fixtures/env.js';
import { LoginPage } from '../../../profiles/demo-crm/pages/login-page.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/**
 * Where a sign-in link may send a user once signed in (`/login?next=…`): a phishing mail's link to the
 * real sign-in page must not hand the fresh session's user on to another site. Each way of writing
 * another site that browsers accept in a redirect, and one page of the CRM's own.
 */
const ELSEWHERE = [
  'https://evil.example/sign-in',
  // eslint-disable-next-line no-restricted-syntax -- a protocol-relative URL, not an XPath
  '//evil.example/sign-in',
  '/\\evil.example/sign-in',
  '/\t/evil.example/sign-in',
  'javascript:alert(document.cookie)',
];
const OWN_PAGE = '/leads?q=from-a-link';

/** The CRM page the sign-in's answer sends the browser to (its path and query), or where else. */
function whereItLeads(url: URL | undefined): string {
  if (!url) return 'nowhere: the answer sends the browser on to no page';
  return url.origin === new URL(env.crmBaseUrl).origin ? `${url.pathname}${url.search}` : `another site: ${url.href}`;
}

test.describe('Sign-in links', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Sessions', story: 'A sign-in link never leads off the CRM', severity: 'critical', owner: 'qa-security', tags: ['security', 'redirects'] });
    await criteria('AC-SEC-15');
  });

  test('after signing in from a link, the user lands on the CRM page the link names, and on the start page when it names another site', async ({ throwaway }) => {
    const { user } = await throwaway.signedOut({ role: 'sales_rep', team: 'sales' });
    const landed: Record<string, string> = {};
    for (const next of [...ELSEWHERE, OWN_PAGE]) {
      await test.step(`${user.username} signs in from a link asking to go on to ${JSON.stringify(next)}`, async () => {
        const login = await new LoginPage(await throwaway.browserWith(undefined)).gotoWithNext(next);
        landed[next] = whereItLeads(await login.submitForRedirect(user.username, user.password));
      });
    }
    const offSite = Object.values(landed).filter((l) => l.startsWith('another site')).length;
    await recordCount('AC-SEC-15', offSite, 'sign-ins that left the CRM', `${ELSEWHERE.length} links naming another site, 1 naming a CRM page`);
    expect(landed, 'where each sign-in landed').toEqual({ ...Object.fromEntries(ELSEWHERE.map((n) => [n, '/'])), [OWN_PAGE]: OWN_PAGE });
  });
});
