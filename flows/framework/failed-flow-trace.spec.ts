import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childProcessEnv, env } from '../../fixtures/env.js';
import { paths } from '../../fixtures/paths.js';
import { attachmentsUnder, readAllureResults, type AllureAttachment } from '../../fixtures/report-checks/allure-results.js';
import { readZip } from '../../fixtures/report-checks/zip.js';
import { configuredSecrets } from '../../fixtures/report-checks/secrets.js';
import { scanForSecrets } from '../../fixtures/report-checks/secret-scan.js';
import { criteria, expect, test } from '../../fixtures/test.js';

const TRACE = 'application/vnd.allure.playwright-trace';

/**
 * A flow that fails on purpose (flows/framework/probe/), run on its own: its first attempt carries its
 * step screenshot, the screenshot of the page when it failed and the error's page snapshot; its retry
 * carries the full trace (each action's DOM snapshot and the screencast) with Allure's Playwright-trace
 * content type; nothing of the run holds a password. It needs no other test's results, so it runs
 * beside the flows rather than after them.
 */
test('a failed flow is retried once with its full trace attached for Allure\'s trace viewer, with no password inside @framework', async ({}, testInfo) => {
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
  const attempts = readAllureResults(resultsDir).sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  expect(attempts.map((a) => a.status), 'the probe\'s attempts: the first and its one retry').toEqual(['failed', 'failed']);
  const [first, retry] = attempts.map(attachmentsUnder) as [AllureAttachment[], AllureAttachment[]];
  const listed = (as: AllureAttachment[]) => as.map((a) => `${a.name} (${a.type})`).join(', ');

  expect(first.filter((a) => a.type === 'image/png').length, `step screenshot and failure screenshot of the first attempt: ${listed(first)}`).toBeGreaterThanOrEqual(2);
  expect(first.some((a) => a.name === 'error-context'), `the error's page snapshot of the first attempt: ${listed(first)}`).toBe(true);
  expect(first.some((a) => a.type === TRACE), `the first attempt records no trace: ${listed(first)}`).toBe(false);

  const trace = retry.find((a) => a.type === TRACE);
  expect(trace, `the retry's attachments: ${listed(retry)}`).toBeDefined();
  const entries = readZip(fs.readFileSync(path.join(resultsDir, trace!.source)));
  const events = entries.filter((e) => e.name.endsWith('.trace')).map((e) => e.data.toString('utf8')).join('\n');
  expect(events, 'the trace\'s DOM snapshots').toContain('"type":"frame-snapshot"');
  expect(events, 'the trace\'s screencast frames').toContain('"type":"screencast-frame"');

  const { findings } = scanForSecrets([outputDir], configuredSecrets());
  expect(findings).toEqual([]);
});
