import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AcceptanceInputError } from '../../fixtures/acceptance/input-error.js';
import { produceAcceptanceReport, type AcceptanceSources } from '../../fixtures/acceptance/produce-report.js';
import { catalogueOf, criterion, tempDir, TODAY, writeResults } from './acceptance-support.js';

function sources(root: string, extra: Partial<AcceptanceSources> = {}): AcceptanceSources {
  return {
    profile: 'demo-crm',
    catalogue: catalogueOf(criterion('AC-X-01')),
    processes: [],
    resultsDir: path.join(root, 'reports', 'allure-results'),
    knownDefectsFile: path.join(root, 'known-defects.json'),
    manualChecksFile: path.join(root, 'manual-checks.json'),
    outDir: path.join(root, 'reports', 'acceptance'),
    today: TODAY,
    ...extra,
  };
}

const inputError = (pattern: RegExp) => (e: Error) => e instanceof AcceptanceInputError && pattern.test(e.message);
const previousReport = (root: string) => {
  const out = path.join(root, 'reports', 'acceptance');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'index.html'), 'previous report');
  return () => fs.readFileSync(path.join(out, 'index.html'), 'utf8');
};

describe('bad input: one clear message, nothing written', () => {
  it('no results folder', () => {
    const root = tempDir();
    assert.throws(() => produceAcceptanceReport(sources(root)), inputError(/No test results at .*run the flows first/));
    assert.equal(fs.existsSync(path.join(root, 'reports', 'acceptance')), false);
  });

  it('an empty results folder', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'reports', 'allure-results'), { recursive: true });
    assert.throws(() => produceAcceptanceReport(sources(root)), inputError(/holds no test results/));
  });

  it('results of another CRM profile are refused; the same or an unrecorded profile is judged', () => {
    const root = tempDir();
    const read = previousReport(root);
    const results = path.join(root, 'reports', 'allure-results');
    writeResults(results, [{ links: [{ type: 'requirement', name: 'AC-X-01' }] }], { 'CRM profile': 'atomic-crm' });
    assert.throws(() => produceAcceptanceReport(sources(root)), inputError(/profile "atomic-crm", not "demo-crm".*--profile atomic-crm/));
    assert.equal(read(), 'previous report', 'the previous report is left untouched');

    writeResults(results, [{ links: [{ type: 'requirement', name: 'AC-X-01' }] }], { 'CRM profile': 'demo-crm' });
    assert.equal(produceAcceptanceReport(sources(root)).decision.verdict, 'Accept');
    writeResults(results, [{ links: [{ type: 'requirement', name: 'AC-X-01' }] }], {});
    assert.equal(produceAcceptanceReport(sources(root)).environment['CRM profile'], undefined);
    assert.match(read(), /unknown \(the run did not record it\)/);
  });

  it('a malformed register stops the report before anything is written', () => {
    const root = tempDir();
    const read = previousReport(root);
    writeResults(path.join(root, 'reports', 'allure-results'), [{}]);
    fs.writeFileSync(path.join(root, 'known-defects.json'), JSON.stringify([{ criterion: 'AC-X-01', tracker: 'BUG-1' }]));
    assert.throws(() => produceAcceptanceReport(sources(root)), inputError(/known-defects\.json is malformed:\n {2}- entry 1 \(BUG-1\), field link/));
    assert.equal(read(), 'previous report');
    fs.writeFileSync(path.join(root, 'known-defects.json'), '[]');
    produceAcceptanceReport(sources(root));
    assert.match(read(), /<!doctype html>/);
  });

  it('a result file cut off in the middle of writing is named', () => {
    const root = tempDir();
    const results = writeResults(path.join(root, 'reports', 'allure-results'), [{}]);
    fs.writeFileSync(path.join(results, 'cut-result.json'), '{"uuid": "x", "na');
    assert.throws(() => produceAcceptanceReport(sources(root)), inputError(/cut-result\.json is not readable JSON/));
  });
});

describe('the written report', () => {
  it('escapes what the results say, and puts the verdict and the failing criterion first', () => {
    const root = tempDir();
    writeResults(path.join(root, 'reports', 'allure-results'), [{ name: '<script>alert(1)</script>', status: 'failed', statusDetails: { message: 'Error: <img src=x onerror=alert(1)>', trace: 'at secret/stack.ts:1' }, links: [{ type: 'requirement', name: 'AC-X-01' }] }]);
    const report = produceAcceptanceReport(sources(root));
    assert.equal(report.decision.verdict, 'Reject');
    const html = fs.readFileSync(path.join(root, 'reports', 'acceptance', 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<script>|<img src=x/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /secret\/stack\.ts/, 'no stack traces');
    const verdictAt = html.indexOf('data-testid="verdict"');
    assert.ok(verdictAt > 0 && verdictAt < html.indexOf('What blocks acceptance') && html.indexOf('What blocks acceptance') < html.indexOf('id="AC-X-01"'));
    assert.match(fs.readFileSync(path.join(root, 'reports', 'acceptance', 'acceptance.md'), 'utf8'), /\*\*Verdict: Reject\*\*/);
  });
});
