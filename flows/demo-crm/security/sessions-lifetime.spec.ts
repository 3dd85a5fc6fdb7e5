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

  /** `role` in a browser of their own, signed in over HTTP on the test's own CRM (its seeded user: nobody else uses that CRM). */
  async function signedIn(crm: OwnCrm, throwaway: ThrowawaySessions, role: 'salesRep' | 'salesManager') {
    const page = await throwaway.browserWith(undefined, crm.baseUrl);
    const creds = env.roles[role]!;
    const sid = (await crm.signIn(creds)).value;
    await page.context().addCookies([sessionCookieOf(crm.baseUrl, sid)]);
    const session: RawSession = { username: creds.username, sid, csrfToken: '', origin: crm.baseUrl };
    return { name: creds.username, session, shell: new AppShell(page) };
  }

  // One test, two sessions on one CRM at the same time: the idle user's wait passes while the busy user
  // works, so the idle limit is shown to be about idleness, not age (and the run waits out real time once).
  test(`a session left idle longer than the idle limit (${IDLE_SECONDS} s on this CRM) is refused, while one in constant use outlives it until its absolute lifetime (${MAX_SECONDS} s) has passed`, async ({ sessionCrm, throwaway }) => {
    const crm = await sessionCrm.withSessionLimits({ idleSeconds: IDLE_SECONDS, maxSeconds: MAX_SECONDS });
    const start = Date.now();
    const idle = await signedIn(crm, throwaway, 'salesRep');
    const busy = await signedIn(crm, throwaway, 'salesManager');

    await test.step(`${idle.name} and ${busy.name} open the leads list`, async () => {
      for (const user of [idle, busy]) {
        await user.shell.goto('/leads');
        expect(new URL(user.shell.page.url()).pathname, `the leads list opens in ${user.name}'s fresh session`).toBe('/leads');
      }
    });

    const [visits] = await Promise.all([
      test.step(`${busy.name} opens a screen every ${BUSY_EVERY_MS / 1_000} s for ${MAX_SECONDS + 2} s`, async () => {
        const seen: { sentAfterMs: number; path: string }[] = [];
        for (let i = 0; Date.now() - start < (MAX_SECONDS + 2) * 1_000; i += 1) {
          const sentAfterMs = Date.now() - start;
          await busy.shell.page.goto(['/accounts', '/leads'][i % 2]!);
          seen.push({ sentAfterMs, path: new URL(busy.shell.page.url()).pathname });
          await letRealTimePass(BUSY_EVERY_MS);
        }
        return seen;
      }),
      test.step(`${idle.name} leaves the CRM alone for ${IDLE_SECONDS + 3} s, then comes back: the page reload leads to the sign-in page, and the API refuses the session`, async () => {
        await letRealTimePass((IDLE_SECONDS + 3) * 1_000);
        await idle.shell.page.reload();
        expect(new URL(idle.shell.page.url()).pathname, 'where the idle session\'s next page load leads').toBe('/login');
        expect((await rawRequest(idle.session, 'GET', '/api/session')).status, 'GET /api/session with the idle session').toBe(401);
      }),
    ]);

    // the sessions began after `start`, so a screen asked for 5 s before start + the lifetime was asked for within it
    const young = visits.filter((v) => v.sentAfterMs < (MAX_SECONDS - 5) * 1_000);
    expect(young.at(-1)?.sentAfterMs ?? 0, 'the last screen opened while the session was young came after the idle limit').toBeGreaterThan(IDLE_SECONDS * 1_000);
    expect(young.filter((v) => v.path === '/login'), 'screens that led to the sign-in page while the session was young and busy (it outlives the idle limit)').toEqual([]);

    await test.step(`${busy.name} opens the leads list once more: the page leads to the sign-in page, and the API refuses the session`, async () => {
      await busy.shell.page.goto('/leads');
      expect(new URL(busy.shell.page.url()).pathname, 'where the busy session\'s next page load leads after its absolute lifetime').toBe('/login');
      expect((await rawRequest(busy.session, 'GET', '/api/session')).status, 'GET /api/session after the absolute lifetime').toBe(401);
    });

    await recordCount('AC-SEC-07', 0, 'session lifetime rules broken', 'an idle session is refused after the idle limit; a busy one outlives it and is refused after its absolute lifetime');
  });
});
