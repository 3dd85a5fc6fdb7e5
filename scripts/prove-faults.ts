/**
 * Proof of strength for the lead-to-cash (or service-ticket) flows: runs the given specs once with every defect switch
 * off (all must pass) and once per switch (at least one test must fail), each time against a fresh
 * bundled CRM started by Playwright's webServer with CRM_FAULTS=<switch>, and prints the
 * switch → failing tests table that docs/fault-detection.md records.
 *
 *   npx tsx scripts/prove-faults.ts                       # the sales switches, every lead-to-cash spec
 *   npx tsx scripts/prove-faults.ts --domain service      # the service switches, every service-ticket spec
 *   npx tsx scripts/prove-faults.ts --switch quote-tax-on-gross,overpayment-accepted
 *   npx tsx scripts/prove-faults.ts --specs flows/demo-crm/lead-to-cash-approvals.spec.ts --port 4391
 *
 * Slow by design (one full run per switch): meant for a nightly job or a manual check, not every CI
 * run. Exits non-zero when the clean run fails or a switch goes unnoticed. It replaces the run's
 * reports (Playwright JSON, Allure results) like any other run does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The sales-domain switches of kind calculation, workflow or data-sync, plus the two money/permission rules the flows own. */
export const SALES_SWITCHES = [
  'quote-line-rounding-truncates',
  'quote-tax-on-gross',
  'invoice-total-excludes-tax',
  'approval-threshold-20',
  'manager-approves-above-30',
  'quote-send-while-pending',
  'opportunity-not-closed-on-accept',
  'conversion-drops-phone',
  'account-revenue-stale',
  'dashboard-double-counts-won',
  'overpayment-accepted',
  'discount-editable-after-approval',
] as const;

/** The service-domain switches: SLA, workflow and portal visibility. */
export const SERVICE_SWITCHES = ['sla-pause-ignored', 'sla-breach-not-flagged', 'ticket-reopen-after-window', 'internal-note-in-portal'] as const;

/** Per process: its switches, and its specs as Playwright file filters (every flows/<process>*.spec.ts). */
const DOMAINS = {
  sales: { switches: SALES_SWITCHES, specs: ['flows/demo-crm/lead-to-cash'] },
  service: { switches: SERVICE_SWITCHES, specs: ['flows/demo-crm/service-ticket'] },
} as const;

interface Options {
  switches: string[];
  specs: string[];
  port: number;
  workers: number;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (flag: string): string[] | undefined => value(flag)?.split(',').map((s) => s.trim()).filter(Boolean);
  const port = Number(value('--port') ?? 4390);
  const workers = Number(value('--workers') ?? 2);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`--port must be a free TCP port (got ${value('--port')})`);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a whole number ≥ 1 (got ${value('--workers')})`);
  const domainName = value('--domain') ?? 'sales';
  if (!(domainName in DOMAINS)) throw new Error(`--domain must be ${Object.keys(DOMAINS).join(' or ')} (got ${domainName})`);
  const domain = DOMAINS[domainName as keyof typeof DOMAINS];
  return { switches: list('--switch') ?? [...domain.switches], specs: list('--specs') ?? [...domain.specs], port, workers };
}

interface JsonSpec {
  title: string;
  ok: boolean;
  tests: { projectName: string; results: { status: string; error?: { message?: string } }[] }[];
}
interface JsonSuite {
  title: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

interface RunResult {
  faults: string;
  passed: string[];
  failed: string[];
  /** the first line of each failure, to tell a caught defect from a broken run */
  reasons: string[];
  seconds: number;
  /** set when Playwright itself could not run (config error, CRM did not start) */
  crashed?: string;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function collect(suite: JsonSuite, out: { passed: string[]; failed: string[]; reasons: string[] }): void {
  for (const spec of suite.specs ?? []) {
    // the setup project's logins are not flows; only the browser projects' results count
    const flows = spec.tests.filter((t) => t.projectName !== 'setup' && t.projectName !== 'no-secrets');
    if (flows.length === 0) continue;
    (spec.ok ? out.passed : out.failed).push(spec.title);
    if (!spec.ok) {
      const message = flows.flatMap((t) => t.results).map((r) => r.error?.message).find(Boolean) ?? 'no error message';
      out.reasons.push(`${spec.title}: ${message.replace(ANSI, '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 4).join(' | ')}`);
    }
  }
  for (const child of suite.suites ?? []) collect(child, out);
}

const REPORT_DIR = path.resolve(import.meta.dirname, '..', 'reports', 'prove-faults');

function runOnce(faults: string, o: Options): RunResult {
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  // kept after the run (git-ignored) so a surprising result can be looked into
  const outputDir = path.join(REPORT_DIR, faults || 'all-off');
  // the configured reporters stay on (the Allure results are what the no-secrets check scans); the
  // JSON one writes into the run's own reports folder
  const report = path.join(outputDir, 'reports', 'playwright-results.json');
  fs.rmSync(report, { force: true });
  const started = Date.now();
  const child = spawnSync(
    'npx',
    ['playwright', 'test', ...o.specs, '--project=chromium', `--workers=${o.workers}`, '--retries=0'],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: {
        // eslint-disable-next-line no-restricted-properties -- a child process inherits the caller's environment on purpose
        ...process.env,
        START_CRM: 'true',
        CRM_BASE_URL: `http://127.0.0.1:${o.port}`,
        CRM_FAULTS: faults,
        BROWSER: 'chromium',
        // its own reports and test-results, so it never clears another run's artefacts (nor they its)
        FLOWS_OUTPUT_DIR: outputDir,
      },
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!fs.existsSync(report)) {
    return { faults, passed: [], failed: [], reasons: [], seconds, crashed: (child.stderr || child.stdout || `exit ${child.status}`).trim().split('\n').slice(-5).join(' | ') };
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { suites: JsonSuite[]; errors?: { message?: string }[] };
  const out = { passed: [] as string[], failed: [] as string[], reasons: [] as string[] };
  for (const suite of json.suites) collect(suite, out);
  const crashed = out.passed.length + out.failed.length === 0 ? (json.errors?.map((e) => e.message).join(' | ') || 'no flow ran') : undefined;
  return { faults, ...out, seconds, ...(crashed ? { crashed } : {}) };
}

function main(): void {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`prove-faults: ${(e as Error).message}`);
    process.exit(2);
  }
  const results: RunResult[] = [];
  for (const faults of ['', ...o.switches]) {
    process.stderr.write(`▶ ${faults || 'all switches off'} … `);
    const result = runOnce(faults, o);
    results.push(result);
    process.stderr.write(`${result.crashed ? `could not run: ${result.crashed}` : `${result.failed.length} failed, ${result.passed.length} passed`} (${result.seconds}s)\n`);
    for (const reason of result.reasons) process.stderr.write(`    ✘ ${reason}\n`);
  }

  const [clean, ...switched] = results;
  const lines = ['| defect switch | tests that turn red | run time |', '| --- | --- | --- |'];
  for (const r of switched) {
    const verdict = r.crashed ? `**could not run**: ${r.crashed}` : r.failed.length ? r.failed.join('<br>') : '**NOT CAUGHT**';
    lines.push(`| \`${r.faults}\` | ${verdict} | ${r.seconds}s |`);
  }
  const cleanVerdict = clean?.crashed ? `could not run: ${clean.crashed}` : `${clean?.passed.length ?? 0} passed, ${clean?.failed.length ?? 0} failed${clean?.failed.length ? `: ${clean.failed.join('; ')}` : ''}`;
  console.log(`All switches off: ${cleanVerdict} (${clean?.seconds ?? 0}s)\n`);
  console.log(lines.join('\n'));

  const uncaught = switched.filter((r) => r.crashed || r.failed.length === 0).map((r) => r.faults);
  const cleanOk = clean !== undefined && !clean.crashed && clean.failed.length === 0;
  if (!cleanOk || uncaught.length > 0) {
    console.error(`\nProof failed: ${cleanOk ? '' : 'the clean run is not green; '}${uncaught.length ? `not caught: ${uncaught.join(', ')}` : ''}`);
    process.exit(1);
  }
  console.log(`\nEvery switch turned at least one test red; none did with all switches off.`);
}

main();
