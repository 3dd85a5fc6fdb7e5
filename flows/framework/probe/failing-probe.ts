import { criteria, describeFlow, expect, test } from '../../../fixtures/test.js';
import { AppShell } from '../../../pages/app-shell.js';

/**
 * Fails on purpose, only inside the nested run of allure-results.spec.ts (its name keeps it out of
 * every normal project): proves what a failed flow leaves in the report.
 */
test('framework probe: a failed flow keeps its trace, steps and screenshots', async ({ salesRep }) => {
  await describeFlow({ epic: 'Framework', feature: 'Reporting', story: 'A failure is explained by the report', severity: 'critical', owner: 'framework' });
  await criteria('AC-FW-03');
  const shell = salesRep.at(AppShell);

  await salesRep.step('opens the dashboard', () => shell.goto('/'));

  await expect(shell.heading, 'deliberate failure of the probe').toHaveText('A heading this CRM never shows', { timeout: 1_000 });
});
