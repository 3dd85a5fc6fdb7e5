import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastAttempts } from '../../fixtures/acceptance/allure-results.js';
import { judgeCatalogue } from '../../fixtures/acceptance/criterion-status.js';
import { TRANSPORT_LABEL } from '../../fixtures/acceptance/repeated-runs.js';
import { catalogueOf, criterion, evidence, run } from './acceptance-support.js';

const leadToCash = criterion('AC-L2C-01', { area: 'business-process' });
const inARow = (times: number) =>
  criterion('AC-STAB-01', { area: 'stability', runsInARow: { of: 'business-process', times }, threshold: { metric: 'count', max: 0, unit: 'failed or retried runs' } });
const flow = (name: string, extra: Parameters<typeof run>[1] = {}) => run(name, { criteria: ['AC-L2C-01'], project: 'chromium', ...extra });
const judge = (times: number, runs: ReturnType<typeof run>[]) => judgeCatalogue(catalogueOf(leadToCash, inARow(times)), evidence({ runs })).find((r) => r.criterion.id === 'AC-STAB-01')!;

describe('runs in a row (stability judged on the tests of an area)', () => {
  it('passes when every test of the area ran often enough and none failed', () => {
    const result = judge(3, ['a', 'b'].flatMap((name) => [flow(name), flow(name), flow(name)]));
    assert.equal(result.status, 'passed');
    assert.match(result.reason, /0 failed or retried runs/);
  });

  it('is not covered while the least repeated test ran fewer times than asked, and says how to run it', () => {
    const result = judge(10, [flow('a'), flow('a'), flow('b')]);
    assert.equal(result.status, 'not-covered');
    assert.match(result.reason, /2 business-process tests must run 10 time\(s\).*one run.*--repeat-each=10/);
  });

  it('fails on one failed repetition, and on a test that passed only on a retry', () => {
    assert.equal(judge(2, [flow('a'), flow('a', { status: 'failed' })]).status, 'failed');
    const retried = lastAttempts([flow('a', { historyId: 'h-a', status: 'failed', stop: 1 }), flow('a', { historyId: 'h-a', stop: 2 })]);
    assert.equal(retried[0]?.status, 'passed');
    assert.equal(judge(1, retried).status, 'failed');
  });

  it('counts the same test in two browsers as two tests, and ignores tests of other areas', () => {
    const result = judge(1, [flow('a'), flow('a', { project: 'firefox' }), run('other', { criteria: ['AC-X-01'] })]);
    assert.equal(result.figures[0]?.figure.source.startsWith('2 business-process test(s)'), true);
  });

  it('is not covered when no test of the area ran', () => {
    assert.equal(judge(1, []).status, 'not-covered');
  });

  describe('over HTTPS (the whole suite against the CRM served over TLS)', () => {
    const overHttps = criterion('AC-SEC-09', { area: 'security', runsInARow: { of: 'any', times: 1, over: 'https' }, threshold: { metric: 'count', max: 0, unit: 'failed or retried runs' } });
    const tls = { labels: { [TRANSPORT_LABEL]: ['https'] } };
    const plain = { labels: { [TRANSPORT_LABEL]: ['http'] } };
    const judgeHttps = (runs: ReturnType<typeof run>[]) =>
      judgeCatalogue(catalogueOf(leadToCash, criterion('AC-SEC-02', { area: 'security' }), overHttps), evidence({ runs })).find((r) => r.criterion.id === 'AC-SEC-09')!;

    it('is not covered by runs over HTTP, and says how to run it over HTTPS', () => {
      const result = judgeHttps([flow('a', plain), run('xss', { criteria: ['AC-SEC-02'], ...plain })]);
      assert.equal(result.status, 'not-covered');
      assert.match(result.reason, /no test ran with the CRM over HTTPS \(CRM_BASE_URL=https:/);
    });

    it('counts the tests of every area that ran over HTTPS, and only those runs', () => {
      const result = judgeHttps([flow('a', tls), run('xss', { criteria: ['AC-SEC-02'], ...tls }), flow('a', { ...plain, status: 'failed' }), run('xss', { criteria: ['AC-SEC-02'], ...plain })]);
      assert.equal(result.status, 'passed');
      assert.match(result.figures[0]!.figure.source, /^2 test\(s\), 1 run\(s\) each with the CRM over HTTPS/);
    });

    it('is not covered while some tests of the results ran over HTTP only: the whole suite must run over HTTPS', () => {
      const result = judgeHttps([flow('a', tls), run('xss', { criteria: ['AC-SEC-02'], ...plain })]);
      assert.equal(result.status, 'not-covered');
      assert.match(result.reason, /1 of the 2 tests in the results never ran with the CRM over HTTPS/);
    });

    it('fails when a test fails over HTTPS', () => {
      assert.equal(judgeHttps([flow('a', tls), run('xss', { criteria: ['AC-SEC-02'], ...tls, status: 'failed' })]).status, 'failed');
    });
  });
});
