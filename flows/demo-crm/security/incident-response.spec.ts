import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AuditLogPage } from '../../../profiles/demo-crm/pages/audit-log-page.js';
import { rawRequest, resetPassword, signInOutcome, signInRaw, type RawSession } from '../../../profiles/demo-crm/security/raw-http.js';
import { UsersAdminPage } from '../../../profiles/demo-crm/security/users-admin-page.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { auditNameOf, criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** Where the browser lands when it next opens the leads: the list while its session lives, the sign-in page once it has ended. */
async function nextPageLoad(page: Page): Promise<string> {
  await page.goto('/leads');
  return new URL(page.url()).pathname;
}

const apiStatus = async (session: RawSession): Promise<number> => (await rawRequest(session, 'GET', '/api/session')).status;

/** "2026-12-04 10:15 UTC": the minute the audit log shows for an instant. */
const shownMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;

test.describe('Incident response: an account in the wrong hands', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Incident response', story: 'Contain a compromised account', severity: 'blocker', owner: 'qa-security', tags: ['security', 'sessions', 'audit'] });
    await criteria('AC-SEC-12');
  });

  test('the admin signs the user out everywhere and resets the password: every session of the stolen password ends, nobody else\'s, and the audit log shows each sign-in and where it came from', async ({ admin, throwaway }) => {
    const since = Date.now();
    const { user, page: ownBrowser } = await throwaway.signedIn({ role: 'sales_rep', team: 'sales' });
    const { user: colleague, page: colleagueBrowser } = await throwaway.signedIn({ role: 'sales_rep', team: 'sales' });

    // the intruder has the password: a browser and a script of their own, signed in over HTTP (never traced)
    const { intruderBrowser, intruderApi } = await test.step(`Given an intruder has signed in as ${user.username} twice with the stolen password, in a browser and from a script`, async () => {
      const inBrowser = await signInRaw(user.username, user.password);
      const intruderApi = await signInRaw(user.username, user.password);
      return { intruderBrowser: await throwaway.browserWith(inBrowser.sid), intruderApi };
    });

    await test.step(`And ${user.username}'s own browser, the intruder's browser and script, and ${colleague.username}'s browser are all signed in`, async () => {
      expect([await nextPageLoad(ownBrowser), await nextPageLoad(intruderBrowser), await apiStatus(intruderApi), await nextPageLoad(colleagueBrowser)]).toEqual(['/leads', '/leads', 200, '/leads']);
    });

    const users = admin.at(UsersAdminPage);
    await admin.step(`signs ${user.username} out everywhere on the Users screen, and is told three sessions ended`, async () => {
      await users.open(user.username);
      await users.signOutEverywhere(user.username);
      await expect(users.toast.root).toContainText(`${user.username} is signed out everywhere: 3 sessions ended`);
      expect(await users.toast.message()).toBe(`${user.username} is signed out everywhere: 3 sessions ended`);
    });

    await test.step(`Every session of ${user.username} is refused at its next request; ${colleague.username} works on`, async () => {
      const where = { own: await nextPageLoad(ownBrowser), intruderBrowser: await nextPageLoad(intruderBrowser), intruderScript: await apiStatus(intruderApi), colleague: await nextPageLoad(colleagueBrowser) };
      expect(where, `where each browser's next page load leads, and what the intruder's script gets`).toEqual({ own: '/login', intruderBrowser: '/login', intruderScript: 401, colleague: '/leads' });
    });

    const again = await test.step('The intruder signs in again with the stolen password', () => signInRaw(user.username, user.password));

    const newPassword = `${randomBytes(12).toString('base64url')}#5d`;
    await admin.step(`resets ${user.username}'s password (over HTTP: the new password never reaches the report)`, async () => {
      expect((await resetPassword(admin, user.id, newPassword)).status, 'password reset').toBe(200);
    });

    await test.step("The intruder's new session ends with the reset, the stolen password is refused, and the new one signs in", async () => {
      const after = { intruderSession: await apiStatus(again), stolenPassword: await signInOutcome(user.username, user.password), newPassword: await signInOutcome(user.username, newPassword) };
      expect(after, "the intruder's session begun before the reset, a sign-in with the stolen password, one with the new password").toEqual({ intruderSession: 401, stolenPassword: 'HTTP 401', newPassword: 'signed in' });
    });

    const until = Date.now();

    const log = admin.at(AuditLogPage);
    await admin.step(`reads ${user.username}'s entries in the audit log: five sign-ins and the refused one, newest first, each from the address it came from`, async () => {
      await log.open();
      await log.showActor(user.username);
      const entries = await log.shownEntries();
      expect(entries.map((e) => `${e.action}: ${e.details}`)).toEqual(['login: sign-in', 'login_failed: failed sign-in', 'login: sign-in', 'login: sign-in', 'login: sign-in', 'login: sign-in']);
      expect(entries.filter((e) => !LOOPBACK.test(e.from)), 'entries without the address they came from').toEqual([]);
      expect(entries.filter((e) => e.when < shownMinute(since) || e.when > shownMinute(until)), 'entries stamped outside the test').toEqual([]);
    });
    await admin.step(`reads what was done to ${user.username}'s account: the sign-out and the reset, each by the admin with the sessions it ended`, async () => {
      await log.showRecord('user', user.id);
      const entries = (await log.shownEntries()).filter((e) => e.action !== 'create');
      expect(entries.map((e) => ({ actor: e.actor, action: e.action, details: e.details }))).toEqual([
        { actor: auditNameOf(admin), action: 'update', details: 'password reset; 1 session ended' },
        { actor: auditNameOf(admin), action: 'sessions_ended', details: 'signed out everywhere: 3 sessions ended' },
      ]);
    });
    await recordCount('AC-SEC-12', 0, 'sessions left alive or steps missing from the audit log', 'a sign-out everywhere (3 sessions) and a password reset (1 session)');
  });
});
