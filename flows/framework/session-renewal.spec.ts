import { apiLogin, revokeSession, sessionIdOf, sessionUser, storageStateFor } from '../../fixtures/crm-http.js';
import { readStorageState, writeStorageState } from '../../fixtures/auth/session-store.js';
import { env } from '../../fixtures/env.js';
import { describeFlow, expect, test } from '../../fixtures/test.js';
import { AppShell } from '../../pages/app-shell.js';

/**
 * A stored session the CRM no longer accepts is renewed before the test (not reported as a product
 * failure), and a session lost in the middle of a test fails at once with "session expired for
 * role X" instead of a locator timeout. Each test uses its own session so others are unaffected.
 */
test.beforeEach(async () => {
  await describeFlow({ epic: 'Framework', feature: 'Role sessions', story: 'Expired sessions', severity: 'critical', owner: 'framework' });
});

async function revokedStateFile(path: string): Promise<string> {
  const login = await apiLogin(env.crmBaseUrl, env.roles.salesRep);
  writeStorageState(path, storageStateFor(env.crmBaseUrl, login.sessionId));
  await revokeSession(env.crmBaseUrl, login.sessionId);
  return login.sessionId;
}

test('an expired stored session is renewed before the test starts @framework', async ({ cast }, testInfo) => {
  const statePath = testInfo.outputPath('salesRep-state.json');
  const revoked = await revokedStateFile(statePath);
  expect(await sessionUser(env.crmBaseUrl, revoked), 'the CRM no longer accepts the stored session').toBeNull();

  const rep = await cast.get('salesRep', { statePath });
  const shell = rep.at(AppShell);
  await rep.step('opens the dashboard', () => shell.goto('/'));

  await expect(shell.currentUser).toHaveText(rep.displayName);
  expect(testInfo.annotations).toContainEqual({ type: 'session-renewed', description: 'salesRep: stored session was expired; signed in again' });
  const renewed = sessionIdOf(readStorageState(statePath)!);
  expect(renewed).not.toBe(revoked);
  expect((await sessionUser(env.crmBaseUrl, renewed!))?.username).toBe(env.roles.salesRep.username);
});

test('a session lost mid-test fails with "session expired for role salesRep" @framework', async ({ cast }, testInfo) => {
  const statePath = testInfo.outputPath('salesRep-state.json');
  const rep = await cast.get('salesRep', { statePath });
  const shell = rep.at(AppShell);
  await rep.step('opens the dashboard', () => shell.goto('/'));

  await revokeSession(env.crmBaseUrl, sessionIdOf(readStorageState(statePath)!)!);

  await expect(rep.step('opens the dashboard again', () => shell.goto('/'))).rejects.toThrow(/^session expired for role salesRep \(Sales rep .+\): the CRM sent the browser to its login page \(\/login/);
  expect(rep.page.isClosed(), 'the guard closed the page so nothing waits out a timeout').toBe(true);
});
