import { expect, test as setup } from '@playwright/test';
import { env } from '../../fixtures/env.js';
import { storageStatePath } from '../../fixtures/paths.js';
import { ROLE_KEYS } from '../../fixtures/roles.js';
import { AppShell } from '../../pages/app-shell.js';
import { LoginPage } from '../../pages/login-page.js';

/**
 * Signs every role in once per run through the real login page and stores the session; flows start
 * from these states. Trace, video and screenshots are off for this project (playwright.config.ts).
 */
for (const role of ROLE_KEYS) {
  const creds = env.roles[role];

  setup(`${creds.persona} signs in through the ${creds.portal ? 'customer portal' : 'staff'} login page (${role})`, async ({ page }) => {
    const login = await new LoginPage(page, creds.portal).goto();
    await login.signIn(creds.username, creds.password);
    await expect(new AppShell(page).currentUser, 'the header shows who is signed in').toBeVisible();
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
