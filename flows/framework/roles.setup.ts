import { expect, test as setup } from '@playwright/test';
import { plannedRoles, signInPlannedRoles } from '../../fixtures/auth/sign-in-planned.js';

/**
 * Signs in, once per run and through the CRM's real login page, the roles the selected tests use
 * (fixtures/auth/role-plan.ts); flows start from these sessions. Trace, video and screenshots are off
 * for this project (playwright.config.ts): the password is typed here.
 */
setup('the roles the selected tests use are signed in through their login pages', async ({ browser }) => {
  const planned = plannedRoles().map((r) => r.key);
  setup.info().annotations.push({ type: 'roles', description: planned.join(', ') || 'none' });
  const accepted = await signInPlannedRoles(browser, (title, body) => setup.step(title, body));
  expect(accepted, 'the roles whose stored session the CRM accepts').toEqual(planned);
});
