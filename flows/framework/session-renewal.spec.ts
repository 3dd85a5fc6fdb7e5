import { readStorageState } from '../../fixtures/auth/session-store.js';
import { signInInChildProcess } from '../../fixtures/auth/sign-in-child.js';
import { env } from '../../fixtures/env.js';
import { describeFlow, expect, profile, requireCapability, test } from '../../fixtures/test.js';

/**
 * A stored session the CRM no longer accepts is renewed before the test (not reported as a product
 * failure), and a session lost in the middle of a test fails at once with "session expired for
 * role X" instead of a locator timeout. Each test uses its own session so others are unaffected.
 */
const role = profile.roles[0]!;
const landing = profile.landing(role);

test.beforeEach(async () => {
  requireCapability(profile, 'revokeSession');
  await describeFlow({ epic: 'Framework', feature: 'Role sessions', story: 'Expired sessions', severity: 'critical', owner: 'framework' });
});

async function revoke(statePath: string): Promise<void> {
  await profile.capabilities.revokeSession!(env.crmBaseUrl, readStorageState(statePath)!);
}

test(`an expired stored session is renewed before the test starts @framework`, async ({ cast }, testInfo) => {
  const statePath = testInfo.outputPath(`${role.key}-state.json`);
  await signInInChildProcess(role.key, statePath);
  const revoked = readStorageState(statePath)!;
  await revoke(statePath);
  expect(await profile.sessionValid(env.crmBaseUrl, revoked), 'the CRM no longer accepts the stored session').toBe(false);

  const user = await cast.get(role.key, { statePath });
  await user.step('opens the start page', () => user.page.goto(landing.path));

  expect(await profile.signedInUser(user.page)).toBe(user.displayName);
  expect(testInfo.annotations).toContainEqual({ type: 'session-renewed', description: `${role.key}: stored session was expired; signed in again` });
  const renewed = readStorageState(statePath)!;
  expect(renewed.cookies).not.toEqual(revoked.cookies);
  expect(await profile.sessionValid(env.crmBaseUrl, renewed), 'the renewed session is accepted').toBe(true);
});

test(`a session lost mid-test fails with "session expired for role ${role.key}" @framework`, async ({ cast }, testInfo) => {
  const statePath = testInfo.outputPath(`${role.key}-state.json`);
  await signInInChildProcess(role.key, statePath);
  const user = await cast.get(role.key, { statePath });
  await user.step('opens the start page', () => user.page.goto(landing.path));

  await revoke(statePath);

  await expect(user.step('opens the start page again', () => user.page.goto(landing.path))).rejects.toThrow(
    new RegExp(`^session expired for role ${role.key} \\(.+\\): the CRM sent the browser to its login page`),
  );
  expect(user.page.isClosed(), 'the guard closed the page so nothing waits out a timeout').toBe(true);
});
