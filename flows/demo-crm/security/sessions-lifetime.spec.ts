import { env } from '../../../fixtures/env.js';
import type { OwnCrm } from '../../../profiles/demo-crm/migration/own-crm.js';
import { AppShell } from '../../../profiles/demo-crm/pages/app-shell.js';
import { sessionCookieOf } from '../../../profiles/demo-crm/security/browser-session.js';
import { rawRequest, type RawSession } from '../../../profiles/demo-crm/security/raw-http.js';
import { letRealTimePass } from '../../../profiles/demo-crm/security/real-clock.js';
import type { ThrowawaySessions } from '../../../profiles/demo-crm/security/throwaway-sessions.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** The limits of this spec's own CRM: short enough to wait out, the idle one long enough for a few page loads on a crowded machine. */
const IDLE_SECONDS = 8;
const MAX_SECONDS = 20;
/** How often the busy user opens a screen: well inside the idle limit. */
const BUSY_EVERY_MS = 2_000;

test.describe('Sessions: idle and absolute lifetime', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Sessions', story: 'A session ends when left idle and at its absolute end', severity: 'critical', owner: 'qa-security', tags: ['security', 'sessions'] });
    await criteria('AC-SEC-07');
  });

  /** The sales rep in a browser of their own, then signed in over HTTP on the test's own CRM (its seeded user: nobody else uses that CRM). */
  async function signedInRep(crm: OwnCrm, throwaway: ThrowawaySessions) {
    const page = await throwaway.browserWith(undefined, crm.baseUrl);
    const creds = env.roles.salesRep!;
    const sid = (await crm.signIn(creds)).value;
    await page.context().addCookies([sessionCookieOf(crm.baseUrl, sid)]);
    const session: RawSession = { username: creds.username, sid, csrfToken: '', origin: crm.baseUrl };
    return { name: creds.username, session, shell: new AppShell(page) };
  }

  test(`a session left idle longer than the idle limit (${IDLE_SECONDS} s on this CRM) is refused: the browser lands on the sign-in page, the API answers 401`, async ({ sessionCrm, throwaway }) => {
    const crm = await sessionCrm.withSessionLimits({ idleSeconds: IDLE_SECONDS, maxSeconds: MAX_SECONDS });
    const { name, session, shell } = await signedInRep(crm, throwaway);

    await test.step(`${name} opens the leads list`, async () => {
      await shell.goto('/leads');
      expect(new URL(shell.page.url()).pathname, 'the leads list opens in the fresh session').toBe('/leads');
    });

    await test.step(`${name} leaves the CRM alone for ${IDLE_SECONDS + 3} s`, () => letRealTimePass((IDLE_SECONDS + 3) * 1_000));

    await test.step(`${name} comes back: the page reload leads to the sign-in page, and the API refuses the session`, async () => {
      await shell.page.reload();
      expect(new URL(shell.page.url()).pathname, 'where the idle session\'s next page load leads').toBe('/login');
      expect((await rawRequest(session, 'GET', '/api/session')).status, 'GET /api/session with the idle session').toBe(401);
    });

    await recordCount('AC-SEC-07', 0, 'session lifetime rules broken', 'an idle session is refused after the idle limit');
  });

  test(`a session in constant use is refused once its absolute lifetime (${MAX_SECONDS} s on this CRM) has passed`, async ({ sessionCrm, throwaway }) => {
    const crm = await sessionCrm.withSessionLimits({ idleSeconds: IDLE_SECONDS, maxSeconds: MAX_SECONDS });
    const start = Date.now();
    const { name, session, shell } = await signedInRep(crm, throwaway);

    const visits = await test.step(`${name} opens a screen every ${BUSY_EVERY_MS / 1_000} s for ${MAX_SECONDS + 2} s`, async () => {
      const seen: { sentAfterMs: number; path: string }[] = [];
      for (let i = 0; Date.now() - start < (MAX_SECONDS + 2) * 1_000; i += 1) {
        const sentAfterMs = Date.now() - start;
        await shell.page.goto(['/leads', '/accounts'][i % 2]!);
        seen.push({ sentAfterMs, path: new URL(shell.page.url()).pathname });
        await letRealTimePass(BUSY_EVERY_MS);
      }
      return seen;
    });

    // the session began after `start`, so a screen asked for 5 s before start + the lifetime was asked for within it
    const young = visits.filter((v) => v.sentAfterMs < (MAX_SECONDS - 5) * 1_000);
    expect(young.at(-1)?.sentAfterMs ?? 0, 'the last screen opened while the session was young came after the idle limit').toBeGreaterThan(IDLE_SECONDS * 1_000);
    expect(young.filter((v) => v.path === '/login'), 'screens that led to the sign-in page while the session was young and busy (it outlives the idle limit)').toEqual([]);

    await test.step(`${name} opens the leads list once more: the page leads to the sign-in page, and the API refuses the session`, async () => {
      await shell.page.goto('/leads');
      expect(new URL(shell.page.url()).pathname, 'where the busy session\'s next page load leads after its absolute lifetime').toBe('/login');
      expect((await rawRequest(session, 'GET', '/api/session')).status, 'GET /api/session after the absolute lifetime').toBe(401);
    });

    await recordCount('AC-SEC-07', 0, 'session lifetime rules broken', 'a busy session is refused after its absolute lifetime');
  });
});
