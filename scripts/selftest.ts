/**
 * npm run selftest [-- --switch a,b | --kinds calculation,security | --subset ci] [--parallel 2] [--base-port 4600]
 *                  [--baseline reports/playwright-results.json] [--switch-budget 12]
 *
 * How strong is this suite against this CRM? One clean baseline run of the suite (every test must
 * pass), then, per defect switch of the CRM's catalogue, a run against a fresh CRM with only that
 * switch on, stopped at its first failure. A switch is caught only when a test fails on an assertion,
 * or, for a switch of kind performance, when a figure its run wrote (reports/figures) is over its
 * criterion's threshold while the baseline's figures of that criterion were within it
 * (scripts/lib/selftest/figures.ts); a crash, a timeout outside an assertion or a failed sign-in is
 * inconclusive (scripts/lib/selftest/classify.ts).
 *
 * Each switch runs on its own port (base port + 1 + its place in the catalogue), so its own database
 * file (.flows/crm-<port>.db), with its own artefacts under .flows/selftest/<switch>/. It first runs
 * the test that caught it last time (reports/selftest/selftest.json), else the specs of the area the
 * catalogue says must catch it, and the rest of the suite only when that did not. Switches run
 * `--parallel` at a time, each with one Playwright worker.
 *
 * Writes reports/selftest/selftest.json, index.html and selftest.md, prints one summary line, and
 * exits 1 when the baseline is not green or any switch is missed or inconclusive (2: bad arguments).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { catalogueOf } from '../fixtures/acceptance/active-catalogue.js';
import type { Catalogue } from '../fixtures/acceptance/criteria-schema.js';
import { readFigures, type Figure } from '../fixtures/acceptance/figures.js';
import type { BundledServer, CrmProfile } from '../fixtures/profile.js';
import { askCrmForSwitchNames, catalogueDisagreements, readCatalogue, type DefectSwitch } from './lib/selftest/catalogue.js';
import { messageLines, outcomes, SIGN_IN_FAILED, type Outcome } from './lib/selftest/classify.js';
import { figureCatch, figuresOfRun, type FigureCatch } from './lib/selftest/figures.js';
import { areaPass, firstPass, listSuite, nextPass, parseOptions, PORT_RANGE, selectSwitches, type Options, type Pass, type PreviousCatch } from './lib/selftest/plan.js';
import { carryOver, duration, renderHtml, renderMarkdownTable, summaryLine, totalsOf, type BaselineRecord, type PassRecord, type SelftestReport, type SwitchResult } from './lib/selftest/report.js';
import { counts, criteriaOf, portFree, repoFile, runPlaywright, stopAll } from './lib/selftest/run.js';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'reports', 'selftest');
const workDir = path.join(root, '.flows', 'selftest');
/** Passes per switch at most: the first, the rest of the suite, and once more after an inconclusive failure. */
const MAX_PASSES = 3;

class StopError extends Error {}

function fail(message: string): never {
  throw new StopError(message);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'no commit';
  }
}

function readPrevious(): SelftestReport | undefined {
  const file = path.join(outDir, 'selftest.json');
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SelftestReport;
  } catch {
    console.warn(`selftest: ${path.relative(root, file)} is not readable JSON; ordering falls back to the catalogue's areas`);
    return undefined;
  }
}

/**
 * Where a switch starts when the last run (reports/selftest) did not catch it or did not run it, as on
 * a fresh checkout or after .ci/run's subset: the tests that caught it in a committed run (profiles/<profile>/acceptance/selftest-catchers.json). Only an ordering
 * hint: a switch its test no longer catches goes on through the rest of the suite.
 */
function readKnownCatchers(profileName: string): PreviousCatch[] {
  const file = path.join(root, 'profiles', profileName, 'acceptance', 'selftest-catchers.json');
  if (!fs.existsSync(file)) return [];
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PreviousCatch[];
  } catch {
    console.warn(`selftest: ${path.relative(root, file)} is not readable JSON; ordering falls back to the catalogue's areas`);
    return [];
  }
}

async function loadBundledServer(profileName: string): Promise<BundledServer> {
  const file = path.join(root, 'profiles', profileName, 'profile.ts');
  if (!fs.existsSync(file)) fail(`no profile "${profileName}" (profiles/${profileName}/profile.ts)`);
  const profile = ((await import(file)) as { default: CrmProfile }).default;
  const server = profile.capabilities.bundledServer;
  if (!server) fail(`the profile ${profileName} has no bundled CRM (capability bundledServer): the self-test starts a fresh CRM per switch itself`);
  return server;
}

async function loadCatalogue(o: Options, server: BundledServer): Promise<DefectSwitch[]> {
  const file = path.resolve(root, o.catalogue ?? (o.profile === 'demo-crm' ? 'demo-crm/docs/defect-switches.md' : `profiles/${o.profile}/defect-switches.md`));
  const documented = readCatalogue(file);
  const crmNames = await askCrmForSwitchNames(root, server);
  if (!crmNames) {
    console.warn(`selftest: the CRM did not list its switches when asked; using ${path.relative(root, file)} as it stands`);
    return documented;
  }
  const problems = catalogueDisagreements(documented, crmNames);
  if (problems.length) fail(`the catalogue ${path.relative(root, file)} and the CRM disagree:\n  - ${problems.join('\n  - ')}`);
  return documented;
}

function portOf(o: Options, catalogue: readonly DefectSwitch[], sw: DefectSwitch | undefined): number {
  const port = o.basePort + (sw ? 1 + catalogue.indexOf(sw) : 0);
  if (o.basePort >= PORT_RANGE.min && o.basePort <= PORT_RANGE.max && port > PORT_RANGE.max) fail(`the catalogue needs ports ${o.basePort}–${port}, beyond ${PORT_RANGE.max}: lower --base-port`);
  return port;
}

const clock = (ms: number) => duration(Math.round(ms / 1000));

// ---------------------------------------------------------------- baseline

/** Where the baseline's figures are: its own run's reports, or beside a reused report (reports/figures). */
function baselineFiguresDir(o: Options): string {
  return o.baseline ? path.join(path.dirname(path.resolve(root, o.baseline)), 'figures') : path.join(workDir, 'baseline', 'reports', 'figures');
}

async function runBaseline(o: Options, suite: readonly string[], port: number, flowsDir: string): Promise<BaselineRecord> {
  if (o.baseline) return reuseBaseline(o.baseline, suite, flowsDir, o.exclude ?? []);
  if (!(await portFree(port))) fail(`port ${port} (the baseline's CRM) is in use: stop what runs there or pass another --base-port`);
  console.log(`▶ baseline: the whole suite (${suite.length} spec files) against a clean CRM on port ${port}, 2 workers …`);
  const outputDir = path.join(workDir, 'baseline');
  // the whole flows folder (report specs included), or its files one by one when some are left out
  const files = o.exclude ? listSuite(root, flowsDir, o.exclude, { reports: true }) : [`${flowsDir}/`];
  const run = await runPlaywright({ root, profile: o.profile, port, faults: '', outputDir, pass: { label: 'baseline', files, skipTitles: [] }, workers: 2 });
  const c = counts(run.report);
  const ok = run.classification.verdict === 'green' && c.passed > 0;
  const problem = ok ? undefined : run.classification.verdict === 'inconclusive' && !run.classification.failure
    ? run.classification.reason
    : `${run.classification.failure ? `"${run.classification.failure.title}" (${run.classification.failure.file}) failed: ${run.classification.assertion}` : 'no test ran'}`;
  return { ok, source: `run on port ${port}, log ${path.relative(root, path.join(outputDir, 'selftest-run.log'))}`, seconds: run.seconds, ...c, port, ...(problem ? { problem } : {}) };
}

/** A finished clean run (e.g. CI's `npm run flows`) as the baseline: all passed, no switch on, the whole suite. */
function reuseBaseline(file: string, suite: readonly string[], flowsDir: string, exclude: readonly string[]): BaselineRecord {
  const abs = path.resolve(root, file);
  const source = `reused ${path.relative(root, abs)}`;
  if (!fs.existsSync(abs)) return { ok: false, source, seconds: 0, passed: 0, failed: 0, port: null, problem: `${file} does not exist: run the flows first, or leave out --baseline` };
  const report = JSON.parse(fs.readFileSync(abs, 'utf8')) as Parameters<typeof outcomes>[0] & { config?: { rootDir?: string }; stats?: { duration?: number } };
  // a spec left out (--exclude) is left out of the reused run's verdict too
  const leftOut = (x: Outcome) => exclude.some((e) => { const f = repoFile(root, report.config?.rootDir, x.file); return f === e || f.startsWith(e.endsWith('/') ? e : `${e}/`); });
  const all = outcomes(report).filter((x) => !leftOut(x));
  const c = counts(report, (x) => !leftOut(x));
  const ran = new Set(all.map((x) => repoFile(root, report.config?.rootDir, x.file)));
  const missing = suite.filter((f) => !ran.has(f));
  const envFile = path.join(path.dirname(abs), 'allure-results', 'environment.properties');
  const switches = fs.existsSync(envFile) ? /^CRM defect switches=(.*)$/m.exec(fs.readFileSync(envFile, 'utf8'))?.[1]?.trim() : undefined;
  const errors = (report.errors ?? []).map((x) => messageLines(x.message ?? '')[0]).filter(Boolean);
  const problem = c.failed > 0 ? `${c.failed} test(s) failed in it`
    : errors.length ? `it ended with an error: ${errors[0]}`
      : missing.length ? `it did not run ${missing.length} spec(s) of ${flowsDir}: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`
        : switches && switches !== 'none' ? `it ran with defect switches on (${switches})`
          : undefined;
  return { ok: !problem, source, seconds: Math.round((report.stats?.duration ?? 0) / 1000), ...c, port: null, ...(problem ? { problem } : {}) };
}

// ---------------------------------------------------------------- one switch

interface Progress {
  started: number;
  total: number;
  done: SwitchResult[];
  running: Map<string, { started: number; pass: string }>;
}

function tally(p: Progress): string {
  const n = (outcome: string) => p.done.filter((r) => r.outcome === outcome).length;
  return `caught ${n('caught')}, missed ${n('missed')}, inconclusive ${n('inconclusive')}`;
}

/** The test that wrote a figure, as the run's report knows it (its title path is "describe › … › title"). */
function figureTest(fc: FigureCatch, all: readonly Outcome[]): { test: NonNullable<SwitchResult['test']>; end: number | undefined } | null {
  if (!fc.test) return null;
  const titles = fc.test.title.split(' › ');
  const title = titles.at(-1)!;
  const outcome = all.find((x) => x.title === title && x.file.endsWith(fc.test!.file.replace(/^flows\//, '')));
  return { test: { title, describe: titles.slice(0, -1), file: fc.test.file, line: outcome?.line ?? null, project: outcome?.project ?? '' }, end: outcome?.end };
}

interface SwitchContext {
  o: Options;
  catalogue: DefectSwitch[];
  suite: string[];
  flowsDir: string;
  previous: PreviousCatch[];
  progress: Progress;
  /** the acceptance criteria (thresholds) and the clean baseline's figures, for performance switches */
  criteria: Catalogue;
  baselineFigures: readonly Figure[];
}

async function runSwitch(sw: DefectSwitch, index: number, ctx: SwitchContext): Promise<SwitchResult> {
  const { o, progress } = ctx;
  const port = portOf(o, ctx.catalogue, sw);
  const started = Date.now();
  const base = { name: sw.name, kind: sw.kind, breaks: sw.breaks, caughtBy: sw.caughtBy, ports: [port], ranAt: new Date(started).toISOString() };
  const tag = `[${index + 1}/${progress.total}] ${sw.name}`;
  const passes: PassRecord[] = [];
  const reasons: string[] = [];
  const done = { files: [] as string[], titles: [] as string[] };
  const finish = (r: Omit<SwitchResult, keyof typeof base | 'passes' | 'seconds'>): SwitchResult => ({ ...base, ...r, passes, seconds: Math.round((Date.now() - started) / 1000) });

  if (!(await portFree(port))) {
    return finish({ caught: false, outcome: 'inconclusive', inconclusiveReason: `CRM did not start: port ${port} is in use by another process`, test: null, criterion: null, assertion: null, secondsToDetection: null });
  }
  let pass: Pass | undefined = firstPass(sw, ctx.previous, ctx.suite, ctx.flowsDir) ?? nextPass(ctx.suite, done);
  const budgetMs = o.switchBudgetMinutes * 60_000;
  while (pass && passes.length < MAX_PASSES) {
    const left = budgetMs - (Date.now() - started);
    if (left < 60_000) {
      reasons.push(`time budget of ${o.switchBudgetMinutes} min used up before ${pass.label} could run`);
      break;
    }
    const outputDir = path.join(workDir, sw.name, ...(passes.length ? [`pass-${passes.length + 1}`] : []));
    progress.running.set(sw.name, { started, pass: pass.label });
    console.log(`▶ ${tag} (${sw.kind}) pass ${passes.length + 1}: ${pass.label} — ${pass.onlyTitle ? `"${pass.onlyTitle}"` : `${pass.files.length} spec file(s)`}, port ${port}`);
    const run = await runPlaywright({ root, profile: o.profile, port, faults: sw.name, outputDir, pass, workers: 1, budgetMs: left });
    const c = run.classification;
    passes.push({ label: pass.label, files: pass.files, ...(pass.onlyTitle ? { onlyTitle: pass.onlyTitle } : {}), ...(pass.skipTitles.length ? { skipTitles: pass.skipTitles } : {}), verdict: c.verdict, testsRun: c.testsRun, seconds: run.seconds, outputDir: path.relative(root, outputDir), ...(c.reason ? { reason: c.reason } : {}) });
    if (c.verdict === 'caught' && c.failure) {
      const f = c.failure;
      const criteria = criteriaOf(outputDir, f);
      return finish({
        caught: true, outcome: 'caught', inconclusiveReason: null,
        test: { title: f.title, describe: f.describe, file: repoFile(root, run.rootDir, f.file), line: f.line ?? null, project: f.project },
        criterion: criteria.length ? criteria.join(', ') : null,
        assertion: c.assertion ?? null,
        ...(c.detail ? { assertionDetail: c.detail } : {}),
        secondsToDetection: Math.round((f.end - started) / 1000),
      });
    }
    const byFigure = sw.kind === 'performance' ? figureCatch(ctx.criteria, figuresOfRun(outputDir), ctx.baselineFigures) : undefined;
    if (byFigure) {
      const writer = figureTest(byFigure, run.report ? outcomes(run.report) : []);
      return finish({
        caught: true, outcome: 'caught', inconclusiveReason: null,
        test: writer?.test ?? null,
        criterion: byFigure.criterion,
        assertion: `${byFigure.criterion} over its threshold: ${byFigure.figure} (${byFigure.source}); clean baseline: ${byFigure.baseline}`,
        figure: byFigure,
        secondsToDetection: Math.round(((writer?.end ?? Date.now()) - started) / 1000),
      });
    }
    if (c.verdict === 'green') {
      if (pass.onlyTitle !== undefined) done.titles.push(pass.onlyTitle);
      else done.files.push(...pass.files);
    } else {
      reasons.push(c.reason ?? 'inconclusive');
      // an environment failure of the run itself (CRM, browser, time budget) would only repeat
      if (!c.failure || SIGN_IN_FAILED.test(c.failure.messages.join('\n'))) break;
      done.titles.push(c.failure.title);
      if (pass.onlyTitle !== undefined) done.titles.push(pass.onlyTitle);
    }
    // a catcher that passed alone: its area next, then the rest of the suite
    pass = (pass.onlyTitle !== undefined ? areaPass(sw, ctx.suite, ctx.flowsDir, done) : undefined) ?? nextPass(ctx.suite, done);
  }
  const outcome = reasons.length ? 'inconclusive' : 'missed';
  return finish({ caught: false, outcome, inconclusiveReason: reasons.length ? reasons.join(' — then: ') : null, test: null, criterion: null, assertion: null, secondsToDetection: null });
}

/** Runs the switches `parallel` at a time, in order. */
async function runAll(switches: DefectSwitch[], parallel: number, one: (sw: DefectSwitch, i: number) => Promise<SwitchResult>, progress: Progress, onDone: (done: SwitchResult[]) => void): Promise<SwitchResult[]> {
  const results: SwitchResult[] = new Array<SwitchResult>(switches.length);
  let next = 0;
  const worker = async () => {
    while (next < switches.length) {
      const i = next++;
      const sw = switches[i]!;
      const r = await one(sw, i);
      results[i] = r;
      progress.running.delete(sw.name);
      progress.done.push(r);
      const what = r.outcome === 'caught' ? `caught in ${r.secondsToDetection} s by "${r.test?.title}" — ${r.assertion}` : r.outcome === 'missed' ? 'MISSED: every test passed' : `inconclusive: ${r.inconclusiveReason}`;
      onDone(results.filter(Boolean));
      console.log(`${r.outcome === 'caught' ? '✔' : '✘'} [${i + 1}/${switches.length}] ${sw.name}: ${what} (${r.seconds} s) | ${progress.done.length} of ${switches.length} done, ${clock(Date.now() - progress.started)} elapsed — ${tally(progress)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, switches.length) }, worker));
  return results;
}

// ---------------------------------------------------------------- output

function write(report: SelftestReport): void {
  fs.mkdirSync(outDir, { recursive: true });
  const files: [string, string][] = [['selftest.json', `${JSON.stringify(report, null, 2)}\n`], ['index.html', renderHtml(report)], ['selftest.md', `${renderMarkdownTable(report)}\n`]];
  for (const [name, text] of files) {
    const tmp = path.join(outDir, `.${name}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(outDir, name));
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const argv = process.argv.slice(2);
  let o: Options;
  try {
    o = parseOptions(argv);
  } catch (error) {
    console.error(`selftest: ${(error as Error).message}`);
    return 2;
  }
  const server = await loadBundledServer(o.profile);
  const catalogue = await loadCatalogue(o, server);
  let switches: DefectSwitch[];
  try {
    switches = selectSwitches(catalogue, o);
  } catch (error) {
    console.error(`selftest: ${(error as Error).message}`);
    return 2;
  }
  const flowsDir = `flows/${o.profile}`;
  const suite = listSuite(root, flowsDir, o.exclude);
  if (suite.length === 0) fail(`no specs under ${flowsDir}`);
  const previous = readPrevious();
  // a partial earlier run (e.g. .ci/run's subset) knows only some switches: the committed catchers start the rest
  const previousCatches: PreviousCatch[] = [...(previous ? [...previous.switches, ...previous.notRun] : []), ...readKnownCatchers(o.profile)];
  const selection = o.subset ? `CI subset (one switch per kind): ${switches.length} of ${catalogue.length} switches` : o.switches || o.kinds ? `${switches.length} of ${catalogue.length} switches (${[o.kinds ? `kinds ${o.kinds.join(', ')}` : '', o.switches ? `switches ${o.switches.join(', ')}` : ''].filter(Boolean).join('; ')})` : `all ${catalogue.length} switches`;
  console.log(`selftest: ${selection}, ${o.parallel} at a time; ${suite.length} spec files in ${flowsDir}${o.exclude ? ` (left out: ${o.exclude.join(', ')})` : ''}`);

  const baseline = await runBaseline(o, suite, portOf(o, catalogue, undefined), flowsDir);
  const base = { generatedAt: new Date().toISOString(), profile: o.profile, command: `npm run selftest${argv.length ? ` -- ${argv.join(' ')}` : ''}`, commit: commit(), selection, excluded: o.exclude ?? [], baseline };
  if (!baseline.ok) {
    const seconds = Math.round((Date.now() - started) / 1000);
    write({ ...base, totals: totalsOf([], seconds), switches: [], notRun: carryOver(previous, []) });
    console.error(`selftest: stopped — the baseline (every switch off) is not green: ${baseline.problem}. A switch can only be judged against a suite that passes without it; fix that first (${baseline.source}).`);
    return 1;
  }
  const baselineFigures = readFigures(baselineFiguresDir(o));
  baseline.figures = baselineFigures.length;
  const criteria = (await catalogueOf(o.profile, root)) ?? [];
  console.log(`✔ baseline green: ${baseline.passed} passed, ${baselineFigures.length} figures (${baseline.source}, ${baseline.seconds} s)`);

  const progress: Progress = { started, total: switches.length, done: [], running: new Map() };
  const heartbeat = setInterval(() => {
    const now = [...progress.running].map(([name, r]) => `${name} (${r.pass}, ${clock(Date.now() - r.started)})`).join('; ');
    console.log(`… ${clock(Date.now() - started)} elapsed, ${progress.done.length} of ${progress.total} done — ${tally(progress)}${now ? `; running: ${now}` : ''}`);
  }, 60_000);
  let results: SwitchResult[];
  try {
    // written after every switch, so an interrupted self-test still leaves what it found
    const partial = (done: SwitchResult[]) => write({ ...base, selection: `${selection} (in progress: ${done.length} done)`, generatedAt: new Date().toISOString(), totals: totalsOf(done, Math.round((Date.now() - started) / 1000)), switches: done, notRun: carryOver(previous, done) });
    results = await runAll(switches, o.parallel, (sw, i) => runSwitch(sw, i, { o, catalogue, suite, flowsDir, previous: previousCatches, progress, criteria, baselineFigures }), progress, partial);
  } finally {
    clearInterval(heartbeat);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const report: SelftestReport = { ...base, generatedAt: new Date().toISOString(), totals: totalsOf(results, seconds), switches: results, notRun: carryOver(previous, results) };
  write(report);
  console.log(`\n${renderMarkdownTable(report)}\n`);
  console.log(`Report: ${path.relative(process.cwd(), path.join(outDir, 'index.html'))}`);
  console.log(summaryLine(report.totals));
  return report.totals.caught === report.totals.total ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`selftest: ${signal}, stopping the runs`);
    stopAll();
    process.exit(130);
  });
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    stopAll();
    console.error(`selftest: ${error instanceof StopError ? error.message : (error as Error).stack ?? String(error)}`);
    process.exitCode = error instanceof StopError ? 1 : 2;
  },
);
