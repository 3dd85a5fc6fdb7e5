import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childProcessEnv, env } from '../../fixtures/env.js';
import { paths } from '../../fixtures/paths.js';
import { attachmentsUnder, readAllureResults } from '../../fixtures/report-checks/allure-results.js';
import { readZip } from '../../fixtures/report-checks/zip.js';
import { configuredSecrets } from '../../fixtures/report-checks/secrets.js';
import { scanForSecrets } from '../../fixtures/report-checks/secret-scan.js';
import { criteria, expect, test } from '../../fixtures/test.js';

/**
 * A flow that fails on purpose (flows/framework/probe/), run on its own: its Allure result carries the
 * trace with Allure's Playwright-trace content type and its screenshots, and nothing of the run holds
 * a password. It needs no other test's results, so it runs beside the flows rather than after them.
 */
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
