/**
 * Reads one self-test run's Playwright JSON report and says what its first failure means: a switch
 * is *caught* only when a test fails on an assertion (an `expect`, with or without the test's own
 * message); a test timeout outside an assertion, an error thrown by helper code, a failed sign-in
 * (the setup project), an expired session, a browser crash or a CRM that did not start are
 * *inconclusive*: something went wrong, but nothing says the broken behaviour was seen.
 */

export interface PwError { message?: string; stack?: string; value?: string }
export interface PwResult { status: string; duration?: number; startTime?: string; retry?: number; error?: PwError; errors?: PwError[] }
export interface PwTest { projectName: string; status?: string; results: PwResult[] }
export interface PwSpec { title: string; file?: string; line?: number; ok?: boolean; tests: PwTest[] }
export interface PwSuite { title: string; file?: string; specs?: PwSpec[]; suites?: PwSuite[] }
export interface PwReport { suites?: PwSuite[]; errors?: PwError[]; stats?: { startTime?: string; duration?: number } }

/** One test result of the run, flattened. */
export interface Outcome {
  title: string;
  /** titles of the enclosing describe blocks, outermost first */
  describe: string[];
  file: string;
  line?: number;
  project: string;
  status: string;
  /** ms since the epoch; end = start + duration */
  start: number;
  end: number;
  messages: string[];
}

export type Verdict = 'caught' | 'inconclusive' | 'green';

export interface Classification {
  verdict: Verdict;
  /** why the run says nothing about the switch (inconclusive only) */
  reason?: string;
  /** the failing test (caught and test-level inconclusive) */
  failure?: Outcome;
  /** the failing assertion's first line (caught), or the error's first line (inconclusive) */
  assertion?: string;
  /** locator, expected and received of the failing assertion (caught) */
  detail?: string;
  /** tests that ran, outside the setup and report-scan projects */
  testsRun: number;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}


export function outcomes(report: PwReport): Outcome[] {
  const out: Outcome[] = [];
  const walk = (suite: PwSuite, describe: string[], file: string | undefined) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        for (const r of test.results) {
          const start = r.startTime ? Date.parse(r.startTime) : 0;
          const messages = [...(r.errors ?? []), ...(r.error && !(r.errors ?? []).length ? [r.error] : [])]
            .map((e) => stripAnsi(e.message ?? e.value ?? ''))
            .filter(Boolean);
          out.push({ title: spec.title, describe, file: spec.file ?? here ?? '', ...(spec.line ? { line: spec.line } : {}), project: test.projectName, status: r.status, start, end: start + (r.duration ?? 0), messages });
        }
      }
    }
    // a file's top suite is titled by its path: not a describe block
    for (const child of suite.suites ?? []) walk(child, child.file && !suite.file ? describe : [...describe, child.title], here);
  };
  for (const suite of report.suites ?? []) walk(suite, [], suite.file);
  return out;
}

const FAILED = new Set(['failed', 'timedOut']);

/** The lines of an error up to Playwright's call log, trimmed and without the `Error: ` prefix of the first. */
export function messageLines(message: string): string[] {
  const lines = stripAnsi(message).split('\n').map((l) => l.trim()).filter(Boolean);
  const end = lines.findIndex((l) => /^Call log:/.test(l));
  const kept = end >= 0 ? lines.slice(0, end) : lines;
  if (kept[0]) kept[0] = kept[0].replace(/^(Error|AssertionError|TypeError):\s*/, '');
  return kept;
}

/**
 * An `expect` failure: the message starts with expect( or names what was expected and received
 * (Playwright prints "Expected: …"/"Received: …", "Expected string: …", "Expected pattern: …"), or
 * carries the test's own message in front of the expect( line.
 */
export function isAssertionFailure(message: string): boolean {
  const lines = messageLines(message);
  if (lines.length === 0) return false;
  if (/^expect(\.soft|\.poll)?\(/.test(lines[0]!)) return true;
  return lines.some((l) => /^expect(\.soft|\.poll)?\(.*\)\.\w+\(/.test(l) || /^(Expected|Received)(\s[\w ]+)?:/.test(l) || /^Expected\b.*\bReceived\b/.test(l));
}

/** What a bare expect( line leaves out: the locator, and what was expected and received (one line each, short). */
export function assertionDetail(message: string): string {
  return messageLines(message).slice(1).filter((l) => /^(Locator|Expected|Received)( string| pattern| value)?:/.test(l)).map((l) => l.replace(/\s+/g, ' ').slice(0, 120)).slice(0, 3).join('; ');
}

/** The first line of an assertion failure: the test's own message when it gave one, else the expect( line. */
export function assertionHeadline(message: string): string {
  return messageLines(message)[0] ?? '';
}

/** A role could not sign in (fixtures/auth/session-store.ts): the run's environment, not a finding. */
export const SIGN_IN_FAILED = /could not sign in through the login page in this run/;
const SESSION = /session expired|session (is|was) (no longer|not) (valid|accepted)|stored session was not accepted|did not accept the session/i;
const CRASH = /Target crashed|browser has (been )?(closed|disconnected)|browserType\.launch|Executable doesn't exist|ECONNREFUSED|ECONNRESET|socket hang up|net::ERR_|Worker process exited unexpectedly|Internal error/i;
const TEST_TIMEOUT = /^Test timeout of \d+ms exceeded/;

/** Why a failure that is not an assertion is inconclusive, in a few words. */
function inconclusiveReason(o: Outcome): string {
  const text = o.messages.join('\n');
  const first = o.messages.map(messageLines).find((l) => l.length)?.[0] ?? `status ${o.status}`;
  if (SIGN_IN_FAILED.test(text)) return `sign-in failed: ${first}`;
  if (SESSION.test(text)) return `session expired or refused: ${first}`;
  if (CRASH.test(text)) return `crash: ${first}`;
  if (o.status === 'timedOut' || TEST_TIMEOUT.test(first)) return `test timeout outside an assertion: ${first}`;
  if (/Timeout \d+ms exceeded/.test(first)) return `action timeout outside an assertion: ${first}`;
  return `error outside an assertion: ${first}`;
}

/** Run-level errors (no test failed): the CRM did not start, the configuration or global setup failed. */
export function runErrorReason(errors: readonly PwError[]): string {
  const lines = errors.map((e) => messageLines(e.message ?? e.value ?? '')[0] ?? '').filter(Boolean);
  const text = lines.join(' | ');
  if (/Timed out waiting [\d.]+s for the (entire test run|test suite to run)/i.test(text)) return `time budget of the switch used up before any test failed: ${text}`;
  if (/webServer|already used|EADDRINUSE|Cannot start the CRM|crm unreachable|ECONNREFUSED/i.test(text)) return `CRM did not start: ${text}`;
  return `run error: ${text || 'Playwright reported an error outside any test'}`;
}

export function classify(report: PwReport): Classification {
  const all = outcomes(report);
  const testsRun = all.filter((o) => o.status !== 'skipped' && o.status !== 'interrupted').length;
  const failures = all.filter((o) => FAILED.has(o.status)).sort((a, b) => a.end - b.end || a.start - b.start);
  const first = failures[0];
  if (first) {
    if (!SIGN_IN_FAILED.test(first.messages.join('\n'))) {
      const assertion = first.messages.find(isAssertionFailure);
      // a test that timed out while an expect was still waiting for the behaviour counts: the expect names it
      if (assertion !== undefined && !SESSION.test(first.messages.join('\n'))) return { verdict: 'caught', failure: first, assertion: assertionHeadline(assertion), detail: assertionDetail(assertion), testsRun };
    }
    return { verdict: 'inconclusive', reason: inconclusiveReason(first), failure: first, assertion: first.messages.map(messageLines).find((l) => l.length)?.[0] ?? '', testsRun };
  }
  const runErrors = (report.errors ?? []).filter((e) => !/Testing stopped early after/.test(e.message ?? ''));
  if (runErrors.length > 0) return { verdict: 'inconclusive', reason: runErrorReason(runErrors), testsRun };
  return { verdict: 'green', testsRun };
}

/** The report could not be read at all: Playwright crashed or never started. */
export function noReport(exitCode: number | null, output: string): Classification {
  const tail = stripAnsi(output).split('\n').map((l) => l.trim()).filter(Boolean).slice(-3).join(' | ');
  const reason = /webServer|Cannot start the CRM|already used|EADDRINUSE/i.test(output) ? `CRM did not start: ${tail}` : `crash: Playwright wrote no report (exit ${exitCode ?? 'signal'}): ${tail}`;
  return { verdict: 'inconclusive', reason, testsRun: 0 };
}
