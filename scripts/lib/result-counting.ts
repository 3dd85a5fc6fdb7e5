/**
 * Turns the outputs of every test runner of `npm test` into one "N passed, N failed" line:
 * node:test's closing summary (spec or TAP, both possible depending on whether stdout is a TTY)
 * from the run log, and Playwright's JSON report.
 */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export const zero = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

export function add(a: Counts, b: Counts): Counts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

// "ℹ pass 12" (spec reporter) or "# pass 12" (TAP), always at the start of a line for the top-level summary
const SUMMARY_LINE = /^(?:ℹ|#) (tests|pass|fail|cancelled|skipped|todo) (\d+)\s*$/;

/** One Counts per node:test run found in the log, in order. */
export function parseNodeTestSummaries(log: string): Counts[] {
  const runs: Counts[] = [];
  let current: Counts | undefined;
  for (const line of log.split(/\r?\n/)) {
    const match = SUMMARY_LINE.exec(line);
    if (!match) continue;
    const [, key, raw] = match;
    const n = Number(raw);
    if (key === 'tests') {
      current = zero();
      runs.push(current);
      continue;
    }
    if (!current) continue;
    if (key === 'pass') current.passed += n;
    else if (key === 'fail' || key === 'cancelled') current.failed += n;
    else current.skipped += n;
  }
  return runs;
}

interface PlaywrightStats {
  expected?: number;
  unexpected?: number;
  flaky?: number;
  skipped?: number;
}

/**
 * Playwright's JSON reporter. A flaky test (failed, then passed on its retry) counts as failed: the
 * configuration fails the run for it (failOnFlakyTests), and an acceptance test must pass first time.
 */
export function parsePlaywrightReport(report: { stats?: PlaywrightStats; errors?: unknown[] }): Counts {
  const s = report.stats ?? {};
  const globalErrors = report.errors?.length ?? 0;
  const failedTests = (s.unexpected ?? 0) + (s.flaky ?? 0);
  return {
    passed: s.expected ?? 0,
    // an error outside any test (config, global setup, web server) fails the run too
    failed: failedTests + (globalErrors > 0 && failedTests === 0 ? 1 : 0),
    skipped: s.skipped ?? 0,
  };
}

export function formatSummary(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed${c.skipped > 0 ? `, ${c.skipped} skipped` : ''}`;
}
