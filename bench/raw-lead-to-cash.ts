/**
 * The committed baseline of `npm run bench`: a hand-written Playwright script, playwright-core only
 * and nothing of the framework, doing the clicks of bench/disqualify-a-lead.ts, with the CRM start
 * included as the framework's run includes it: start the bundled CRM (--reset, test mode) and wait
 * until it listens, launch the browser, do the clicks, close the browser and stop the CRM.
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
import { chromium } from 'playwright-core';
import { check, CHROMIUM_ARGS, CRM_COMMAND, crmEnv, disqualifyALead } from './disqualify-a-lead.js';

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

/** Starts the CRM the way the framework's webServer does and resolves once it says it listens. */
async function startCrm(): Promise<ChildProcess> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  const crm = spawn(process.execPath, CRM_COMMAND, {
    cwd: root,
    // the baseline uses nothing of the framework, so not fixtures/env.ts either
    // eslint-disable-next-line no-restricted-properties
    env: { ...process.env, ...crmEnv(port, dbFile) },
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

async function main(): Promise<void> {
  let t = performance.now();
  const crm = await startCrm();
  mark('crmStart', t);
  try {
    t = performance.now();
    const browser = await chromium.launch({
      executablePath: args.executable,
      args: CHROMIUM_ARGS,
    });
    mark('browserLaunch', t);
    try {
      const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'UTC' });
      const page = await context.newPage();
      await disqualifyALead(page, mark);
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
