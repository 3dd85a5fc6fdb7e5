/**
 * `npm run load -- --users 20 --duration 60s [--ramp 10s] [--volume N] [--faults slow-query]`
 * `npm run load -- --stress [--start-users 2] [--step-users 4] [--max-users 24] [--stage 30s]`
 * `npm run load -- --soak [--users 3] [--duration 5m] [--think 1s] [--warmup 60s] [--window 60s]`
 *
 * Load on the bundled CRM with Artillery's built-in Playwright engine (load/crm-mix.yml): starts its
 * own CRM on 127.0.0.1 (port 4550 unless --port), runs Artillery bounded in users and time, samples
 * the CRM process's CPU and memory from /proc every second, and writes reports/load/*.json, a chart
 * (reports/load/*.png: p95 per transaction and CRM CPU over time) and reports/figures/load.json for
 * the acceptance report. `--stress` runs stages of growing users until a p95 crosses its budget or
 * more than 1 % of steps fail, and reports the knee. `--soak` runs a few users at a steady pace (think
 * time between steps) for minutes and reports the CRM's memory growth (median RSS of the last window
 * against the first after warm-up) and the failed steps. A script that reports figures, not a test.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import catalogue from '../profiles/demo-crm/acceptance/catalogue.js';
import { OWN_CRM_PORTS } from '../profiles/demo-crm/own-crm-ports.js';
import { resolveBrowsers, systemChromiumArgs } from '../fixtures/browser.js';
import { childProcessEnv, env } from '../fixtures/env.js';
import { paths } from '../fixtures/paths.js';
import { removeDb, seedVolume, startCrm, type CrmProcess } from '../bench/crm-process.js';
import { readMemory, readStat, round } from '../bench/proc.js';
import { checkSoakWindows, memoryGrowth, type MemoryGrowth } from '../fixtures/stability/memory-growth.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string' },
    duration: { type: 'string' },
    ramp: { type: 'string' },
    port: { type: 'string', default: String(OWN_CRM_PORTS.load[0]) },
    volume: { type: 'string', default: '0' },
    faults: { type: 'string', default: '' },
    stress: { type: 'boolean', default: false },
    'start-users': { type: 'string', default: '2' },
    'step-users': { type: 'string', default: '4' },
    'max-users': { type: 'string', default: '24' },
    stage: { type: 'string', default: '30s' },
    soak: { type: 'boolean', default: false },
    think: { type: 'string', default: '1s' },
    warmup: { type: 'string', default: '60s' },
    window: { type: 'string', default: '60s' },
  },
});

function seconds(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`--${name} must be like 60s, 2m or 45 (seconds), got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
}
function count(text: string, name: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${text}"`);
  return n;
}

const port = count(args.port, 'port', 65535);
const volume = Number(args.volume);
const loadDir = path.join(paths.root, 'reports', 'load');
const figuresDir = path.join(paths.root, 'reports', 'figures');
const workDir = `/tmp/bench-out-load-${port}`;
fs.mkdirSync(loadDir, { recursive: true });
fs.mkdirSync(figuresDir, { recursive: true });
fs.mkdirSync(workDir, { recursive: true });

const plan = resolveBrowsers({ ...env, browser: 'chromium' });
const executable = (plan.projects[0]?.use.launchOptions as { executablePath?: string } | undefined)?.executablePath;

/** Each transaction's budget: the p95 threshold of the performance criterion it belongs to. */
const threshold = (id: string) => catalogue.find((c) => c.id === id)?.threshold?.max;
const TRANSACTIONS: Record<string, { criterion?: string; label: string }> = {
  sign_in: { label: 'sign in (login page → dashboard)' },
  create_lead: { label: 'create a lead (list → form → saved lead)' },
  search_leads: { criterion: 'AC-PERF-03', label: 'search leads (list → search → results)' },
  open_account: { criterion: 'AC-PERF-02', label: 'open an account (record page)' },
  open_ticket_queue: { criterion: 'AC-PERF-01', label: 'open the ticket queue (list → queue view)' },
  portal_ticket_list: { criterion: 'AC-PERF-01', label: 'portal ticket list' },
};
const budgetOf = (t: string) => (TRANSACTIONS[t]?.criterion ? threshold(TRANSACTIONS[t].criterion) : undefined);
const ERROR_BUDGET = threshold('AC-PERF-04') ?? 0.01;

// ------------------------------------------------------------------------------------ sampling
interface CrmSample {
  /** seconds since the first virtual user started (Artillery's first metric) */
  t: number;
  /** epoch ms */
  at: number;
  cpuPercent: number;
  rssMiB: number;
  machineBusyPercent: number;
}

function machineTicks(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Samples the CRM's CPU (% of one core) and memory, and the whole machine's busy share, every second. */
function sampleCrm(crm: CrmProcess, t0: number): { samples: CrmSample[]; stop: () => void } {
  const samples: CrmSample[] = [];
  let last = { wall: performance.now(), cpu: readStat(crm.pid)?.cpuSeconds ?? 0, machine: machineTicks() };
  const timer = setInterval(() => {
    const stat = readStat(crm.pid);
    const mem = readMemory(crm.pid);
    if (!stat || !mem) return;
    const now = { wall: performance.now(), cpu: stat.cpuSeconds, machine: machineTicks() };
    samples.push({
      t: round((now.wall - t0) / 1000, 1),
      at: Date.now(),
      cpuPercent: round(((now.cpu - last.cpu) / ((now.wall - last.wall) / 1000)) * 100, 1),
      rssMiB: round(mem.rssBytes / 2 ** 20, 1),
      machineBusyPercent: round(((now.machine.busy - last.machine.busy) / Math.max(1, now.machine.total - last.machine.total)) * 100, 1),
    });
    last = now;
  }, 1000); // a sampling clock: one /proc read per second
  return { samples, stop: () => clearInterval(timer) };
}

// ------------------------------------------------------------------------------------ artillery
interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  mean: number;
}
interface ArtilleryPeriod {
  period: number | string;
  firstMetricAt?: number;
  lastMetricAt?: number;
  counters: Record<string, number>;
  summaries: Record<string, Summary>;
}
interface ArtilleryReport {
  aggregate: ArtilleryPeriod;
  intermediate: ArtilleryPeriod[];
}

async function runArtillery(users: number, durationS: number, rampS: number, label: string, thinkMs: number): Promise<{ report: ArtilleryReport; wallSeconds: number; exitCode: number | null; log: string }> {
  // the bundled processor is CommonJS; the project is "type": "module"
  const dist = path.join(paths.root, 'load', 'dist');
  fs.mkdirSync(dist, { recursive: true });
  if (!fs.existsSync(path.join(dist, 'package.json'))) fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');
  const output = path.join(workDir, `${label}.json`);
  const log = path.join(workDir, `${label}.log`);
  fs.rmSync(output, { force: true });
  const overrides = {
    config: {
      phases: [{ name: 'ramp-up', duration: rampS, arrivalCount: users, maxVusers: users }],
      variables: { durationMs: Math.round(durationS * 1000), thinkMs },
      engines: {
        playwright: {
          aggregateByName: true,
          defaultNavigationTimeout: 30,
          defaultPageTimeout: 30,
          launchOptions: { headless: true, ...(executable ? { executablePath: executable, args: [...systemChromiumArgs(`http://127.0.0.1:${port}`), '--disable-dev-shm-usage'] } : {}) },
          contextOptions: { locale: 'en-US', timezoneId: 'UTC' },
        },
      },
    },
  };
  const fd = fs.openSync(log, 'w');
  const started = performance.now();
  const child = spawn('npx', ['artillery', 'run', 'load/crm-mix.yml', '--target', `http://127.0.0.1:${port}`, '--output', output, '--overrides', JSON.stringify(overrides)], {
    cwd: paths.root,
    env: childProcessEnv({ ARTILLERY_DISABLE_TELEMETRY: 'true', WORKERS: undefined }),
    stdio: ['ignore', fd, fd],
    detached: true, // its own process group, so a run over its bound can be stopped whole
  });
  // the bound: users stop at the end of the duration; Artillery gets 90 s more to finish and report
  const bound = AbortSignal.timeout((durationS + rampS + 90) * 1000);
  const onBound = () => {
    console.error(`  Artillery ran past its bound; stopping its process group ${child.pid}`);
    process.kill(-child.pid!, 'SIGTERM');
  };
  bound.addEventListener('abort', onBound);
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  bound.removeEventListener('abort', onBound);
  fs.closeSync(fd);
  const wallSeconds = round((performance.now() - started) / 1000, 1);
  if (!fs.existsSync(output)) throw new Error(`Artillery wrote no report (exit ${exitCode}); see ${log}`);
  return { report: JSON.parse(fs.readFileSync(output, 'utf8')) as ArtilleryReport, wallSeconds, exitCode, log };
}

function transactionsOf(p: ArtilleryPeriod) {
  return Object.fromEntries(
    Object.keys(TRANSACTIONS)
      .filter((t) => p.summaries[`browser.step.${t}`] || p.counters[`crm.steps.${t}`])
      .map((t) => {
        const s = p.summaries[`browser.step.${t}`];
        const budget = budgetOf(t);
        return [
          t,
          {
            label: TRANSACTIONS[t]!.label,
            ok: s?.count ?? 0,
            failed: p.counters[`crm.failed.${t}`] ?? 0,
            p50: round(s?.p50 ?? NaN, 0),
            p95: round(s?.p95 ?? NaN, 0),
            p99: round(s?.p99 ?? NaN, 0),
            max: round(s?.max ?? NaN, 0),
            ...(budget !== undefined ? { budgetP95: budget, criterion: TRANSACTIONS[t]!.criterion, withinBudget: (s?.p95 ?? Infinity) <= budget } : {}),
          },
        ];
      }),
  );
}

interface Stage {
  users: number;
  durationS: number;
  wallSeconds: number;
  activeSeconds: number;
  throughputPerSecond: number;
  httpRequestsPerSecond: number;
  steps: number;
  failed: number;
  errorRate: number;
  vusers: { created: number; completed: number; failed: number };
  transactions: ReturnType<typeof transactionsOf>;
  crm: { cpuPercent: { mean: number; max: number }; rssMiB: { start: number; max: number; end: number } };
  machineBusyPercent: { mean: number; max: number };
  timeline: { t: number; p95: Record<string, number> }[];
  crmSamples: CrmSample[];
  artilleryStartupSeconds: number;
  crossed: string[];
  log: string;
}

async function stage(crm: CrmProcess, users: number, durationS: number, rampS: number, label: string, thinkMs = 0): Promise<Stage> {
  const t0 = performance.now();
  const sampler = sampleCrm(crm, t0);
  const startedAt = Date.now();
  let run;
  try {
    run = await runArtillery(users, durationS, rampS, label, thinkMs);
  } finally {
    sampler.stop();
  }
  const { report } = run;
  const agg = report.aggregate;
  const steps = agg.counters['crm.steps'] ?? 0;
  const failed = agg.counters['crm.failed'] ?? 0;
  const vuFailed = agg.counters['vusers.failed'] ?? 0;
  const activeSeconds = Math.max(1, ((agg.lastMetricAt ?? 0) - (agg.firstMetricAt ?? 0)) / 1000);
  // one clock for the chart: seconds since the first virtual user (Artillery's own start-up left out)
  const origin = agg.firstMetricAt ?? startedAt;
  const artilleryStartupSeconds = round((origin - startedAt) / 1000, 1);
  const samples = sampler.samples.filter((c) => c.at >= origin - 1000).map((c) => ({ ...c, t: round((c.at - origin) / 1000, 1) }));
  const transactions = transactionsOf(agg);
  const okSteps = Object.values(transactions).reduce((s, t) => s + t.ok, 0);
  // Artillery's 10-second periods, placed on the same clock as the CRM samples
  const timeline = report.intermediate
    .map((p) => ({ t: round((Number(p.period) + 5_000 - origin) / 1000, 1), p95: Object.fromEntries(Object.entries(transactionsOf(p)).filter(([, v]) => Number.isFinite(v.p95)).map(([k, v]) => [k, v.p95])) }))
    .sort((a, b) => a.t - b.t);
  const busy = samples.filter((s) => s.t >= rampS && s.t <= durationS);
  const cpu = busy.map((s) => s.cpuPercent);
  const errorRate = round(steps ? (failed + vuFailed) / (steps + vuFailed) : 0, 4);
  const crossed = [
    ...Object.entries(transactions).filter(([, t]) => 'withinBudget' in t && !t.withinBudget).map(([k, t]) => `${k} p95 ${t.p95} ms > ${t.budgetP95} ms`),
    ...(errorRate > ERROR_BUDGET ? [`error rate ${(errorRate * 100).toFixed(1)} % > ${ERROR_BUDGET * 100} %`] : []),
  ];
  const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), 1);
  return {
    users,
    durationS,
    wallSeconds: run.wallSeconds,
    activeSeconds: round(activeSeconds, 1),
    throughputPerSecond: round(okSteps / activeSeconds, 2),
    httpRequestsPerSecond: round((agg.counters['browser.http_requests'] ?? 0) / activeSeconds, 1),
    steps,
    failed,
    errorRate,
    vusers: { created: agg.counters['vusers.created'] ?? 0, completed: agg.counters['vusers.completed'] ?? 0, failed: vuFailed },
    transactions,
    crm: {
      cpuPercent: { mean: mean(cpu), max: round(Math.max(0, ...cpu), 1) },
      rssMiB: { start: samples[0]?.rssMiB ?? NaN, max: round(Math.max(0, ...samples.map((s) => s.rssMiB)), 1), end: samples.at(-1)?.rssMiB ?? NaN },
    },
    machineBusyPercent: { mean: mean(busy.map((s) => s.machineBusyPercent)), max: round(Math.max(0, ...busy.map((s) => s.machineBusyPercent)), 1) },
    timeline,
    crmSamples: samples,
    artilleryStartupSeconds,
    crossed,
    log: run.log,
  };
}

// ------------------------------------------------------------------------------------ chart
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

interface Series {
  name: string;
  points: [number, number][];
  colour: string;
  dashed?: boolean;
}

function panel(x0: number, y0: number, w: number, h: number, title: string, xLabel: string, yLabel: string, series: Series[], yMaxHint = 0): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = Math.max(1, ...xs);
  const yMax = Math.max(yMaxHint, ...ys, 1) * 1.1;
  const X = (v: number) => x0 + 50 + (v / xMax) * (w - 70);
  const Y = (v: number) => y0 + h - 30 - (v / yMax) * (h - 60);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const grid = ticks.map((v) => `<line x1="${X(0)}" x2="${X(xMax)}" y1="${Y(v)}" y2="${Y(v)}" stroke="#ddd"/><text x="${X(0) - 6}" y="${Y(v) + 4}" font-size="11" text-anchor="end">${Math.round(v)}</text>`).join('');
  const xticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * xMax).map((v) => `<text x="${X(v)}" y="${y0 + h - 12}" font-size="11" text-anchor="middle">${Math.round(v)}</text>`).join('');
  const lines = series
    .filter((s) => s.points.length)
    .map((s) => {
      const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(' ');
      const dots = s.dashed ? '' : s.points.map((p) => `<circle cx="${X(p[0]).toFixed(1)}" cy="${Y(p[1]).toFixed(1)}" r="2.5" fill="${s.colour}"/>`).join('');
      return `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>${dots}`;
    })
    .join('');
  const legend = series.map((s, i) => `<g transform="translate(${x0 + 60 + (i % 3) * ((w - 80) / 3)}, ${y0 + 34 + Math.floor(i / 3) * 15})"><line x1="0" x2="18" y1="-4" y2="-4" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/><text x="24" y="0" font-size="11">${esc(s.name)}</text></g>`).join('');
  return `<g><text x="${x0 + 50}" y="${y0 + 16}" font-size="14" font-weight="bold">${esc(title)}</text>${grid}${xticks}${lines}${legend}
    <text x="${x0 + w / 2}" y="${y0 + h + 2}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>
    <text x="${x0 + 12}" y="${y0 + h / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 ${x0 + 12} ${y0 + h / 2})">${esc(yLabel)}</text></g>`;
}

function svgDoc(title: string, panels: string[], width = 960, panelHeight = 300): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${panels.length * (panelHeight + 20) + 40}" font-family="sans-serif"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="24" font-size="16" font-weight="bold">${esc(title)}</text>${panels.join('')}</svg>`;
}

function runChart(s: Stage, title: string, memoryMarks: Series[] = []): string {
  const names = Object.keys(s.transactions);
  const p95 = names.map((n, i) => ({ name: `${n} p95`, colour: COLOURS[i % COLOURS.length]!, points: s.timeline.filter((p) => p.p95[n] !== undefined).map((p) => [p.t, p.p95[n]!] as [number, number]) }));
  const budgets = [...new Set(names.map(budgetOf).filter((b): b is number => b !== undefined))];
  const xMax = Math.max(s.durationS, ...s.crmSamples.map((c) => c.t));
  const budgetLines = budgets.map((b) => ({ name: `budget ${b} ms`, colour: '#999', dashed: true, points: [[0, b], [xMax, b]] as [number, number][] }));
  return svgDoc(title, [
    panel(0, 40, 960, 300, 'p95 per transaction (Artillery, 10 s periods)', 'seconds since the first virtual user started', 'ms', [...p95, ...budgetLines]),
    panel(0, 360, 960, 300, 'CRM process (sampled every second)', 'seconds since the first virtual user started', '% of one core / MiB', [
      { name: 'CRM CPU %', colour: '#d62728', points: s.crmSamples.map((c) => [c.t, c.cpuPercent]) },
      { name: 'CRM RSS MiB', colour: '#1f77b4', points: s.crmSamples.map((c) => [c.t, c.rssMiB]) },
      { name: 'machine busy % (all cores)', colour: '#999', dashed: true, points: s.crmSamples.map((c) => [c.t, c.machineBusyPercent]) },
      ...memoryMarks,
    ], 100),
  ]);
}

function stressChart(stages: Stage[], title: string): string {
  const names = [...new Set(stages.flatMap((s) => Object.keys(s.transactions)))];
  const budgets = [...new Set(names.map(budgetOf).filter((b): b is number => b !== undefined))];
  const xMax = Math.max(...stages.map((s) => s.users));
  return svgDoc(title, [
    panel(0, 40, 960, 300, 'p95 per transaction by virtual users', 'virtual users', 'ms', [
      ...names.map((n, i) => ({ name: `${n} p95`, colour: COLOURS[i % COLOURS.length]!, points: stages.filter((s) => s.transactions[n]).map((s) => [s.users, s.transactions[n]!.p95] as [number, number]) })),
      ...budgets.map((b) => ({ name: `budget ${b} ms`, colour: '#999', dashed: true, points: [[0, b], [xMax, b]] as [number, number][] })),
    ]),
    panel(0, 360, 960, 300, 'throughput, errors and CRM CPU by virtual users', 'virtual users', 'steps/s ×10 · % ', [
      { name: 'successful steps per second ×10', colour: '#2ca02c', points: stages.map((s) => [s.users, s.throughputPerSecond * 10]) },
      { name: 'error rate %', colour: '#d62728', points: stages.map((s) => [s.users, s.errorRate * 100]) },
      { name: 'CRM CPU % (mean)', colour: '#9467bd', points: stages.map((s) => [s.users, s.crm.cpuPercent.mean]) },
      { name: 'machine busy % (mean)', colour: '#999', dashed: true, points: stages.map((s) => [s.users, s.machineBusyPercent.mean]) },
    ], 100),
  ]);
}

async function renderPng(svg: string, file: string): Promise<void> {
  fs.writeFileSync(file.replace(/\.png$/, '.svg'), svg);
  const browser = await chromium.launch({ ...(executable ? { executablePath: executable, args: systemChromiumArgs('http://127.0.0.1') } : {}) });
  try {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: file });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${path.relative(paths.root, file)} (and .svg)`);
}

function writeJson(file: string, data: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${path.relative(paths.root, file)}`);
}

function printStage(s: Stage): void {
  console.log(`  ${s.users} users: ${s.throughputPerSecond} steps/s, ${s.steps} steps, ${s.failed} failed (error rate ${(s.errorRate * 100).toFixed(2)} %), CRM CPU mean ${s.crm.cpuPercent.mean} % max ${s.crm.cpuPercent.max} %, RSS max ${s.crm.rssMiB.max} MiB, machine busy ${s.machineBusyPercent.mean} %, ${s.wallSeconds} s (Artillery start-up ${s.artilleryStartupSeconds} s)`);
  for (const [k, t] of Object.entries(s.transactions)) console.log(`    ${k.padEnd(20)} n=${t.ok} failed=${t.failed} p50 ${t.p50} p95 ${t.p95} p99 ${t.p99} ms${'budgetP95' in t ? ` (budget ${t.budgetP95})` : ''}`);
}

// ------------------------------------------------------------------------------------ main
const machine = { cores: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, browser: executable ?? 'Playwright Chromium', loadAverageAtStart: round(os.loadavg()[0]!) };
const date = new Date().toISOString();
const dbFile = path.join(workDir, 'crm.db');
let crm: CrmProcess;
if (volume > 0) {
  removeDb(dbFile);
  console.log(await seedVolume(dbFile, volume));
  crm = await startCrm({ port, dbFile, reset: false, faults: args.faults });
} else {
  crm = await startCrm({ port, dbFile, reset: true, faults: args.faults });
}
console.log(`CRM on ${crm.baseUrl} (pid ${crm.pid})${volume ? ` with ${volume} extra leads and accounts` : ''}${args.faults ? `, faults: ${args.faults}` : ''}; ${machine.cores} cores, load average ${machine.loadAverageAtStart}`);

const common = { date, machine, scenario: 'load/crm-mix.yml', engine: 'Artillery (built-in Playwright engine)', crmVolume: volume, crmFaults: args.faults || null, note: 'Virtual users work without think time; the load generator (Chromium) shares the machine with the CRM.' };
try {
  if (args.soak) {
    await soak();
  } else if (!args.stress) {
    const users = count(args.users ?? '20', 'users', 200);
    const durationS = seconds(args.duration ?? '60s', 'duration');
    const rampS = Math.max(1, Math.round(args.ramp ? seconds(args.ramp, 'ramp') : Math.min(10, durationS / 4)));
    console.log(`load: ${users} virtual users arriving over ${rampS} s, working until ${durationS} s`);
    const s = await stage(crm, users, durationS, rampS, `load-${users}u`);
    printStage(s);
    const summary = { ...common, kind: 'load', rampS, ...s };
    writeJson(path.join(loadDir, 'load.json'), summary);
    await renderPng(runChart(s, `CRM load: ${users} virtual users, ${durationS} s (${date.slice(0, 16)}Z, ${machine.cores} cores)`), path.join(loadDir, 'load.png'));
    const src = `${users} virtual users (Artillery + Playwright, no think time), ${durationS} s, CRM on the same ${machine.cores}-core machine${volume ? `, +${volume} leads and accounts` : ', seed data only'}; npm run load, ${date.slice(0, 10)}`;
    const figures = [
      { criterion: 'AC-PERF-04', metric: 'error-rate', value: s.errorRate, unit: 'share of steps', source: `${s.steps} steps, ${s.failed} failed; ${src}` },
      ...Object.entries(s.transactions)
        .filter(([, t]) => 'criterion' in t && Number.isFinite(t.p95))
        .map(([k, t]) => ({ criterion: (t as { criterion: string }).criterion, metric: 'p95-ms', value: t.p95, unit: 'ms', source: `${k} (${t.label}), browser time, ${t.ok} steps; ${src}` })),
    ];
    writeJson(path.join(figuresDir, 'load.json'), figures);
  } else {
    const start = count(args['start-users'], 'start-users', 200);
    const step = count(args['step-users'], 'step-users', 100);
    const max = count(args['max-users'], 'max-users', 200);
    const stageS = seconds(args.stage, 'stage');
    const stages: Stage[] = [];
    let knee: number | null = null;
    for (let users = start; users <= max; users += step) {
      console.log(`stress stage: ${users} virtual users for ${stageS} s`);
      const s = await stage(crm, users, stageS, Math.max(1, Math.round(Math.min(5, stageS / 5))), `stress-${users}u`);
      printStage(s);
      stages.push(s);
      if (s.crossed.length) {
        knee = users;
        console.log(`  knee: ${users} users (${s.crossed.join('; ')})`);
        break;
      }
    }
    const lastGood = stages.filter((s) => !s.crossed.length).at(-1)?.users ?? null;
    const result = {
      ...common,
      kind: 'stress',
      stageSeconds: stageS,
      knee,
      lastWithinBudget: lastGood,
      kneeReason: stages.at(-1)?.crossed ?? [],
      verdict: knee === null ? `no budget crossed up to ${max} users` : `p95 or error budget first crossed at ${knee} users; last stage within budget: ${lastGood ?? 'none'}`,
      stages: stages.map(({ crmSamples: _c, timeline: _t, ...rest }) => rest),
    };
    writeJson(path.join(loadDir, 'stress.json'), result);
    await renderPng(stressChart(stages, `CRM stress: ${result.verdict} (${machine.cores} cores, ${date.slice(0, 10)})`), path.join(loadDir, 'stress.png'));
  }
} finally {
  await crm.stop();
}

/** The soak: a steady, moderate load for minutes; the CRM's memory growth and the failed steps. */
async function soak(): Promise<void> {
  const users = count(args.users ?? '3', 'users', 200);
  const durationS = seconds(args.duration ?? '5m', 'duration');
  const thinkS = seconds(args.think, 'think');
  const windows = { warmupS: seconds(args.warmup, 'warmup'), windowS: seconds(args.window, 'window'), durationS };
  checkSoakWindows(windows);
  const rampS = Math.max(1, Math.round(args.ramp ? seconds(args.ramp, 'ramp') : Math.min(10, durationS / 4)));
  console.log(`soak: ${users} virtual users arriving over ${rampS} s, ${thinkS} s between steps, until ${durationS} s; memory: the first ${windows.windowS} s after ${windows.warmupS} s of warm-up against the last ${windows.windowS} s`);
  const s = await stage(crm, users, durationS, rampS, `soak-${users}u`, thinkS * 1000);
  printStage(s);
  const memory = memoryGrowth(s.crmSamples, windows);
  const margin = catalogue.find((c) => c.id === 'AC-STAB-05')?.threshold?.max ?? 0.25;
  const failedSteps = s.failed + s.vusers.failed;
  const verdict = soakVerdict(memory, margin, failedSteps);
  console.log(`  memory: median RSS ${memory.first.medianMiB} MiB (${memory.first.fromS}–${memory.first.toS} s) → ${memory.last.medianMiB} MiB (${memory.last.fromS}–${memory.last.toS} s): ${(memory.growth * 100).toFixed(1)} % (margin ${margin * 100} %); ${failedSteps} failed steps. ${verdict}`);
  writeJson(path.join(loadDir, 'soak.json'), { ...common, kind: 'soak', thinkS, ...windows, memory, memoryMargin: margin, failedSteps, verdict, ...s });
  const mark = (name: string, w: MemoryGrowth['first'], colour: string) => ({ name, colour, dashed: true, points: [[w.fromS, w.medianMiB], [w.toS, w.medianMiB]] as [number, number][] });
  await renderPng(runChart(s, `CRM soak: ${users} users, ${durationS} s, memory ${(memory.growth * 100).toFixed(1)} % (margin ${margin * 100} %), ${failedSteps} failed steps (${date.slice(0, 16)}Z)`, [
    mark('median RSS, first window', memory.first, '#17becf'), mark('median RSS, last window', memory.last, '#e377c2'),
  ]), path.join(loadDir, 'soak.png'));
  const src = `${users} virtual users (Artillery + Playwright, ${thinkS} s between steps), ${durationS} s, CRM on the same ${machine.cores}-core machine${volume ? `, +${volume} leads and accounts` : ', seed data only'}; npm run load -- --soak, ${date.slice(0, 10)}`;
  writeJson(path.join(figuresDir, 'soak.json'), [
    { criterion: 'AC-STAB-05', metric: 'ratio', value: memory.growth, unit: 'growth of the median RSS', source: `CRM RSS median ${memory.first.medianMiB} MiB at ${memory.first.fromS}–${memory.first.toS} s, ${memory.last.medianMiB} MiB at ${memory.last.fromS}–${memory.last.toS} s; ${src}` },
    { criterion: 'AC-STAB-06', metric: 'count', value: failedSteps, unit: 'failed steps', source: `${s.steps} steps, ${s.failed} failed, ${s.vusers.failed} users failed; ${src}` },
  ]);
}

function soakVerdict(memory: MemoryGrowth, margin: number, failedSteps: number): string {
  const problems = [
    ...(memory.growth > margin ? [`memory grew ${(memory.growth * 100).toFixed(1)} %, over the ${margin * 100} % margin`] : []),
    ...(failedSteps > 0 ? [`${failedSteps} failed steps`] : []),
  ];
  return problems.length ? `not within: ${problems.join('; ')}` : 'within: memory growth inside the margin, no failed step';
}
