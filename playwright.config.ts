import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { playwrightFfmpegInstalled, resolveBrowsers } from './fixtures/browser.js';
import { env } from './fixtures/env.js';
import { crmDbFile, paths } from './fixtures/paths.js';
import { reporters } from './fixtures/reporting.js';

/**
 * Projects, in order: `setup` signs every role in once through the real login pages; one project per
 * installed browser runs the flows; `allure-results` then proves the report data is complete; and
 * `no-secrets` (setup's teardown, so it runs last even after failures) scans every artefact for
 * the configured passwords.
 */
const plan = resolveBrowsers(env);
if (plan.problems.length > 0) {
  console.error(`CRM Flows cannot run: no usable browser.\n  ${plan.problems.join('\n  ')}`);
  process.exit(2);
}
const [primary] = plan.projects;
if (!primary) throw new Error('unreachable: a plan without problems has a browser');

const crmPort = Number(new URL(env.crmBaseUrl).port || 80);
// absolute, so configurations that extend this one from another folder resolve the same files
const flowsDir = path.join(paths.root, 'flows');
const frameworkDir = path.join(flowsDir, 'framework');
const REPORT_CHECKS = ['**/framework/allure-results.spec.ts', '**/framework/no-secrets-in-reports.spec.ts'];
/**
 * The permission matrix runs once, in its own project (it is about the CRM's rules, not the browser),
 * so that its report project can run after it without making a `--grep` run pull in every flow.
 */
const PERMISSION_SPECS = '**/permissions-*.spec.ts';

const webServer: PlaywrightTestConfig['webServer'] = env.startCrm
  ? {
      command: 'node --import tsx demo-crm/src/main.ts --reset',
      url: `${env.crmBaseUrl}/api/health`,
      cwd: paths.root,
      env: {
        CRM_PORT: String(crmPort),
        CRM_HOST: new URL(env.crmBaseUrl).hostname,
        CRM_DB_FILE: crmDbFile(crmPort),
        CRM_TEST_MODE: '1',
        CRM_FAULTS: env.crmFaults,
      },
      reuseExistingServer: false,
      timeout: env.timeouts.crmStart,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    }
  : undefined;

export default defineConfig({
  testDir: flowsDir,
  outputDir: paths.testResults,
  fullyParallel: true,
  forbidOnly: env.ci,
  retries: 0,
  workers: env.workers ?? (env.ci ? 2 : undefined),
  timeout: env.timeouts.test,
  expect: { timeout: env.timeouts.expect },
  globalSetup: path.join(paths.root, 'fixtures', 'global-setup.ts'),
  reporter: reporters(plan.projects),
  webServer,
  use: {
    baseURL: env.crmBaseUrl,
    headless: env.headless,
    actionTimeout: env.timeouts.action,
    navigationTimeout: env.timeouts.navigation,
    trace: 'retain-on-failure',
    // a remote browser server records video itself; locally it needs Playwright's ffmpeg
    video: env.wsEndpoint || playwrightFfmpegInstalled() ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    locale: env.fakerLocale === 'zh_CN' ? 'zh-CN' : 'en-US',
    timezoneId: 'UTC',
  },
  projects: [
    {
      name: 'setup',
      testDir: frameworkDir,
      testMatch: /roles\.setup\.ts$/,
      teardown: 'no-secrets',
      // The login page is the one place a password is typed: nothing of it is recorded.
      use: { ...primary.use, trace: 'off', video: 'off', screenshot: 'off' },
    },
    ...plan.projects.map((browser) => ({
      name: browser.name,
      use: browser.use,
      dependencies: ['setup'],
      // the framework's own checks need one browser, not every one
      testIgnore: browser === primary ? [...REPORT_CHECKS, PERMISSION_SPECS] : ['**/framework/**', PERMISSION_SPECS],
    })),
    {
      name: 'permissions',
      testMatch: /permissions-(?!report\.)[\w-]+\.spec\.ts$/,
      // Some 650 page loads: DOM snapshots in the trace cost a fifth of the run. A red cell is
      // explained by the matrix report (expected, observed, the URL and what it showed); the trace
      // keeps its actions, network log and screencast.
      use: { ...primary.use, trace: { mode: 'retain-on-failure', snapshots: false, screenshots: true, sources: true } },
      dependencies: ['setup'],
    },
    {
      // joins what every permission test observed into reports/permissions-matrix.html
      name: 'permissions-report',
      testMatch: /permissions-report\.spec\.ts$/,
      use: primary.use,
      dependencies: ['permissions'],
    },
    {
      name: 'allure-results',
      testDir: frameworkDir,
      testMatch: /allure-results\.spec\.ts$/,
      dependencies: plan.projects.map((b) => b.name),
    },
    {
      name: 'no-secrets',
      testDir: frameworkDir,
      testMatch: /no-secrets-in-reports\.spec\.ts$/,
    },
  ],
});
