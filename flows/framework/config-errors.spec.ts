import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { signInInChildProcess } from '../../fixtures/auth/sign-in-child.js';
import { childProcessEnv, env } from '../../fixtures/env.js';
import { paths } from '../../fixtures/paths.js';
import { describeFlow, expect, test } from '../../fixtures/test.js';

/**
 * What a new user sees when the setup is wrong: one readable line per problem (variable, what is
 * wrong, a good example) and an exit before any browser or server starts. Each case runs a real
 * command in a child process with its own output folder; loading playwright.config.ts is the same
 * first step `npx playwright test` takes.
 */
function childOptions(overrides: Record<string, string | undefined>, outputDir: string) {
  return { cwd: paths.root, env: childProcessEnv({ FLOWS_OUTPUT_DIR: outputDir, FORCE_COLOR: '0', ...overrides }) };
}

function run(args: string[], overrides: Record<string, string | undefined>, outputDir: string) {
  const result = spawnSync(args[0]!, args.slice(1), { ...childOptions(overrides, outputDir), encoding: 'utf8', timeout: 150_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** As `run`, without blocking this process: for a case where this test must go on answering. */
async function runAlongside(args: string[], overrides: Record<string, string | undefined>, outputDir: string) {
  const child = spawn(args[0]!, args.slice(1), childOptions(overrides, outputDir));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, output };
}

const loadConfig = ['node', '--import', 'tsx', '--input-type=module', '-e', "await import('./playwright.config.ts'); console.log('CONFIG LOADED');"];
const playwright = path.join(paths.root, 'node_modules', '.bin', 'playwright');

interface ReportSuite { suites?: ReportSuite[]; specs?: { tests: { results: { errors: { message?: string }[] }[] }[] }[] }

/** The first error of every test result in a Playwright JSON report. */
function testErrors(suite: ReportSuite): string[] {
  const own = (suite.specs ?? []).flatMap((spec) => spec.tests.flatMap((t) => t.results.map((r) => r.errors[0]?.message ?? '')));
  return [...own, ...(suite.suites ?? []).flatMap(testErrors)];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test.beforeEach(async () => {
  await describeFlow({ epic: 'Framework', feature: 'Configuration', story: 'Clear messages for a broken setup', severity: 'normal', owner: 'framework' });
});

test('bad .env values stop `playwright test` with one line per variable and an example @framework', async ({}, testInfo) => {
  const { status, output } = run([playwright, 'test', '--list'], { FAKER_LOCALE: 'fr', HEADLESS: 'maybe', CRM_BASE_URL: 'ftp://crm', TEST_TIMEOUT_MS: 'soon' }, testInfo.outputPath());

  expect(status).toBe(2);
  expect(output).toContain('CRM Flows configuration is invalid');
  expect(output).toContain('FAKER_LOCALE must be en or zh_CN (got "fr"). Example: FAKER_LOCALE=zh_CN');
  expect(output).toContain('HEADLESS must be true or false (got "maybe"). Example: HEADLESS=false');
  expect(output).toContain('CRM_BASE_URL must be an http:// or https:// URL (got "ftp://crm"). Example: CRM_BASE_URL=http://127.0.0.1:4310');
  expect(output).toContain('TEST_TIMEOUT_MS must be a number of milliseconds (got "soon"). Example: TEST_TIMEOUT_MS=60000');
  expect(output, 'nothing was listed, so nothing would have run').not.toMatch(/Total: \d+ tests?/);
});

test('a bad password is reported without echoing it @framework', async ({}, testInfo) => {
  const secret = `Leak${'x'.repeat(200)}`;
  const { status, output } = run(loadConfig, { ROLE_FINANCE_PASSWORD: secret }, testInfo.outputPath());

  expect(status).toBe(2);
  expect(output).toContain('ROLE_FINANCE_PASSWORD must be at most 200 characters (the value is hidden)');
  expect(output).not.toContain(secret.slice(0, 20));
  expect(output).not.toContain('CONFIG LOADED');
});

test('an external CRM without a URL, or a missing ENV_FILE, is named plainly @framework', async ({}, testInfo) => {
  const noUrl = run(loadConfig, { START_CRM: 'false', CRM_BASE_URL: undefined }, testInfo.outputPath('no-url'));
  expect(noUrl.status).toBe(2);
  expect(noUrl.output).toContain('CRM_BASE_URL is required when START_CRM=false');

  const noFile = run(loadConfig, { ENV_FILE: '.env.does-not-exist' }, testInfo.outputPath('no-file'));
  expect(noFile.status).toBe(2);
  expect(noFile.output).toContain('ENV_FILE names a file that does not exist (got ".env.does-not-exist")');
});

test('a missing browser is named with the commands that install one @framework', async ({}, testInfo) => {
  const { status, output } = run(loadConfig, { BROWSER_EXECUTABLE: '/nonexistent/chromium' }, testInfo.outputPath());

  expect(status).toBe(2);
  expect(output).toContain('CRM Flows cannot run: no usable browser.');
  expect(output).toContain('BROWSER_EXECUTABLE points at /nonexistent/chromium, which does not exist');
  expect(output).toContain('apt-get install -y chromium');
  expect(output).toContain('npx playwright install chromium');
});

test('an unreachable CRM stops the run before any test with a message saying what to do @framework', async ({}, testInfo) => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const { status, output } = run([playwright, 'test', 'flows/framework/smoke.spec.ts', '--project=chromium', '--no-deps'], { START_CRM: 'false', CRM_BASE_URL: url }, testInfo.outputPath());

  expect(status).not.toBe(0);
  expect(output).toContain(`The CRM at ${url} is not reachable (ECONNREFUSED). Start it (npm run crm), let the flows start the bundled one (START_CRM=true), or fix CRM_BASE_URL.`);
  expect(output).not.toMatch(/\d+ passed/);
});

test('a run whose --reporter option replaces the configured reporters still waits for its bundled CRM and signs in @framework', async ({}, testInfo) => {
  const url = `http://127.0.0.1:${await freePort()}`;
  // the sign-in reporter is left out: without it, workers waited for what it would have recorded, until the timeout
  const { status, output } = run(
    [playwright, 'test', 'flows/framework/smoke.spec.ts', '-g', 'finance opens', '--project=chromium', '--no-deps', '--reporter=line'],
    { START_CRM: 'true', CRM_BASE_URL: url, CRM_START_TIMEOUT_MS: '30000' },
    testInfo.outputPath(),
  );

  expect(output).toContain('1 passed');
  expect(status, output).toBe(0);
});

test('a bundled CRM that cannot start stops the run at once with its own reason @framework', async ({}, testInfo) => {
  // not a CRM: something that holds the port, takes each connection and drops it
  const squatter = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(squatter.address() as net.AddressInfo).port}`;
  try {
    const { status, output } = await runAlongside(
      [playwright, 'test', 'flows/framework/smoke.spec.ts', '--project=chromium', '--no-deps'],
      // a wait for the start to time out would take this long, and say so
      { START_CRM: 'true', CRM_BASE_URL: url, CRM_START_TIMEOUT_MS: '30000' },
      testInfo.outputPath(),
    );

    expect(status).toBe(2);
    expect(output).toContain('[WebServer] Cannot start the CRM: port already in use');
    expect(output).toContain(`CRM Flows cannot run: the bundled CRM stopped before it answered at ${url}. What it said is above, in the lines marked [WebServer].`);
    expect(output).not.toMatch(/did not answer|Timed out|\d+ (passed|failed)/);
  } finally {
    squatter.close();
  }
});

test('a password the CRM refuses is tried once: every test that needs the role fails with the reason, and the account is not locked @framework', async ({}, testInfo) => {
  test.setTimeout(240_000);
  const wrong = 'Not-the-password-7';
  const outputDir = testInfo.outputPath('nested');
  // three tests that need the auditor and the retry of each, against this run's CRM, in a run that keeps its own sessions
  const { status, output } = run(
    [playwright, 'test', 'flows/framework/smoke.spec.ts', '-g', 'auditor opens', '--repeat-each=3', '--project=chromium'],
    { START_CRM: 'false', CRM_BASE_URL: env.crmBaseUrl, ROLE_AUDITOR_PASSWORD: wrong },
    outputDir,
  );

  expect(status).toBe(1);
  expect(output).not.toContain(wrong);
  const failures = testErrors(JSON.parse(fs.readFileSync(path.join(outputDir, 'reports', 'playwright-results.json'), 'utf8')) as ReportSuite);
  expect(failures, `the three tests and the retry of each:\n${output.slice(-2_000)}`).toHaveLength(6);
  for (const message of failures) expect(message).toMatch(/^Error: Auditor .+ \(auditor\) could not sign in through the login page in this run: Sign-in as "auditor\.eve" did not reach/);
  // six attempts would have locked the account (after 5); one leaves it usable
  await expect(signInInChildProcess('auditor', testInfo.outputPath('auditor.json')), 'the auditor still signs in with the right password').resolves.toBeUndefined();
});
