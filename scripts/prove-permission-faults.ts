/**
 * Proof of strength for the permission matrix: runs every @permissions test once with all defect
 * switches off (every cell and rule must be green) and once per permission-kind switch (at least one
 * cell or rule must turn red), each against a fresh bundled CRM started with CRM_FAULTS=<switch>,
 * and prints the switch → red cells table that docs/fault-detection.md records.
 *
 *   npx tsx scripts/prove-permission-faults.ts
 *   npx tsx scripts/prove-permission-faults.ts --switch internal-note-in-portal --port 4327 --workers 2
 *
 * Slow by design (one full matrix per switch). Exits non-zero when the clean run is not green or a
 * switch goes unnoticed.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { loadRun, judgeAll, ruleResults } from '../profiles/demo-crm/permissions/report.js';

export const PERMISSION_SWITCHES = [
  'opportunity-owner-check-missing',
  'invoices-url-open-to-support',
  'discount-editable-after-approval',
  'internal-note-in-portal',
  'manager-approves-above-30',
] as const;

interface Outcome {
  faults: string;
  exitCode: number | null;
  seconds: number;
  redCells: string[];
  redRules: string[];
}

function option(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function runOnce(faults: string, port: number, workers: number): Outcome {
  const runId = `pf${crypto.randomBytes(4).toString('hex')}`;
  const started = Date.now();
  // each run keeps its reports and test-results apart, so it never clears another run's artefacts
  const outputDir = path.resolve(import.meta.dirname, '..', 'reports', 'prove-permission-faults', faults || 'all-off');
  const child = spawnSync('npx', ['playwright', 'test', '--grep', '@permissions', '--project=permissions', '--project=permissions-report', `--workers=${workers}`, '--retries=0'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      // eslint-disable-next-line no-restricted-properties -- a child process inherits the caller's environment on purpose
      ...process.env,
      START_CRM: 'true',
      CRM_BASE_URL: `http://127.0.0.1:${port}`,
      CRM_FAULTS: faults,
      BROWSER: 'chromium',
      FLOWS_RUN_ID: runId,
      FLOWS_OUTPUT_DIR: outputDir,
    },
  });
  const run = loadRun(runId, path.join(outputDir, 'reports'));
  const redCells = judgeAll(run.observations).filter((v) => !v.pass).map((v) => {
    const layers = v.layers.filter((l) => !l.pass).map((l) => `${l.layer}: ${l.observed}`);
    return `${v.role} · ${v.object}.${v.action} (expected ${v.expected}; ${layers.join(', ') || 'not checked'})`;
  });
  const redRules = ruleResults(run.rules).filter((r) => !r.pass).map((r) => `${r.id}: ${r.details[0] ?? ''}`);
  return { faults, exitCode: child.status, seconds: Math.round((Date.now() - started) / 1000), redCells, redRules };
}

function main(): void {
  const argv = process.argv.slice(2);
  const switches = option(argv, '--switch')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [...PERMISSION_SWITCHES];
  const port = Number(option(argv, '--port') ?? 4327);
  const workers = Number(option(argv, '--workers') ?? 2);
  const outcomes: Outcome[] = [];
  for (const faults of ['', ...switches]) {
    process.stderr.write(`▶ ${faults || 'all switches off'}\n`);
    const o = runOnce(faults, port, workers);
    outcomes.push(o);
    process.stderr.write(`  exit ${o.exitCode}, ${o.seconds}s, ${o.redCells.length} red cells, ${o.redRules.length} red rules\n`);
  }
  console.log('| switch | red cells | red rules | run time |\n| --- | --- | --- | --- |');
  for (const o of outcomes) console.log(`| ${o.faults || '(all off)'} | ${o.redCells.join('<br>') || '—'} | ${o.redRules.join('<br>') || '—'} | ${o.seconds}s |`);
  const [clean, ...faulty] = outcomes;
  const unnoticed = faulty.filter((o) => o.redCells.length + o.redRules.length === 0).map((o) => o.faults);
  if (clean && (clean.exitCode !== 0 || clean.redCells.length + clean.redRules.length > 0)) {
    console.error('The clean run is not green: fix that first.');
    process.exitCode = 1;
  }
  if (unnoticed.length > 0) {
    console.error(`No cell or rule turned red for: ${unnoticed.join(', ')}`);
    process.exitCode = 1;
  }
}

main();
