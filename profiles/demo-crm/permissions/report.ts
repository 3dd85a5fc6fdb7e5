import fs from 'node:fs';
import path from 'node:path';
import { paths } from '../../../fixtures/paths.js';
import { EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES } from './matrix.js';
import { cellsOf, type MatrixRole } from './model.js';
import { renderMatrixReport, type ReportInput, type RuleResult } from './report-html.js';
import { cellKey, judgeCell, mergeObservations, type CellObservation, type CellVerdict } from './verdict.js';

/**
 * Where the matrix tests leave what they saw, and how the report is built from it. Each test writes
 * its own file (its role and layer, or its rule) under reports/permissions/<run id>/, so parallel
 * workers never write the same file; the report reads every file of the current run.
 */
export const MATRIX_REPORT_FILE = path.join(paths.reportsDir, 'permissions-matrix.html');

const runDir = (runId: string, reportsDir = paths.reportsDir) => path.join(reportsDir, 'permissions', runId);

function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data));
  fs.renameSync(tmp, file);
}

export function saveObservations(runId: string, layer: 'api' | 'ui', role: MatrixRole, observations: readonly CellObservation[]): void {
  writeJson(path.join(runDir(runId), `cells-${layer}-${role}.json`), observations);
}

export function saveRuleResult(runId: string, result: RuleResult): void {
  writeJson(path.join(runDir(runId), `rule-${result.id}.json`), result);
}

/**
 * When a piece of the matrix ran (a worker building its probe records, or one test), so the report
 * can say how long the whole matrix took: the issue budgets it at two minutes on two workers.
 */
export function saveTiming(runId: string, key: string, startedAt: number, endedAt: number): void {
  writeJson(path.join(runDir(runId), `time-${key}.json`), { startedAt, endedAt });
}

export interface TimeSpan { startedAt: number; endedAt: number }

/**
 * "matrix run time 90 s on 2 worker(s)": from the first start to the last end of the spans saveTiming
 * recorded in this run. Reported, never asserted: timings on a shared machine are noisy.
 */
export function describeMatrixRunTime(spans: readonly TimeSpan[], workers: number): string {
  if (spans.length === 0) return 'matrix run time not recorded';
  const seconds = (Math.max(...spans.map((s) => s.endedAt)) - Math.min(...spans.map((s) => s.startedAt))) / 1000;
  return `matrix run time ${Math.round(seconds)} s on ${workers} worker(s)`;
}

/** `reportsDir`: the reports folder of the run (another one when it ran with FLOWS_OUTPUT_DIR). */
export function loadRun(runId: string, reportsDir?: string): { observations: CellObservation[]; rules: RuleResult[]; spans: TimeSpan[]; files: string[] } {
  const dir = runDir(runId, reportsDir);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
  return {
    files,
    observations: files.filter((f) => f.startsWith('cells-')).flatMap((f) => read(f) as CellObservation[]),
    rules: files.filter((f) => f.startsWith('rule-')).map((f) => read(f) as RuleResult),
    spans: files.filter((f) => f.startsWith('time-')).map((f) => read(f) as TimeSpan),
  };
}

/** Every cell of the matrix judged against what was observed; a cell nobody observed is red. */
export function judgeAll(observations: readonly CellObservation[]): CellVerdict[] {
  const merged = mergeObservations(observations);
  return cellsOf(EXPECTED_MATRIX).map((c) => judgeCell(c.expected, merged.get(cellKey(c.role, c.object, c.action)), c.role, c.object, c.action));
}

/** The rules of the matrix with their results; a rule no test reported on is red. */
export function ruleResults(reported: readonly RuleResult[]): RuleResult[] {
  const byId = new Map(reported.map((r) => [r.id, r]));
  return [...FIELD_RULES, ...OWNERSHIP_RULES].map((r) => byId.get(r.id) ?? { id: r.id, rule: r.rule, pass: false, details: ['no test reported on this rule in this run'] });
}

export function renderReport(verdicts: readonly CellVerdict[], rules: readonly RuleResult[], meta: ReportInput['meta'], roles?: readonly MatrixRole[]): string {
  return renderMatrixReport({ matrix: EXPECTED_MATRIX, verdicts, rules, meta, ...(roles ? { roles } : {}) });
}

export function writeMatrixReport(html: string): string {
  fs.mkdirSync(path.dirname(MATRIX_REPORT_FILE), { recursive: true });
  fs.writeFileSync(MATRIX_REPORT_FILE, html);
  return MATRIX_REPORT_FILE;
}

/** The verdicts of one role's row. */
export function judgeRole(role: MatrixRole, observations: readonly CellObservation[]): CellVerdict[] {
  return judgeAll(observations).filter((v) => v.role === role);
}

/** One readable line per red cell, for the assertion message. */
export function redCells(verdicts: readonly CellVerdict[]): string[] {
  return verdicts.filter((v) => !v.pass).map((v) => {
    const layers = v.layers.filter((l) => !l.pass || l.checked).map((l) => `${l.layer}: ${l.observed}${l.pass ? '' : ` ✗ [${l.details.filter(Boolean).slice(0, 4).join(' | ')}]`}`);
    return `${v.role} · ${v.object}.${v.action}: expected ${v.expected}; ${layers.join('; ') || 'never checked'}`;
  });
}
