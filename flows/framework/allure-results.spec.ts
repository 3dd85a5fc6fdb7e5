import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childProcessEnv, env, profile } from '../../fixtures/env.js';
import { paths } from '../../fixtures/paths.js';
import { attachmentsUnder, isPngFile, labelValues, readAllureResults, type AllureResult } from '../../fixtures/report-checks/allure-results.js';
import { readZip } from '../../fixtures/report-checks/zip.js';
import { configuredSecrets } from '../../fixtures/report-checks/secrets.js';
import { scanForSecrets } from '../../fixtures/report-checks/secret-scan.js';
import { criteria, expect, pollBackend, test } from '../../fixtures/test.js';

/**
 * Proves the Allure data is really there, written from inside the workers: labels, links, business
 * steps named after the acting role, each with its screenshot, parameters — and, for a failure, the
 * trace with Allure's Playwright-trace content type. Runs after the browser projects.
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

test('a failed flow gets its trace attached for Allure\'s trace viewer, with no password inside @framework', async ({}, testInfo) => {
  test.setTimeout(180_000);
  await criteria('AC-FW-03');
  const outputDir = testInfo.outputPath('probe-run');
  const run = spawnSync('npx', ['playwright', 'test', '--config', 'flows/framework/probe/probe.config.ts'], {
    cwd: paths.root,
    encoding: 'utf8',
    timeout: 170_000,
    env: childProcessEnv({ START_CRM: 'false', CRM_BASE_URL: env.crmBaseUrl, CRM_PROFILE: env.crmProfile, FLOWS_OUTPUT_DIR: outputDir, CI: 'true' }),
  });
  expect(run.status, `the probe fails on purpose:\n${run.stdout}\n${run.stderr}`).toBe(1);

  const resultsDir = path.join(outputDir, 'reports', 'allure-results');
  const [result] = readAllureResults(resultsDir);
  expect(result?.status).toBe('failed');
  const attachments = attachmentsUnder(result!);
  const trace = attachments.find((a) => a.type === 'application/vnd.allure.playwright-trace');
  expect(trace, `attachments: ${attachments.map((a) => `${a.name} (${a.type})`).join(', ')}`).toBeDefined();
  const entries = readZip(fs.readFileSync(path.join(resultsDir, trace!.source))).map((e) => e.name);
  expect(entries.some((name) => name.endsWith('.trace')), `trace zip entries: ${entries.join(', ')}`).toBe(true);
  expect(attachments.filter((a) => a.type === 'image/png').length, 'step screenshot and failure screenshot').toBeGreaterThanOrEqual(2);

  const { findings } = scanForSecrets([outputDir], configuredSecrets());
  expect(findings).toEqual([]);
});
