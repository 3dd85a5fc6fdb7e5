import { criteria, describeFlow, expect, profile, test } from '../../fixtures/test.js';

/** Every role of the CRM profile starts signed in, in its own browser context, and lands where it should. */
test.beforeEach(async () => {
  await describeFlow({ epic: 'Framework', feature: 'Role sessions', story: 'Each role starts signed in', severity: 'blocker', owner: 'framework' });
  await criteria('AC-FW-01');
});

for (const role of profile.roles) {
  const landing = profile.landing(role);

  test(`${role.key} opens the ${role.loginKind} start page signed in as themselves @smoke`, async ({ actor }) => {
    const user = await actor(role.key);

    await user.step(`opens the start page (${landing.path})`, async () => {
      await user.page.goto(landing.path);
    });

    await expect(user.page.getByRole('heading', { name: landing.heading }).first()).toBeVisible();
    expect(await profile.signedInUser(user.page)).toBe(user.displayName);
  });
}

test('two roles act side by side, each in their own session @smoke', async ({ actor }) => {
  // a profile with a single role (Atomic CRM's demo) acts it twice: the same actor, the same context
  const [first, second = first] = profile.roles;
  const one = await actor(first!.key);
  const two = await actor(second!.key);

  await one.step('opens the start page', () => one.page.goto(profile.landing(first!).path));
  await two.step('opens the start page', () => two.page.goto(profile.landing(second!).path));

  expect(await profile.signedInUser(one.page)).toBe(one.displayName);
  expect(await profile.signedInUser(two.page)).toBe(two.displayName);
  expect(one.context === two.context, 'each role has its own browser context').toBe(first === second);
});
