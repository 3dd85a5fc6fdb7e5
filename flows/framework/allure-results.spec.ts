import path from 'node:path';
import { env, profile } from '../../fixtures/env.js';
import { paths } from '../../fixtures/paths.js';
import { attachmentsUnder, isPngFile, labelValues, readAllureResults, type AllureResult } from '../../fixtures/report-checks/allure-results.js';
import { expect, pollBackend, test } from '../../fixtures/test.js';

/**
 * Proves this run's Allure data is really there, written from inside the workers: labels, links,
 * business steps named after the acting role, each with its screenshot, parameters. Runs after the
 * browser projects (a failure's trace: failed-flow-trace.spec.ts, which needs no other test's results).
 */
const TWO_ROLES = 'two roles act side by side, each in their own session @smoke';

function findResult(results: AllureResult[], name: string): AllureResult | undefined {
  return results.find((r) => r.name === name);
}

test('the Allure results of this run hold labels, links, role steps, screenshots and parameters @framework', async () => {
  await pollBackend(() => findResult(readAllureResults(paths.allureResults), TWO_ROLES)?.status, {
    timeout: 10_000,
    message: `the Allure result of "${TWO_ROLES}" is written (a --reporter option on the command line replaces the configured allure-playwright reporter)`,
  }).toBe('passed');
  const result = findResult(readAllureResults(paths.allureResults), TWO_ROLES)!;
  const [first, second = first] = profile.roles;
  const rep = env.roles[first!.key]!.persona;
  const manager = env.roles[second!.key]!.persona;

  expect(labelValues(result, 'epic')).toEqual(['Framework']);
  expect(labelValues(result, 'feature')).toEqual(['Role sessions']);
  expect(labelValues(result, 'story')).toEqual(['Each role starts signed in']);
  expect(labelValues(result, 'severity')).toEqual(['blocker']);
  expect(labelValues(result, 'owner')).toEqual(['framework']);
  expect(labelValues(result, 'tag')).toContain('smoke');
  expect(result.links).toContainEqual(expect.objectContaining({ name: 'AC-FW-01', type: 'requirement' }));

  const parameters = Object.fromEntries(result.parameters.map((p) => [`${p.name}=${p.value}`, p]));
  expect(Object.keys(parameters)).toEqual(expect.arrayContaining([`role=${rep}`, `role=${manager}`, `FAKER_SEED (run seed)=${env.runSeed}`]));

  const stepNames = result.steps.map((s) => s.name);
  expect(stepNames).toEqual([`${rep} opens the start page`, `${manager} opens the start page`]);
  for (const step of result.steps) {
    const screenshots = attachmentsUnder(step).filter((a) => a.type === 'image/png');
    expect(screenshots, `screenshot under "${step.name}"`).toHaveLength(1);
    expect(isPngFile(path.join(paths.allureResults, screenshots[0]!.source)), `${screenshots[0]!.source} is a PNG`).toBe(true);
  }
});
