import { criteria, describeFlow, expect, profile, test } from '../../../fixtures/test.js';

/**
 * Fails on purpose, only inside the nested run of failed-flow-trace.spec.ts (its name keeps it out of
 * every normal project): proves what a failed flow leaves in the report.
 */
test('framework probe: a failed flow keeps its trace, steps and screenshots', async ({ actor }) => {
  await describeFlow({ epic: 'Framework', feature: 'Reporting', story: 'A failure is explained by the report', severity: 'critical', owner: 'framework' });
  await criteria('AC-FW-03');
  const role = profile.roles[0]!;
  const user = await actor(role.key);

  await user.step('opens the start page', () => user.page.goto(profile.landing(role).path));

  await expect(user.page.getByRole('heading', { name: 'A heading this CRM never shows' }), 'deliberate failure of the probe').toBeVisible({ timeout: 1_000 });
});
