import path from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogueError } from '../fixtures/acceptance/criteria-schema.js';
import { AcceptanceInputError } from '../fixtures/acceptance/input-error.js';
import { produceAcceptanceReport } from '../fixtures/acceptance/produce-report.js';
import { writeGuides } from '../fixtures/acceptance/write-guides.js';
import { DEFAULT_KNOWN_DEFECT_TOLERANCE } from '../fixtures/acceptance/verdict.js';
import { acceptanceDir, loadCatalogue, loadProcesses, repoRoot } from './lib/profile-acceptance.js';

/**
 * npm run acceptance [-- --profile demo-crm --results reports/allure-results --out reports/acceptance] [--no-guides]
 * Writes the run's user guides (as npm run guides), then turns the latest run into the acceptance decision. Exit 0: Accept or Accept with conditions;
 * 1: Reject; 2: the input cannot be judged (nothing is written then).
 */
const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'demo-crm' },
    results: { type: 'string', default: 'reports/allure-results' },
    reports: { type: 'string' },
    out: { type: 'string', default: 'reports/acceptance' },
    tolerance: { type: 'string', default: String(DEFAULT_KNOWN_DEFECT_TOLERANCE) },
    'no-guides': { type: 'boolean', default: false },
  },
});

const fromRoot = (p: string) => path.resolve(repoRoot, p);

try {
  const tolerance = Number(values.tolerance);
  if (!Number.isInteger(tolerance) || tolerance < 0) throw new AcceptanceInputError(`--tolerance must be a whole number of known defects (got "${values.tolerance}")`);
  const dir = acceptanceDir(values.profile);
  const resultsDir = fromRoot(values.results);
  const reportsDir = values.reports ? fromRoot(values.reports) : path.dirname(resultsDir);
  // The guides (AC-TRN-01) come from the same results, so they are written first unless asked not to.
  if (!values['no-guides']) {
    const count = writeGuides({ resultsDir, outDir: path.join(reportsDir, 'guides'), figuresDir: path.join(reportsDir, 'figures'), root: repoRoot });
    console.log(`${count} user guides written to ${path.relative(process.cwd(), path.join(reportsDir, 'guides'))}/index.html`);
  }
  const report = produceAcceptanceReport({
    profile: values.profile,
    catalogue: await loadCatalogue(values.profile),
    processes: await loadProcesses(values.profile),
    resultsDir,
    reportsDir,
    knownDefectsFile: path.join(dir, 'known-defects.json'),
    manualChecksFile: path.join(dir, 'manual-checks.json'),
    outDir: fromRoot(values.out),
    today: new Date(),
    tolerance,
  });
  const c = report.decision.counts;
  console.log(`Acceptance verdict: ${report.decision.verdict} — ${report.decision.because} (${c.total} criteria: ${c.passed + c['manual-pass']} passed, ${c.failed + c['manual-fail']} failed, ${c['known-defect']} known defects, ${c['not-covered']} not covered)`);
  console.log(`Report: ${path.relative(process.cwd(), path.join(fromRoot(values.out), 'index.html'))}`);
  process.exitCode = report.decision.verdict === 'Reject' ? 1 : 0;
} catch (error) {
  // Exit 1 means Reject, so an unexpected error must not end with it either.
  const expected = error instanceof AcceptanceInputError || error instanceof CatalogueError;
  console.error(`Acceptance report not written: ${expected ? (error as Error).message : (error as Error).stack ?? String(error)}`);
  process.exitCode = 2;
}
