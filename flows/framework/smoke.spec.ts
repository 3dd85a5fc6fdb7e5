import { criteria, describeFlow, expect, test } from '../../fixtures/test.js';
import { crmRoutes, landingHeadings } from '../../fixtures/crm-routes.js';
import { ROLE_DEFINITIONS, ROLE_KEYS } from '../../fixtures/roles.js';
import { AppShell } from '../../pages/app-shell.js';

/** Every role starts signed in, in its own browser context, and lands where it should. */
const STAFF = ROLE_KEYS.filter((role) => !ROLE_DEFINITIONS[role].portal);

test.beforeEach(async () => {
  await describeFlow({ epic: 'Framework', feature: 'Role sessions', story: 'Each role starts signed in', severity: 'blocker', owner: 'framework' });
  await criteria('AC-FW-01');
});

for (const role of STAFF) {
  test(`${role} opens the dashboard signed in as themselves @smoke`, async ({ actor }) => {
    const user = await actor(role);
    const shell = user.at(AppShell);

    await user.step('opens the dashboard', () => shell.goto(crmRoutes.staffHome));

    await expect(shell.heading).toHaveText(landingHeadings.staff);
    await expect(shell.currentUser).toHaveText(user.displayName);
  });
}

test('a customer lands on their portal ticket list @smoke', async ({ customer }) => {
  const shell = customer.at(AppShell);

  await customer.step('opens the customer portal', () => shell.goto(crmRoutes.portalHome));

  await expect(shell.heading).toHaveText(landingHeadings.portal);
  await expect(shell.currentUser).toHaveText(customer.displayName);
});

test('two roles act side by side, each in their own session @smoke', async ({ salesRep, salesManager }) => {
  const repShell = salesRep.at(AppShell);
  const managerShell = salesManager.at(AppShell);

  await salesRep.step('opens the dashboard', () => repShell.goto(crmRoutes.staffHome));
  await salesManager.step('opens the dashboard', () => managerShell.goto(crmRoutes.staffHome));

  await expect(repShell.currentUser).toHaveText(salesRep.displayName);
  await expect(managerShell.currentUser).toHaveText(salesManager.displayName);
  expect(salesRep.context).not.toBe(salesManager.context);
});
