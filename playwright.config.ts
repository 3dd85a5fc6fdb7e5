import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { playwrightFfmpegInstalled, resolveBrowsers } from './fixtures/browser.js';
import { bundledCrmWebServer } from './fixtures/bundled-crm.js';
import { env, nodeExtraCaCerts, profile } from './fixtures/env.js';
import { crmDbFile, paths } from './fixtures/paths.js';
import { reporters } from './fixtures/reporting.js';
import { runCertificate } from './fixtures/tls.js';

/**
 * Projects, in order: one project per installed browser runs the flows (and `permissions` the
 * permission matrix); `allure-results` then proves the report data is complete and `after-suite`
 * checks what the run left on the shared CRM. Around them, in the runner process: global setup checks
 * that a CRM the run did not start answers; the sign-in reporter waits for the bundled one (it starts
 * while the workers start) and signs in the roles the selected tests use through the real login
 * pages; global teardown (also after failures) scans every artefact for the configured passwords. No
 * worker process is spent on any of them.
 */
const crmUrl = new URL(env.crmBaseUrl);
const server = profile.capabilities.bundledServer;
/** A bundled CRM over HTTPS serves the run's own certificate, which only this run trusts (fixtures/tls.ts). */
const tls = crmUrl.protocol === 'https:' && env.startCrm && server ? runCertificate(paths.workDir, env.crmBaseUrl) : undefined;
if (tls && nodeExtraCaCerts !== tls.certFile) {
  console.error(`CRM Flows cannot run: the bundled CRM at ${env.crmBaseUrl} serves this run's own certificate, which Node must trust from its start.\n  Run through \`npm run flows\` (it does that), or prefix the command with NODE_EXTRA_CA_CERTS=${path.relative(process.cwd(), tls.certFile)}`);
  process.exit(2);
}
const plan = resolveBrowsers(env);
if (plan.problems.length > 0) {
  console.error(`CRM Flows cannot run: no usable browser.\n  ${plan.problems.join('\n  ')}`);
  process.exit(2);
}
const [primary] = plan.projects;
if (!primary) throw new Error('unreachable: a plan without problems has a browser');

const crmPort = Number(crmUrl.port || (crmUrl.protocol === 'https:' ? 443 : 80));
// absolute, so configurations that extend this one from another folder resolve the same files
const flowsDir = path.join(paths.root, 'flows');
const frameworkDir = path.join(flowsDir, 'framework');
/** The flows of the CRM under test: flows/<CRM_PROFILE>/. */
const profileFlowsDir = path.join(flowsDir, profile.name);
const REPORT_CHECKS = ['**/framework/allure-results.spec.ts'];
/**
 * A profile's permission matrix (flows/<profile>/permissions/) runs once, in its own project: it is
 * about the CRM's rules, not the browser, and its report project runs after it without making a
 * `--grep` run pull in every flow.
 */
const permissionsDir = path.join(profileFlowsDir, 'permissions');
const hasPermissionMatrix = fs.existsSync(permissionsDir);
/**
 * Checks of what the whole run left on the shared CRM (flows/<profile>/after-suite/, e.g. an integrity
 * sweep): their project runs once every project that writes to that CRM is done.
 */
const afterSuiteDir = path.join(profileFlowsDir, 'after-suite');
const hasAfterSuite = fs.existsSync(afterSuiteDir);

// Counted as started once its process runs (fixtures/bundled-crm.ts); the url still tells Playwright
// that the port is taken by something else.
const webServer: PlaywrightTestConfig['webServer'] = env.startCrm && server
  ? {
      ...bundledCrmWebServer(server.command),
      url: `${env.crmBaseUrl}${server.readyPath}`,
      cwd: paths.root,
      env: server.env({ port: crmPort, host: crmUrl.hostname, dbFile: crmDbFile(crmPort), faults: env.crmFaults, https: crmUrl.protocol === 'https:', ...(tls ? { tls } : {}) }),
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
  // A failed test runs once more, recording the full trace (below), so the report tells a steady failure
  // from a flaky one; a test that passes only on its retry still fails the run and AC-STAB-01.
  retries: 1,
  failOnFlakyTests: true,
  // Playwright's default is half the cores: one on a 2-core machine, where two finish the CPU-bound
  // suite sooner (285 s with one, 248 s with two, docs/performance.md). WORKERS overrides it.
  workers: env.workers ?? Math.max(2, Math.floor(os.availableParallelism() / 2)),
  timeout: env.timeouts.test,
  expect: {
    timeout: env.timeouts.expect,
    // Visual baselines sit beside their spec, one folder per browser project, without a platform
    // suffix: CI draws them with the same Debian Chromium headless shell, which draws the same pixels
    // each run. A count, not a ratio: the quote's discount values hidden changed less than 1 % of its
    // page, and passed a 1 % ratio.
    toHaveScreenshot: { pathTemplate: '{testDir}/{testFileDir}/__screenshots__/{projectName}/{arg}{ext}', maxDiffPixels: 25 },
  },
  globalSetup: path.join(paths.root, 'fixtures', 'global-setup.ts'),
  globalTeardown: path.join(paths.root, 'fixtures', 'global-teardown.ts'),
  reporter: reporters(plan.projects),
  webServer,
  use: {
    baseURL: env.crmBaseUrl,
    headless: env.headless,
    actionTimeout: env.timeouts.action,
    navigationTimeout: env.timeouts.navigation,
    // Recorded on the retry of a failed test only, then in full (each action's DOM snapshots, the
    // screencast, the sources): recording it on every first attempt, to throw it away when the test
    // passed, cost the flows a fifth of their CPU and the whole suite 7 % (docs/performance.md). A first
    // failure has its step screenshots, the screenshot of the page when it failed and the error's page
    // snapshot.
    trace: { mode: 'on-first-retry', snapshots: true, screenshots: true, sources: true },
    // a remote browser server records video itself; locally it needs Playwright's ffmpeg
    video: env.wsEndpoint || playwrightFfmpegInstalled() ? 'on-first-retry' : 'off',
    screenshot: 'only-on-failure',
    locale: env.fakerLocale === 'zh_CN' ? 'zh-CN' : 'en-US',
    timezoneId: 'UTC',
  },
  projects: [
    ...plan.projects.map((browser) => ({
      name: browser.name,
      use: browser.use,
      // the flows of the CRM under test, and the framework's own checks (which need one browser, not every one)
      testMatch: browser === primary ? [`${profile.name}/**/*.spec.ts`, 'framework/**/*.spec.ts'] : [`${profile.name}/**/*.spec.ts`],
      testIgnore: [...REPORT_CHECKS, `${profile.name}/permissions/**`, `${profile.name}/after-suite/**`],
    })),
    ...(hasPermissionMatrix
      ? [
          {
            name: 'permissions',
            testDir: permissionsDir,
            testIgnore: /report\.spec\.ts$/,
            use: primary.use,
          },
          {
            // joins what every permission test observed into reports/permissions-matrix.html
            name: 'permissions-report',
            testDir: permissionsDir,
            testMatch: /report\.spec\.ts$/,
            use: primary.use,
            dependencies: ['permissions'],
          },
        ]
      : []),
    // Proves this run's Allure data from the browser projects' results, so it depends on them. A shard
    // of a sharded run (FLOWS_BLOB_REPORT) leaves it out: a dependency is never sharded, so every shard
    // would run every flow; the nightly merge job checks that each shard left its results instead.
    // The after-suite checks likewise. Both are left out of a run filtered to other tests (a file, -g,
    // a tag), as their own tests do not match: only a project with tests pulls in its dependencies,
    // and those then run unfiltered.
    ...(env.blobReport
      ? []
      : [
          {
            name: 'allure-results',
            testDir: frameworkDir,
            testMatch: /allure-results\.spec\.ts$/,
            dependencies: plan.projects.map((b) => b.name),
          },
          ...(hasAfterSuite
            ? [
                {
                  name: 'after-suite',
                  testDir: afterSuiteDir,
                  use: primary.use,
                  dependencies: [...plan.projects.map((b) => b.name), ...(hasPermissionMatrix ? ['permissions'] : [])],
                },
              ]
            : []),
        ]),
  ],
});
