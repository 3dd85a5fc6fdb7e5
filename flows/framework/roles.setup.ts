import { expect, test as setup } from '@playwright/test';
import { writeStorageState } from '../../fixtures/auth/session-store.js';
import { signInThroughLoginPage } from '../../fixtures/auth/sign-in.js';
import { env, profile } from '../../fixtures/env.js';
import { storageStatePath } from '../../fixtures/paths.js';

/**
 * Signs every configured role of the CRM profile in once per run through the CRM's real login page
 * and stores the session; flows start from these states. Trace, video and screenshots are off for
 * this project (playwright.config.ts): the password is typed here.
 */
for (const role of profile.roles.filter((r) => env.roles[r.key]?.configured)) {
  const creds = env.roles[role.key]!;

  setup(`${creds.persona} signs in through the ${role.loginKind} login page (${role.key})`, async ({ browser }) => {
    const state = await signInThroughLoginPage(browser, profile, env.crmBaseUrl, role.key, creds);
    expect(await profile.sessionValid(env.crmBaseUrl, state), 'the CRM accepts the session the sign-in ended with').toBe(true);
    writeStorageState(storageStatePath(role.key), state);
  });
}
