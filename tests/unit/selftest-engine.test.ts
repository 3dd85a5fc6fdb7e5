import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { catalogueDisagreements, knownNamesFromRefusal, parseCatalogueTable, type DefectSwitch } from '../../scripts/lib/selftest/catalogue.js';
import { classify, isAssertionFailure, type PwReport, type PwResult } from '../../scripts/lib/selftest/classify.js';
import { areaPass, areaSpecFiles, ciSubset, CI_SUBSET, firstPass, nextPass, parseOptions, passArgs, selectSwitches } from '../../scripts/lib/selftest/plan.js';
import { carryOver, renderHtml, summaryLine, totalsOf, type SelftestReport, type SwitchResult } from '../../scripts/lib/selftest/report.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const catalogue = parseCatalogueTable(fs.readFileSync(path.join(root, 'demo-crm', 'docs', 'defect-switches.md'), 'utf8'));

/** A run's JSON report with the given results, one spec each, in order. */
function report(results: { project?: string; title?: string; file?: string; result: PwResult }[], errors: { message: string }[] = []): PwReport {
  return {
    suites: results.map((r, i) => ({
      title: r.file ?? `demo-crm/spec-${i}.spec.ts`,
      file: r.file ?? `demo-crm/spec-${i}.spec.ts`,
      specs: [{ title: r.title ?? `test ${i}`, file: r.file ?? `demo-crm/spec-${i}.spec.ts`, line: 10 + i, tests: [{ projectName: r.project ?? 'chromium', results: [r.result] }] }],
    })),
    errors,
  };
}
const at = (second: number, status: string, ...messages: string[]): PwResult => ({
  status, startTime: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(), duration: 1000, errors: messages.map((message) => ({ message })),
});
const passed = (second: number) => at(second, 'passed');

const EXPECT_TEXT = 'Error: expect(locator).toHaveText(expected) failed\n\nLocator:  getByTestId(\'quote-grand-total\')\nExpected: "$502.19"\nReceived: "$508.61"\nTimeout:  10000ms\n\nCall log:\n  - Expect "toHaveText"';
const CUSTOM = "Error: cells where salesRep's API access disagrees with the matrix\n\nexpect(received).toEqual(expected) // deep equality\n\n- Expected  - 0\n+ Received  + 3";

describe('selftest: the catalogue', () => {
  it("reads every switch of the CRM's documented catalogue with its kind and area", () => {
    assert.equal(catalogue.length >= 25, true);
    assert.deepEqual(catalogue.find((s) => s.name === 'quote-tax-on-gross'), { name: 'quote-tax-on-gross', kind: 'calculation', breaks: 'tax is computed on the line amount before discount', caughtBy: 'lead-to-cash: quote totals' });
  });

  it('reads the names the CRM lists when it refuses an unknown switch, and says where document and CRM disagree', () => {
    const names = knownNamesFromRefusal('Cannot start the CRM: CRM_FAULTS names unknown defect switch(es): nope. Known: quote-tax-on-gross, lockout-disabled\n');
    assert.deepEqual(names, ['quote-tax-on-gross', 'lockout-disabled']);
    assert.equal(knownNamesFromRefusal('Demo CRM listening on http://127.0.0.1:1'), undefined);
    const doc: DefectSwitch[] = [{ name: 'quote-tax-on-gross', kind: 'calculation', breaks: '', caughtBy: '' }, { name: 'gone', kind: 'x', breaks: '', caughtBy: '' }];
    assert.deepEqual(catalogueDisagreements(doc, names!), ['the CRM knows "lockout-disabled" but the catalogue document has no row for it', 'the catalogue document lists "gone" but the CRM does not know it']);
  });
});

describe('selftest: classifying the first failure', () => {
  it('an expect failure is a catch, with the first line of the assertion', () => {
    const c = classify(report([{ result: passed(0) }, { title: 'rep sells with a discount', result: at(5, 'failed', EXPECT_TEXT) }]));
    assert.equal(c.verdict, 'caught');
    assert.equal(c.failure?.title, 'rep sells with a discount');
    assert.equal(c.assertion, 'expect(locator).toHaveText(expected) failed');
    assert.equal(c.detail, 'Locator: getByTestId(\'quote-grand-total\'); Expected: "$502.19"; Received: "$508.61"');
  });

  it("the test's own message is the assertion's first line", () => {
    const c = classify(report([{ project: 'permissions', result: at(3, 'failed', CUSTOM) }]));
    assert.equal(c.verdict, 'caught');
    assert.equal(c.assertion, "cells where salesRep's API access disagrees with the matrix");
  });

  it('a test that timed out while an expect waited counts; a timeout elsewhere does not', () => {
    assert.equal(classify(report([{ result: at(1, 'timedOut', 'Test timeout of 60000ms exceeded.', EXPECT_TEXT) }])).verdict, 'caught');
    const c = classify(report([{ result: at(1, 'timedOut', 'Test timeout of 60000ms exceeded.', "Error: locator.click: Test timeout of 60000ms exceeded.\nCall log:\n  - waiting for getByRole('button')") }]));
    assert.equal(c.verdict, 'inconclusive');
    assert.match(c.reason!, /^test timeout outside an assertion/);
    assert.match(classify(report([{ result: at(1, 'failed', 'Error: locator.click: Timeout 10000ms exceeded.') }])).reason!, /^action timeout outside an assertion/);
  });

  it('a failed sign-in, an expired session, a crash or an error thrown by helper code is inconclusive', () => {
    const signIn = classify(report([{ result: at(1, 'failed', `Error: Sales rep Li Wei (salesRep) could not sign in through the login page in this run: ${EXPECT_TEXT.split('\n')[0]}`) }]));
    assert.equal(signIn.verdict, 'inconclusive', 'even when the sign-in failed in an expect of the profile');
    assert.match(signIn.reason!, /^sign-in failed: Sales rep Li Wei/);
    assert.match(classify(report([{ result: at(1, 'failed', 'Error: the session expired and could not be renewed: Received 401') }])).reason!, /^session expired/);
    assert.match(classify(report([{ result: at(1, 'failed', 'Error: page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:4601/leads') }])).reason!, /^crash/);
    const thrown = classify(report([{ result: at(1, 'failed', 'ApiError: POST /api/payments as finance answered HTTP 400: {"error":"invalid"}') }]));
    assert.equal(thrown.verdict, 'inconclusive');
    assert.match(thrown.reason!, /^error outside an assertion: ApiError: POST \/api\/payments/);
  });

  it('the first failure in time decides, whatever the order of the report', () => {
    const c = classify(report([{ title: 'later', result: at(30, 'failed', EXPECT_TEXT) }, { title: 'earlier', result: at(2, 'failed', 'Error: boom') }]));
    assert.equal(c.failure?.title, 'earlier');
    assert.equal(c.verdict, 'inconclusive');
  });

  it('a CRM that did not start is inconclusive; a green run is green; "stopped early" is not an error', () => {
    const crm = classify(report([], [{ message: 'Error: Process from config.webServer was not able to start. Exit code: 1' }]));
    assert.equal(crm.verdict, 'inconclusive');
    assert.match(crm.reason!, /^CRM did not start/);
    assert.match(classify(report([{ result: passed(1) }], [{ message: 'Timed out waiting 600s for the entire test run' }])).reason!, /^time budget of the switch used up/);
    assert.match(classify(report([{ result: passed(1) }], [{ message: 'Timed out waiting 719.991s for the test suite to run' }])).reason!, /^time budget of the switch used up/);
    const green = classify(report([{ result: passed(1) }, { result: passed(2) }], [{ message: 'Testing stopped early after 1 maximum allowed failures.' }]));
    assert.deepEqual([green.verdict, green.testsRun], ['green', 2]);
  });

  it('recognises the shapes of an assertion failure', () => {
    assert.equal(isAssertionFailure('Error: expect.poll(received).toBe(expected)\n\nExpected: 3\nReceived: 2'), true);
    assert.equal(isAssertionFailure('Error: Timed out 5000ms waiting for expect(locator).toBeVisible()\n\nLocator: x\nExpected: visible\nReceived: hidden'), true);
    assert.equal(isAssertionFailure('Error: the conversion created no opportunity'), false);
    assert.equal(isAssertionFailure(''), false);
  });
});

describe('selftest: choosing and ordering', () => {
  it('the CI subset has at least one switch of every kind, and fills in a kind it does not name', () => {
    const subset = ciSubset(catalogue);
    assert.deepEqual([...new Set(subset.map((s) => s.kind))].sort(), [...new Set(catalogue.map((s) => s.kind))].sort());
    assert.equal(subset.length, CI_SUBSET.length);
    const grown = [...catalogue, { name: 'new-kind-switch', kind: 'brand-new', breaks: '', caughtBy: '' }];
    assert.equal(ciSubset(grown).some((s) => s.name === 'new-kind-switch'), true);
  });

  it('selects by switch and kind, one of each kind first, and names what it does not know', () => {
    assert.deepEqual(selectSwitches(catalogue, { kinds: ['security'] }).map((s) => s.name), ['csrf-missing-on-payment', 'xss-lead-company', 'lockout-disabled', 'lead-search-sql-concatenated', 'session-lifetime-unbounded', 'session-renewed-after-expiry', 'role-kept-in-session', 'session-cookie-not-secure', 'session-token-stored-in-clear', 'password-hashed-fast', 'data-files-readable-by-all', 'sign-out-everywhere-ends-one', 'password-reset-keeps-sessions', 'password-policy-skipped-on-reset', 'sign-in-next-unchecked', 'csp-allows-inline-script', 'security-headers-missing-on-errors', 'no-store-missing-on-api']);
    assert.deepEqual(selectSwitches(catalogue, { switches: ['xss-lead-company', 'lockout-disabled', 'quote-tax-on-gross'] }).map((s) => s.name), ['quote-tax-on-gross', 'xss-lead-company', 'lockout-disabled']);
    // one of every kind first, so a self-test stopped half-way has judged every kind
    const all = selectSwitches(catalogue, {});
    assert.deepEqual(new Set(all.slice(0, CI_SUBSET.length).map((s) => s.kind)).size, new Set(catalogue.map((s) => s.kind)).size);
    assert.deepEqual(selectSwitches(catalogue, { subset: 'ci', kinds: ['sla'] }).map((s) => s.name), ['sla-breach-not-flagged']);
    assert.throws(() => selectSwitches(catalogue, { switches: ['typo'] }), /unknown switch\(es\) typo/);
    assert.throws(() => selectSwitches(catalogue, { kinds: ['css'] }), /unknown kind\(s\) css/);
  });

  it('parses the options and refuses a bad one', () => {
    assert.deepEqual(parseOptions(['--switch', 'a,b', '--parallel=1', '--base-port', '4610']), { switches: ['a', 'b'], parallel: 1, basePort: 4610, profile: 'demo-crm', switchBudgetMinutes: 12 });
    assert.throws(() => parseOptions(['--subset', 'nightly']), /--subset must be ci/);
    assert.throws(() => parseOptions(['--fast']), /unknown option/);
  });

  const suite = ['flows/demo-crm/data/lead-migration.spec.ts', 'flows/demo-crm/lead-to-cash-approvals.spec.ts', 'flows/demo-crm/lead-to-cash.spec.ts', 'flows/demo-crm/permissions/api.spec.ts', 'flows/demo-crm/security/csrf-every-route.spec.ts', 'flows/demo-crm/service-ticket.spec.ts'];
  const sw = (name: string) => catalogue.find((s) => s.name === name)!;

  it("maps a switch's acceptance areas to the specs that prove them", () => {
    assert.deepEqual(areaSpecFiles(sw('manager-approves-above-30').caughtBy, suite, 'flows/demo-crm'), ['flows/demo-crm/lead-to-cash-approvals.spec.ts', 'flows/demo-crm/lead-to-cash.spec.ts', 'flows/demo-crm/permissions/api.spec.ts']);
    assert.deepEqual(areaSpecFiles(sw('import-drops-last-row').caughtBy, suite, 'flows/demo-crm'), ['flows/demo-crm/data/lead-migration.spec.ts']);
    assert.deepEqual(areaSpecFiles(sw('slow-lead-search').caughtBy, suite, 'flows/demo-crm'), []);
  });

  it('runs first the test that caught the switch last time, else its area; then the rest of the suite', () => {
    const previous = [{ name: 'quote-tax-on-gross', caught: true, test: { title: 'rep sells with a discount', file: 'flows/demo-crm/lead-to-cash.spec.ts' } }];
    const last = firstPass(sw('quote-tax-on-gross'), previous, suite, 'flows/demo-crm')!;
    assert.deepEqual([last.files, last.onlyTitle], [['flows/demo-crm/lead-to-cash.spec.ts'], 'rep sells with a discount']);
    assert.deepEqual(passArgs(last, 1).slice(-2), ['--grep', 'rep sells with a discount']);
    const rest = nextPass(suite, { files: [], titles: ['rep sells with a discount'] })!;
    assert.deepEqual([rest.files, rest.skipTitles], [suite, ['rep sells with a discount']]);

    // a test that no longer exists, or a switch never caught: its area
    const moved = firstPass(sw('quote-tax-on-gross'), [{ ...previous[0]!, test: { title: 'x', file: 'flows/demo-crm/gone.spec.ts' } }], suite, 'flows/demo-crm')!;
    assert.deepEqual(moved.files, ['flows/demo-crm/lead-to-cash-approvals.spec.ts', 'flows/demo-crm/lead-to-cash.spec.ts']);
    assert.equal(moved.onlyTitle, undefined);
    assert.deepEqual(nextPass(suite, { files: moved.files, titles: [] })!.files, ['flows/demo-crm/data/lead-migration.spec.ts', 'flows/demo-crm/permissions/api.spec.ts', 'flows/demo-crm/security/csrf-every-route.spec.ts', 'flows/demo-crm/service-ticket.spec.ts']);
    // the last run missed it or did not run it, or named a test that is gone: the next catch listed (the committed catchers) starts it
    const committed = { name: 'quote-tax-on-gross', caught: true, test: { title: 'a committed catcher', file: 'flows/demo-crm/lead-to-cash-approvals.spec.ts' } };
    for (const lastRun of [{ name: 'quote-tax-on-gross', caught: false }, { ...previous[0]!, test: { title: 'x', file: 'flows/demo-crm/gone.spec.ts' } }]) {
      assert.equal(firstPass(sw('quote-tax-on-gross'), [lastRun, committed], suite, 'flows/demo-crm')!.onlyTitle, 'a committed catcher');
    }
    // the last catcher passed alone: its area next, without the title already run
    const area = areaPass(sw('quote-tax-on-gross'), suite, 'flows/demo-crm', { files: [], titles: ['rep sells with a discount'] })!;
    assert.deepEqual([area.files, area.skipTitles], [['flows/demo-crm/lead-to-cash-approvals.spec.ts', 'flows/demo-crm/lead-to-cash.spec.ts'], ['rep sells with a discount']]);
    assert.equal(areaPass(sw('quote-tax-on-gross'), suite, 'flows/demo-crm', { files: area.files, titles: [] }), undefined);
    // no spec for the area yet: straight to the whole suite
    assert.equal(firstPass(sw('slow-lead-search'), [], suite, 'flows/demo-crm'), undefined);
    assert.equal(nextPass(suite, { files: suite, titles: [] }), undefined);
  });

  it('escapes titles for --grep and stops each run at its first failure', () => {
    const args = passArgs({ label: 'x', files: ['flows/demo-crm/a.spec.ts'], onlyTitle: "a 10% (rep's) limit?", skipTitles: ['b [c]', 'd.e'] }, 1);
    assert.deepEqual(args, ['playwright', 'test', 'flows/demo-crm/a.spec.ts', '--workers=1', '--max-failures=1', '--retries=0', '--pass-with-no-tests', '--grep', "a 10% \\(rep's\\) limit\\?", '--grep-invert', 'b \\[c\\]|d\\.e']);
  });
});

describe('selftest: the report', () => {
  const result = (name: string, outcome: SwitchResult['outcome'], extra: Partial<SwitchResult> = {}): SwitchResult => ({
    name, kind: 'security', breaks: '<b>breaks</b>', caughtBy: 'security: x', caught: outcome === 'caught', outcome, inconclusiveReason: null, test: null, criterion: null, assertion: null,
    secondsToDetection: null, seconds: 60, ports: [4601], passes: [], ranAt: '2026-01-01T00:00:00.000Z', ...extra,
  });

  it('counts the mutation score and prints the summary line', () => {
    const t = totalsOf([result('a', 'caught'), result('b', 'caught'), result('c', 'missed'), result('d', 'inconclusive')], 123);
    assert.equal(summaryLine(t), 'selftest: 2/4 switches caught (50%), 1 missed, 1 inconclusive in 123 s');
  });

  it('keeps the last result of switches this run left out, and escapes every text of the page', () => {
    const previous = { switches: [result('a', 'caught'), result('b', 'missed')], notRun: [result('c', 'caught')] } as unknown as SelftestReport;
    assert.deepEqual(carryOver(previous, [result('a', 'missed')]).map((r) => r.name), ['b', 'c']);
    const html = renderHtml({
      generatedAt: '2026-01-01T00:00:00.000Z', profile: 'demo-crm', command: 'npm run selftest', commit: 'abc', selection: 'all', excluded: [],
      baseline: { ok: true, source: 'run', seconds: 1, passed: 1, failed: 0, port: 4600 },
      totals: totalsOf([result('x<script>', 'caught', { assertion: '<img src=x onerror=alert(1)>', test: { title: '"t" & <u>', describe: [], file: 'f', line: 1, project: 'chromium' } })], 1),
      switches: [result('x<script>', 'caught', { assertion: '<img src=x onerror=alert(1)>', test: { title: '"t" & <u>', describe: [], file: 'f', line: 1, project: 'chromium' } })],
      notRun: [],
    });
    assert.equal(html.includes('<script>') || html.includes('<img') || html.includes('<u>') || html.includes('<b>breaks'), false);
    assert.match(html, /Mutation score 1\/1 \(100 %\)/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
