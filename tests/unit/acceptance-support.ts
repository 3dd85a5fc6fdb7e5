import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Step, TestRun } from '../../fixtures/acceptance/allure-results.js';
import { defineCatalogue, type Criterion } from '../../fixtures/acceptance/criteria-schema.js';
import type { RunEvidence } from '../../fixtures/acceptance/criterion-status.js';

/** Small builders for the acceptance unit tests: a test run, a criterion, the evidence of a run. */
let counter = 0;

export function step(title: string, extra: Partial<Step> = {}): Step {
  return { title, status: 'passed', attachments: [], steps: [], ...extra };
}

export function run(name: string, extra: Partial<TestRun> = {}): TestRun {
  counter += 1;
  return { uuid: `uuid-${counter}`, historyId: `h-${counter}`, name, fullName: name, status: 'passed', criteria: [], labels: {}, personas: [], steps: [], ...extra };
}

export function criterion(id: string, extra: Partial<Criterion> = {}): Criterion {
  return { id, area: 'functional', priority: 'must', statement: `The statement of ${id}, long enough to be measurable.`, ...extra };
}

export const catalogueOf = (...list: Criterion[]) => defineCatalogue(list);

export const TODAY = new Date('2026-12-01T10:00:00Z');

export function evidence(extra: Partial<RunEvidence> = {}): RunEvidence {
  return { runs: [], figures: [], knownDefects: [], manualChecks: [], today: TODAY, ...extra };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'acceptance-test-'));
}

/** Writes an Allure results folder: one result file per run plus environment.properties. */
export function writeResults(dir: string, results: readonly Record<string, unknown>[], environment: Record<string, string> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  results.forEach((r, i) => fs.writeFileSync(path.join(dir, `r${i}-result.json`), JSON.stringify({ uuid: `u${i}`, name: `test ${i}`, status: 'passed', ...r })));
  fs.writeFileSync(path.join(dir, 'environment.properties'), Object.entries(environment).map(([k, v]) => `${k.replace(/ /g, '\\ ')}=${v}`).join('\n'));
  return dir;
}
