/**
 * The committed baseline of `npm run bench`: a hand-written Playwright script, playwright-core only
 * and nothing of the framework, doing the clicks of
 * flows/demo-crm/lead-to-cash-lead-exceptions.spec.ts › "a disqualified lead keeps its reason and can
 * no longer be converted", with the CRM start included as the framework's run includes it:
 *
 *   start the bundled CRM (--reset, test mode) and wait until it listens
 *   sign the sales rep (rep.li) in through the real login page, the one role the test uses
 *   create a lead and move it to Working by API (the test's "Given")
 *   open the lead, Disqualify with a reason in the dialog, check status, reason, read-only notice,
 *     no Convert button, no "Move to Qualified"
 *   the API refuses to convert it (409) and the lead is still Disqualified, with nothing converted
 *   close the browser and stop the CRM
 *
 * Run: node --import tsx bench/raw-lead-to-cash.ts [--port 4521] [--executable <chromium>] [--db <file>]
 * Prints one JSON line: { ok, wallMs, phases }.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';

const started = performance.now();
const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '4521' },
    executable: { type: 'string', default: '/usr/lib/chromium/chromium-headless-shell' },
    db: { type: 'string' },
  },
});
const port = Number(args.port);
const baseURL = `http://127.0.0.1:${port}`;
const dbFile = args.db ?? path.join('/tmp', `bench-raw-crm-${port}.db`);
const phases: Record<string, number> = {};
const mark = (name: string, since: number) => {
  phases[name] = Math.round(performance.now() - since);
};

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** Starts the CRM the way the framework's webServer does and resolves once it says it listens. */
async function startCrm(): Promise<ChildProcess> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  const crm = spawn(process.execPath, ['--import', 'tsx', 'demo-crm/src/main.ts', '--reset'], {
    cwd: root,
    // the baseline uses nothing of the framework, so not fixtures/env.ts either
    // eslint-disable-next-line no-restricted-properties
    env: { ...process.env, CRM_PORT: String(port), CRM_HOST: '127.0.0.1', CRM_DB_FILE: dbFile, CRM_TEST_MODE: '1', CRM_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: crm.stdout! });
  const deadline = AbortSignal.timeout(60_000);
  const listening = (async () => {
    for await (const line of lines) if (line.includes('listening on')) return;
    throw new Error('the CRM exited before it listened');
  })();
  const timedOut = once(deadline, 'abort').then(() => {
    throw new Error('the CRM did not listen within 60 s');
  });
  await Promise.race([listening, timedOut]);
  lines.on('line', () => undefined); // keep draining its output
  const health = await fetch(`${baseURL}/api/health`);
  check(health.ok, `GET /api/health answered ${health.status}`);
  return crm;
}

async function stopCrm(crm: ChildProcess): Promise<void> {
  if (crm.exitCode !== null) return;
  const exited = once(crm, 'exit');
  crm.kill('SIGTERM');
  await exited;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^\s*Username(\s*\*)?\s*$/).fill(username);
  await page.getByLabel(/^\s*Password(\s*\*)?\s*$/).fill(password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  check(new URL(page.url()).pathname === '/', `sign-in as ${username} lands on the dashboard, not ${page.url()}`);
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
}

async function main(): Promise<void> {
  let t = performance.now();
  const crm = await startCrm();
  mark('crmStart', t);
  try {
    t = performance.now();
    const browser = await chromium.launch({
      executablePath: args.executable,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
    });
    mark('browserLaunch', t);
    try {
      const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'UTC' });
      const page = await context.newPage();
      t = performance.now();
      await signIn(page, 'rep.li', 'RepLi#Flows2026');
      mark('signIn', t);

      // Given: a lead, captured and being worked (by API, with the browser's session)
      t = performance.now();
      const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
      const headers = { 'X-CSRF-Token': session.csrfToken, accept: 'application/json' };
      const tag = `raw${Date.now().toString(36)}`;
      const created = await page.request.post('/api/leads', {
        headers,
        data: { firstName: 'Rita', lastName: 'Baseline', company: `${tag} Baseline Metals`, email: `rita.${tag}@example.test`, phone: '+1 555 0100 200', source: 'Web' },
      });
      check(created.status() === 201 || created.status() === 200, `POST /api/leads answered ${created.status()}`);
      const lead = (await created.json()) as { id: number };
      const working = await page.request.post(`/api/leads/${lead.id}/status`, { headers, data: { status: 'Working' } });
      check(working.ok(), `POST /api/leads/${lead.id}/status answered ${working.status()}`);
      mark('given', t);

      // When: the rep disqualifies the lead with a reason
      t = performance.now();
      const reason = `No budget before next fiscal year (${tag})`;
      const main = page.getByRole('main');
      await page.goto(`/leads/${lead.id}`);
      await main.getByRole('heading', { level: 1 }).waitFor();
      await main.getByRole('button', { name: 'Disqualify', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Disqualify lead' });
      await dialog.waitFor();
      await dialog.getByLabel(/^\s*Reason(\s*\*)?\s*$/).fill(reason);
      await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Disqualify', exact: true }).click()]);

      // Then: status, reason, read-only, and no way forward
      await main.getByTestId('status').filter({ hasText: /^\s*Disqualified\s*$/ }).waitFor();
      check((await page.getByTestId('field-disqualifyReason').innerText()).trim() === reason, 'the reason is shown');
      await page.getByTestId('read-only-notice').waitFor();
      check((await main.getByRole('button', { name: 'Convert lead', exact: true }).count()) === 0, 'no Convert lead button');
      check((await main.getByRole('button', { name: 'Move to Qualified', exact: true }).count()) === 0, 'no Move to Qualified button');
      mark('disqualify', t);

      // And: the API refuses the conversion and nothing was converted
      t = performance.now();
      const convert = await page.request.post(`/api/leads/${lead.id}/convert`, {
        headers,
        data: { createOpportunity: true, opportunityName: `${tag} never`, closeDate: '2026-02-14' },
      });
      check(convert.status() === 409, `converting a disqualified lead answers 409, got ${convert.status()}`);
      const after = (await (await page.request.get(`/api/leads/${lead.id}`, { headers: { accept: 'application/json' } })).json()) as Record<string, unknown>;
      check(after.status === 'Disqualified', 'the lead is still Disqualified');
      check([after.convertedAccountId, after.convertedContactId, after.convertedOpportunityId].every((v) => v === null), 'the lead created no account, contact or opportunity');
      mark('refusedConversion', t);
      await context.close();
    } finally {
      await browser.close();
    }
  } finally {
    t = performance.now();
    await stopCrm(crm);
    mark('crmStop', t);
  }
}

main().then(
  () => {
    mark('wall', started);
    console.log(JSON.stringify({ ok: true, wallMs: phases.wall, phases }));
  },
  (err: unknown) => {
    console.log(JSON.stringify({ ok: false, error: (err as Error).message, phases }));
    process.exitCode = 1;
  },
);
