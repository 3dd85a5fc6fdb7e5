import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { add, formatSummary, parseNodeTestSummaries, parsePlaywrightReport, zero, type Counts } from './lib/result-counting.js';

/**
 * Prints the CI summary: a line per runner, then "N passed, N failed[, N skipped]" alone on the
 * last line. Exits non-zero when anything failed, including a step that ran no tests at all
 * (typecheck, lint) — the exit code of `npm test` is passed in for that.
 *
 *   tsx scripts/count-results.ts --log run.log --playwright-json reports/playwright-results.json [--playwright-json …] [--selftest reports/selftest/selftest.json] --exit-code 0
 */
const { values } = parseArgs({
  options: {
    log: { type: 'string' },
    'playwright-json': { type: 'string', multiple: true },
    'exit-code': { type: 'string', default: '0' },
    since: { type: 'string' },
    selftest: { type: 'string' },
  },
});

let total: Counts = zero();
const lines: string[] = [];

if (values.log && fs.existsSync(values.log)) {
  parseNodeTestSummaries(fs.readFileSync(values.log, 'utf8')).forEach((c, i) => {
    lines.push(`  node:test run ${i + 1}: ${formatSummary(c)}`);
    total = add(total, c);
  });
}

const since = values.since ? Number(values.since) * 1000 : 0;
// one Playwright report per run of the flows (the bundled CRM's, then each other profile's)
for (const json of values['playwright-json'] ?? []) {
  if (fs.existsSync(json) && fs.statSync(json).mtimeMs >= since) {
    const c = parsePlaywrightReport(JSON.parse(fs.readFileSync(json, 'utf8')) as Parameters<typeof parsePlaywrightReport>[0]);
    lines.push(`  Playwright flows (${json}): ${formatSummary(c)}`);
    total = add(total, c);
  } else {
    lines.push(`  Playwright flows (${json}): no report from this run (the flows did not run or did not finish): counted as 1 failure`);
    total = add(total, { passed: 0, failed: 1, skipped: 0 });
  }
}

// the self-test's defect switches (npm run selftest): each caught one a pass, each other a failure
if (values.selftest) {
  const file = values.selftest;
  const totals = fs.existsSync(file) && fs.statSync(file).mtimeMs >= since
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { totals?: { total?: number; caught?: number } }).totals
    : undefined;
  if (totals && typeof totals.total === 'number' && typeof totals.caught === 'number') {
    const c = { passed: totals.caught, failed: totals.total - totals.caught, skipped: 0 };
    lines.push(`  self-test, defect switches caught (${file}): ${formatSummary(c)}`);
    total = add(total, c);
  } else {
    lines.push(`  self-test (${file}): no result from this run: counted as 1 failure`);
    total = add(total, { passed: 0, failed: 1, skipped: 0 });
  }
}

const exitCode = Number(values['exit-code']);
if (exitCode !== 0 && total.failed === 0) {
  lines.push(`  npm test exited with ${exitCode} outside any counted test (typecheck, lint or a runner crash): counted as 1 failure`);
  total = add(total, { passed: 0, failed: 1, skipped: 0 });
}

console.log('Test results:');
for (const line of lines) console.log(line);
console.log(formatSummary(total));
process.exit(total.failed > 0 || exitCode !== 0 ? 1 : 0);
