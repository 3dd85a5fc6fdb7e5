import fs from 'node:fs';
import path from 'node:path';
import type { DefectSwitch } from './catalogue.js';

/**
 * The pure decisions of the self-test: which switches to run (all, a list, some kinds, the CI
 * subset), which specs to run first for each (the test that caught it last time, else the specs of
 * the acceptance area the catalogue names), and what the next pass runs when a pass did not catch it.
 */

export interface Options {
  switches?: string[];
  kinds?: string[];
  subset?: 'ci';
  parallel: number;
  basePort: number;
  /** reuse a finished clean run (its Playwright JSON report) as the baseline instead of running one */
  baseline?: string;
  profile: string;
  catalogue?: string;
  /** spec files (or folders) left out of the suite, baseline included: a test known broken for a reason of its own */
  exclude?: string[];
  /** wall-clock minutes one switch may take, all its passes together; beyond, it is inconclusive */
  switchBudgetMinutes: number;
}

/** Ports of the one-switch CRMs; the CRMs single tests start for themselves keep to 4800 and above. */
export const PORT_RANGE = { min: 4600, max: 4660 } as const;

export function parseOptions(argv: readonly string[]): Options {
  const known = new Set(['--switch', '--kinds', '--subset', '--parallel', '--base-port', '--baseline', '--profile', '--catalogue', '--switch-budget', '--exclude']);
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!known.has(flag)) throw new Error(`unknown option ${arg} (options: ${[...known].join(', ')})`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    values.set(flag, value);
  }
  const list = (flag: string) => values.get(flag)?.split(',').map((s) => s.trim()).filter(Boolean);
  const int = (flag: string, fallback: number) => {
    const raw = values.get(flag);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n)) throw new Error(`${flag} must be a whole number (got ${raw})`);
    return n;
  };
  const subset = values.get('--subset');
  if (subset !== undefined && subset !== 'ci') throw new Error(`--subset must be ci (got ${subset})`);
  const parallel = int('--parallel', 2);
  if (parallel < 1 || parallel > 4) throw new Error(`--parallel must be 1–4 (got ${parallel})`);
  const basePort = int('--base-port', PORT_RANGE.min);
  if (basePort < 1024 || basePort > 65000) throw new Error(`--base-port must be a TCP port (got ${basePort})`);
  const switchBudgetMinutes = int('--switch-budget', 12);
  if (switchBudgetMinutes < 2) throw new Error(`--switch-budget must be at least 2 minutes (got ${switchBudgetMinutes})`);
  const switches = list('--switch');
  const kinds = list('--kinds');
  const baseline = values.get('--baseline');
  const exclude = list('--exclude');
  const catalogue = values.get('--catalogue');
  return {
    ...(switches ? { switches } : {}),
    ...(kinds ? { kinds } : {}),
    ...(subset ? { subset: 'ci' as const } : {}),
    parallel,
    basePort,
    ...(baseline ? { baseline } : {}),
    profile: values.get('--profile') ?? 'demo-crm',
    ...(catalogue ? { catalogue } : {}),
    switchBudgetMinutes,
    ...(exclude ? { exclude } : {}),
  };
}

/**
 * The CI subset: one switch per kind, each the quickest of its kind to catch (seconds to detection
 * in the full self-test of 2026-12-01, docs/fault-detection.md). A kind the catalogue gains later is covered by its first switch
 * until this list names one.
 */
export const CI_SUBSET = [
  'quote-tax-on-gross', // calculation: 69 s
  'approval-threshold-20', // workflow: 96 s
  'opportunity-owner-check-missing', // permissions: 70 s
  'account-revenue-stale', // data-sync: 153 s
  'lead-email-unvalidated', // validation: 116 s
  'import-drops-last-row', // import: 56 s
  'sla-breach-not-flagged', // sla: 73 s
  'csrf-missing-on-payment', // security: 59 s
  'slow-lead-search', // performance: the AC-PERF-03 figure of performance/large-data.spec.ts over its threshold: 117 s
  'form-post-error-blank', // stability: the network-fault specs, on the shared CRM (the crash specs start CRMs of their own)
  'muted-text-low-contrast', // usability: the first accessibility test, about 10 s
] as const;

/** One switch of each kind of the catalogue: the subset's, or the catalogue's first of a kind the subset lacks. */
export function ciSubset(catalogue: readonly DefectSwitch[], preferred: readonly string[] = CI_SUBSET): DefectSwitch[] {
  const chosen = catalogue.filter((s) => preferred.includes(s.name));
  for (const kind of kindsOf(catalogue)) {
    if (!chosen.some((s) => s.kind === kind)) chosen.push(catalogue.find((s) => s.kind === kind)!);
  }
  return catalogue.filter((s) => chosen.includes(s));
}

export function kindsOf(catalogue: readonly DefectSwitch[]): string[] {
  return [...new Set(catalogue.map((s) => s.kind))];
}

/** The switches of this run, in catalogue order; an unknown name or kind is an error that lists the known ones. */
export function selectSwitches(catalogue: readonly DefectSwitch[], o: Pick<Options, 'switches' | 'kinds' | 'subset'>): DefectSwitch[] {
  let chosen = [...catalogue];
  if (o.subset === 'ci') chosen = ciSubset(catalogue);
  if (o.kinds) {
    const unknown = o.kinds.filter((k) => !catalogue.some((s) => s.kind === k));
    if (unknown.length) throw new Error(`unknown kind(s) ${unknown.join(', ')}; the catalogue's kinds: ${kindsOf(catalogue).join(', ')}`);
    chosen = chosen.filter((s) => o.kinds!.includes(s.kind));
  }
  if (o.switches) {
    const unknown = o.switches.filter((n) => !catalogue.some((s) => s.name === n));
    if (unknown.length) throw new Error(`unknown switch(es) ${unknown.join(', ')}; the catalogue's switches: ${catalogue.map((s) => s.name).join(', ')}`);
    chosen = chosen.filter((s) => o.switches!.includes(s.name));
  }
  if (chosen.length === 0) throw new Error('the selection leaves no switch to run');
  return firstOfEachKind(chosen, catalogue);
}

/**
 * The CI subset's switches first (one of every kind), then the rest, each group in catalogue order:
 * a self-test stopped half-way has still judged every kind.
 */
export function firstOfEachKind(chosen: readonly DefectSwitch[], catalogue: readonly DefectSwitch[]): DefectSwitch[] {
  const lead = new Set(ciSubset(catalogue).map((s) => s.name));
  return [...chosen.filter((s) => lead.has(s.name)), ...chosen.filter((s) => !lead.has(s.name))];
}

/**
 * Acceptance area (the part of a catalogue's "caught by" before the colon) → the spec filters that
 * prove it, relative to the flows folder of the profile. Prefixes: `lead-to-cash` is every
 * lead-to-cash*.spec.ts; a trailing slash is a folder.
 */
export const AREA_SPECS: Record<string, string[]> = {
  'lead-to-cash': ['lead-to-cash'],
  'service ticket': ['service-ticket'],
  permissions: ['permissions/'],
  'permissions matrix': ['permissions/'],
  'permissions field rules': ['permissions/'],
  'data accuracy': ['data/'],
  'data migration': ['data/'],
  security: ['security/'],
  performance: ['performance/'],
  usability: ['usability/'],
  stability: ['stability/'],
};

/** The areas a "caught by" cell names: "lead-to-cash: admin-only approval; permissions matrix" → lead-to-cash, permissions matrix. */
export function areasOf(caughtBy: string): string[] {
  return caughtBy.split(';').map((part) => part.split(':')[0]!.trim().toLowerCase()).filter(Boolean);
}

/** The suite's spec files, relative to the repository root, posix separators. */
export type SpecFile = string;

/** The spec files of the suite that belong to an area's filters (prefix match under the profile's flows folder). */
export function areaSpecFiles(caughtBy: string, suite: readonly SpecFile[], flowsDir: string): SpecFile[] {
  const prefixes = areasOf(caughtBy).flatMap((a) => AREA_SPECS[a] ?? []).map((p) => `${flowsDir}/${p}`);
  return suite.filter((f) => prefixes.some((p) => f.startsWith(p)));
}

/** The previous self-test's record of a switch, as far as ordering needs it. */
export interface PreviousCatch {
  name: string;
  caught: boolean;
  test?: { title: string; file: string } | null;
}

/** One Playwright invocation of a switch's run. */
export interface Pass {
  /** why these tests run now */
  label: string;
  /** spec files (repository-relative) */
  files: SpecFile[];
  /** only the test with this exact title */
  onlyTitle?: string;
  /** leave out the tests with these exact titles (already run, or failed inconclusively) */
  skipTitles: string[];
}

export function firstPass(sw: DefectSwitch, previous: readonly PreviousCatch[], suite: readonly SpecFile[], flowsDir: string): Pass | undefined {
  // the first catch that still names a test of the suite: the last run's, then the committed catchers
  const last = previous.find((p) => p.name === sw.name && p.caught && p.test && suite.includes(p.test.file));
  if (last?.test) {
    return { label: 'the test that caught it last time', files: [last.test.file], onlyTitle: last.test.title, skipTitles: [] };
  }
  return areaPass(sw, suite, flowsDir, { files: [], titles: [] });
}

/**
 * The spec files of the switch's area not run yet, skipping the titles already run. After its last
 * catcher passed alone: that test may catch it only after the tests before it in its file have run.
 */
export function areaPass(sw: DefectSwitch, suite: readonly SpecFile[], flowsDir: string, done: { files: readonly SpecFile[]; titles: readonly string[] }): Pass | undefined {
  const files = areaSpecFiles(sw.caughtBy, suite, flowsDir).filter((f) => !done.files.includes(f));
  return files.length ? { label: `its area (${areasOf(sw.caughtBy).join('; ')})`, files, skipTitles: [...done.titles] } : undefined;
}

/** What is left of the suite after the passes so far, or `undefined` when nothing is. */
export function nextPass(suite: readonly SpecFile[], done: { files: readonly SpecFile[]; titles: readonly string[] }): Pass | undefined {
  const files = suite.filter((f) => !done.files.includes(f));
  return files.length ? { label: 'the rest of the suite', files, skipTitles: [...done.titles] } : undefined;
}

/** Regular expression source matching exactly this text (for --grep / --grep-invert). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Playwright CLI arguments of one pass; `budgetMs` ends it (Playwright's --global-timeout) when the switch's time is up. */
export function passArgs(pass: Pass, workers: number, budgetMs?: number): string[] {
  const args = ['playwright', 'test', ...pass.files, `--workers=${workers}`, '--max-failures=1', '--retries=0', '--pass-with-no-tests'];
  if (budgetMs !== undefined) args.push(`--global-timeout=${Math.max(1000, Math.round(budgetMs))}`);
  if (pass.onlyTitle !== undefined) args.push('--grep', escapeRegExp(pass.onlyTitle));
  if (pass.skipTitles.length) args.push('--grep-invert', pass.skipTitles.map(escapeRegExp).join('|'));
  return args;
}

/**
 * Every spec of the profile's flows, except report specs (they only join what other tests observed),
 * after-suite checks (their project pulls in every flow unfiltered, which a pass of some files must not)
 * and the excluded ones. `reports` keeps the first two (a baseline runs everything).
 */
export function listSuite(root: string, flowsDir: string, exclude: readonly string[] = [], o: { reports?: boolean } = {}): SpecFile[] {
  const dir = path.join(root, flowsDir);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.spec.ts') && (o.reports || !/(^|\/)report\.spec\.ts$|^after-suite\//.test(f)))
    .map((f) => `${flowsDir}/${f}`)
    .filter((f) => !exclude.some((x) => f === x || f.startsWith(x.endsWith('/') ? x : `${x}/`)))
    .sort();
}
