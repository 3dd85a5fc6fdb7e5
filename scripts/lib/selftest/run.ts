import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { classify, noReport, outcomes, type Classification, type Outcome, type PwReport } from './classify.js';
import { passArgs, type Pass } from './plan.js';

/** Running one Playwright invocation of the self-test against a fresh bundled CRM, and reading what it left. */

export interface RunSpec {
  root: string;
  profile: string;
  port: number;
  faults: string;
  outputDir: string;
  pass: Pass;
  workers: number;
  /** stop the run after this long (ms) */
  budgetMs?: number;
}

export interface RunResult {
  classification: Classification;
  report?: PwReport;
  /** the report's test root (Playwright's rootDir), to make its file paths repository-relative */
  rootDir?: string;
  exitCode: number | null;
  seconds: number;
  started: number;
}

const running = new Set<number>();

/** Stops every Playwright run still going (their process groups: browsers and the CRM included). */
export function stopAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function childEnv(spec: Pick<RunSpec, 'port' | 'faults' | 'outputDir' | 'profile'>): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- a child run inherits the caller's environment (PATH, browser settings) on purpose
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  // each run gets its own run id (its permission observations and run info are its own)
  delete inherited.FLOWS_RUN_ID;
  delete inherited.WORKERS;
  return {
    ...inherited,
    CRM_PROFILE: spec.profile,
    START_CRM: 'true',
    CRM_BASE_URL: `http://127.0.0.1:${spec.port}`,
    CRM_FAULTS: spec.faults,
    BROWSER: 'chromium',
    FLOWS_OUTPUT_DIR: spec.outputDir,
  };
}

export async function runPlaywright(spec: RunSpec): Promise<RunResult> {
  const started = Date.now();
  const reportFile = path.join(spec.outputDir, 'reports', 'playwright-results.json');
  fs.mkdirSync(spec.outputDir, { recursive: true });
  fs.rmSync(reportFile, { force: true });
  // figures of an earlier self-test in the same folder must not be judged as this run's
  fs.rmSync(path.join(spec.outputDir, 'reports', 'figures'), { recursive: true, force: true });
  const log = fs.openSync(path.join(spec.outputDir, 'selftest-run.log'), 'w');
  const args = passArgs(spec.pass, spec.workers, spec.budgetMs);
  fs.writeSync(log, `$ CRM_FAULTS=${spec.faults} CRM_BASE_URL=http://127.0.0.1:${spec.port} FLOWS_OUTPUT_DIR=${spec.outputDir} npx ${args.map((a) => (/[\s|()'"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n\n`);
  let tail = '';
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', args, { cwd: spec.root, env: childEnv(spec), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) running.add(child.pid);
    const keep = (d: Buffer) => {
      fs.writeSync(log, d);
      tail = (tail + d.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => {
      tail += `\n${error.message}`;
      resolve(null);
    });
    child.on('close', (code) => {
      if (child.pid) running.delete(child.pid);
      resolve(code);
    });
  });
  fs.closeSync(log);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!fs.existsSync(reportFile)) return { classification: noReport(exitCode, tail), exitCode, seconds, started };
  let report: PwReport & { config?: { rootDir?: string } };
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as PwReport & { config?: { rootDir?: string } };
  } catch (error) {
    return { classification: noReport(exitCode, `unreadable report: ${(error as Error).message}`), exitCode, seconds, started };
  }
  return { classification: classify(report), report, ...(report.config?.rootDir ? { rootDir: report.config.rootDir } : {}), exitCode, seconds, started };
}

/** A test's file as the repository knows it: flows/demo-crm/x.spec.ts. */
export function repoFile(root: string, rootDir: string | undefined, file: string): string {
  const absolute = path.resolve(rootDir ?? path.join(root, 'flows'), file);
  return path.relative(root, absolute).split(path.sep).join('/');
}

/** The acceptance criteria the failing test links, from the run's Allure results (requirement links). */
export function criteriaOf(outputDir: string, failure: Outcome): string[] {
  const dir = path.join(outputDir, 'reports', 'allure-results');
  if (!fs.existsSync(dir)) return [];
  const candidates: { status?: string; links?: { type?: string; name?: string }[] }[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('-result.json'))) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { name?: string; status?: string; links?: { type?: string; name?: string }[] };
      if (json.name === failure.title) candidates.push(json);
    } catch {
      // a result being written when the run was stopped: not the failing test's
    }
  }
  const best = candidates.find((c) => c.status === 'failed' || c.status === 'broken') ?? candidates[0];
  return [...new Set((best?.links ?? []).filter((l) => l.type === 'requirement' && l.name).map((l) => l.name!))];
}

/** Counts of a finished run, for the baseline line. */
export function counts(report: PwReport | undefined, keep: (o: Outcome) => boolean = () => true): { passed: number; failed: number } {
  const all = report ? outcomes(report).filter(keep) : [];
  return { passed: all.filter((o) => o.status === 'passed').length, failed: all.filter((o) => o.status === 'failed' || o.status === 'timedOut').length };
}
