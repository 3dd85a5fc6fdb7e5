import { LoginPage } from '../../../profiles/demo-crm/pages/login-page.js';
import { AppShell } from '../../../profiles/demo-crm/pages/app-shell.js';
import { overHttps, sessionCookie } from '../../../profiles/demo-crm/security/browser-session.js';
import { rawRequest } from '../../../profiles/demo-crm/security/raw-http.js';
import { UsersAdminPage } from '../../../profiles/demo-crm/security/users-admin-page.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** The CRM's documented lockout (demo-crm/README.md): five failed sign-ins lock the account for 15 minutes. */
const LOCKOUT_THRESHOLD = 5;
const LOCKED_MESSAGE = /^This account is locked after 5 failed sign-ins\. Try again in 15 minutes\.$/;
const PLANTED_SID = 'planted-by-an-attacker-0000000000000000000';

test.describe('Sessions', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Sessions', story: 'A session belongs to one sign-in and ends when it should', severity: 'blocker', owner: 'qa-security', tags: ['security', 'sessions'] });
  });

  test('the session cookie is HttpOnly and SameSite (Secure over HTTPS), and a planted session id is replaced at sign-in', async ({ throwaway }) => {
    await criteria('AC-SEC-04');
    const { user, context, page } = await throwaway.signedOut({ role: 'sales_rep', team: 'sales', plantedSid: PLANTED_SID });

    const login = await test.step(`${user.username} opens the sign-in page with a session id an attacker planted, and signs in`, async () => {
      const login = await new LoginPage(page).goto();
      await login.signIn(user.username, user.password);
      return login;
    });

    const first = await sessionCookie(context);
    expect(first?.value, 'session id after sign-in').not.toBe(PLANTED_SID);
    expect({ httpOnly: first?.httpOnly, sameSite: first?.sameSite, secure: first?.secure }, 'session cookie flags')
      .toEqual({ httpOnly: true, sameSite: expect.stringMatching(/^(Lax|Strict)$/), secure: overHttps() });

    await test.step('signs out and in again: a new session id each time', async () => {
      await new AppShell(page).logOut();
      await login.signIn(user.username, user.password);
    });

    expect((await sessionCookie(context))?.value, 'session id of the second sign-in').not.toBe(first?.value);
    await recordCount('AC-SEC-04', 0, 'session rules broken', 'cookie flags and a new session id at each sign-in');
  });

  test('logging out ends the session on the server: the old cookie is refused afterwards', async ({ throwaway }) => {
    await criteria('AC-SEC-04');
    const { user, session, page } = await throwaway.signedIn({ role: 'sales_rep', team: 'sales' });

    await test.step(`${user.username} works in the CRM, then presses Log out`, async () => {
      const shell = new AppShell(page);
      await shell.goto('/leads');
      await shell.logOut();
    });

    await test.step('the copied cookie of the ended session opens nothing', async () => {
      expect((await rawRequest(session, 'GET', '/api/session')).status, 'GET /api/session with the old cookie').toBe(401);
      const replayPage = await throwaway.browserWith(session.sid);
      await replayPage.goto('/leads');
      expect(new URL(replayPage.url()).pathname, 'where the old cookie leads').toBe('/login');
    });

    await recordCount('AC-SEC-04', 0, 'session rules broken', 'the cookie of a logged-out session is refused');
  });

  test('five failed sign-ins lock the account: the right password is then refused with a message that says for how long', async ({ admin, throwaway }) => {
    await criteria('AC-SEC-05');
    const { user, page } = await throwaway.signedOut({ role: 'support_agent', team: 'support' });
    const login = new LoginPage(page);

    await test.step(`someone tries ${LOCKOUT_THRESHOLD} wrong passwords for ${user.username}`, async () => {
      await login.goto();
      for (let i = 1; i <= LOCKOUT_THRESHOLD; i += 1) {
        await login.submit(user.username, `wrong-password-${i}`);
        expect(await login.errorMessage(), `message after failed sign-in ${i}`).toBe('Invalid username or password.');
      }
    });

    await test.step(`${user.username} then types the right password`, async () => {
      await login.submit(user.username, user.password);
    });

    const message = await login.shownError();
    const locked = [new URL(login.page.url()).pathname === '/login', LOCKED_MESSAGE.test(message ?? '')].every(Boolean);
    await recordCount('AC-SEC-05', LOCKOUT_THRESHOLD + Number(!locked), 'failed sign-ins before the lockout', ['not locked after 5 failed sign-ins', 'locked after 5 failed sign-ins'][Number(locked)]!);
    expect(new URL(login.page.url()).pathname, 'after 5 failed sign-ins the right password must not sign in: the locked account stays on the sign-in page').toBe('/login');
    expect(message, 'the lockout message').toMatch(LOCKED_MESSAGE);
    const audit = (await admin.api.get('/api/audit', { actor: user.username, pageSize: 50 })) as { items: { action: string }[] };
    expect(audit.items.map((e) => e.action).filter((a) => a.startsWith('login')).sort(), 'sign-in attempts in the audit log')
      .toEqual([...Array<string>(LOCKOUT_THRESHOLD).fill('login_failed'), 'login_locked'].sort());
  });

  test('a user the admin deactivates loses access at once, in the browser and the API', async ({ admin, throwaway }) => {
    await criteria('AC-SEC-04');
    const { user, session, page } = await throwaway.signedIn({ role: 'sales_rep', team: 'sales' });
    await new AppShell(page).goto('/leads');
    await admin.step(`deactivates ${user.username} on the Users screen`, async () => {
      const users = admin.at(UsersAdminPage);
      await users.open(user.username);
      await users.deactivate(user.username);
      await expect(users.statusOf(user.username)).toHaveText('Inactive');
    });

    await test.step(`${user.username}'s open browser and API session are refused on the next request`, async () => {
      await page.reload();
      expect(new URL(page.url()).pathname, 'where the deactivated user\'s next page load leads').toBe('/login');
      expect((await rawRequest(session, 'GET', '/api/leads')).status, 'GET /api/leads with the deactivated user\'s session').toBe(401);
    });

    await recordCount('AC-SEC-04', 0, 'session rules broken', 'a deactivated user is refused at once');
  });
});
