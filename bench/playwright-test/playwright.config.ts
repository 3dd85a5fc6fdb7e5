/**
 * The second baseline of `npm run bench` (a): the clicks of bench/disqualify-a-lead.ts as a plain
 * Playwright Test, with a configuration as a team would write it without this framework: Playwright's
 * webServer starts the same CRM and waits for it, one worker, the list reporter, no trace. Its time
 * over the raw script is what Playwright's runner costs; the framework's time over it is what the
 * framework adds (sign-in through the runner, the step evidence, the reports).
 *
 *   BENCH_PORT=4522 BENCH_OUTPUT_DIR=/tmp/x npx playwright test -c bench/playwright-test
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CRM_COMMAND, crmEnv } from '../disqualify-a-lead.js';

// a baseline knows nothing of fixtures/env.ts
/* eslint-disable no-restricted-properties */
const port = Number(process.env.BENCH_PORT ?? 4522);
const outputDir = process.env.BENCH_OUTPUT_DIR ?? path.join('/tmp', `bench-playwright-test-${port}`);
const executablePath = process.env.BENCH_BROWSER ?? '/usr/lib/chromium/chromium-headless-shell';
/* eslint-enable no-restricted-properties */
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: import.meta.dirname,
  outputDir: path.join(outputDir, 'test-results'),
  workers: 1,
  reporter: 'list',
  webServer: {
    command: `node ${CRM_COMMAND.join(' ')}`,
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    url: `${baseURL}/api/health`,
    env: crmEnv(port, path.join(outputDir, 'crm.db')),
    reuseExistingServer: false,
  },
  use: { baseURL, headless: true, locale: 'en-US', timezoneId: 'UTC', launchOptions: { executablePath, args: CHROMIUM_ARGS } },
});
