import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeCatalogue, judgeCriterion } from '../../fixtures/acceptance/criterion-status.js';
import { decide } from '../../fixtures/acceptance/verdict.js';
import { catalogueOf, criterion, evidence, run } from './acceptance-support.js';

const link = (id: string, status: 'passed' | 'failed' | 'broken' | 'skipped' = 'passed') => run(`proves ${id}`, { criteria: [id], status });
const defect = (criterionId: string) => ({ criterion: criterionId, tracker: `BUG-${criterionId}`, link: 'https://tracker.example.com/1', reason: 'agreed with the business', owner: 'qa', date: '2026-11-01', expires: '2027-01-31' });

describe('criterion status', () => {
  it('a criterion with a passed test passes; with a failed one it fails', () => {
    assert.equal(judgeCriterion(criterion('AC-X-01'), evidence({ runs: [link('AC-X-01')] })).status, 'passed');
    assert.equal(judgeCriterion(criterion('AC-X-01'), evidence({ runs: [link('AC-X-01'), link('AC-X-01', 'failed')] })).status, 'failed');
  });

  it('a test that passed only on its retry fails its criterion, and says so', () => {
    const flaky = run('proves AC-X-01', { criteria: ['AC-X-01'], status: 'passed', attempts: 2 });
    const result = judgeCriterion(criterion('AC-X-01'), evidence({ runs: [link('AC-X-01'), flaky] }));
    assert.equal(result.status, 'failed');
    assert.equal(result.reason, 'test passed only on its retry: proves AC-X-01');
  });

  it('silence is not a pass: no test, or only skipped tests, is "not covered"', () => {
    assert.equal(judgeCriterion(criterion('AC-X-01'), evidence()).status, 'not-covered');
    assert.equal(judgeCriterion(criterion('AC-X-01'), evidence({ runs: [link('AC-X-01', 'skipped')] })).status, 'not-covered');
  });

  it('a figure over its threshold fails the criterion; within it passes; a threshold without a figure is not covered', () => {
    const c = criterion('AC-PERF-01', { area: 'performance', threshold: { metric: 'p95-ms', max: 1000, unit: 'ms' } });
    const fig = (value: number) => ({ criterion: 'AC-PERF-01', metric: 'p95-ms' as const, value, unit: 'ms', source: 'lists' });
    assert.equal(judgeCriterion(c, evidence({ figures: [fig(1200)] })).status, 'failed');
    assert.equal(judgeCriterion(c, evidence({ figures: [fig(1000)] })).status, 'passed');
    assert.equal(judgeCriterion(c, evidence({ runs: [link('AC-PERF-01')] })).status, 'not-covered');
  });

  it('a red permission cell fails its criterion; all green passes it', () => {
    const cells = (pass: boolean) => ({ cells: [{ criterion: 'AC-PERM-01', role: 'salesRep', object: 'lead', action: 'view', expected: 'own', pass }], rules: [] });
    assert.equal(judgeCriterion(criterion('AC-PERM-01'), evidence({ matrix: cells(false) })).status, 'failed');
    assert.equal(judgeCriterion(criterion('AC-PERM-01'), evidence({ matrix: cells(true) })).status, 'passed');
  });
});

describe('verdict rules', () => {
  const must = criterion('AC-M-01');
  const should = criterion('AC-S-01', { priority: 'should' });

  it('Accept when every criterion passed', () => {
    const results = judgeCatalogue(catalogueOf(must, should), evidence({ runs: [link('AC-M-01'), link('AC-S-01')] }));
    assert.equal(decide(results).verdict, 'Accept');
  });

  it('a failed must-criterion rejects; the same failure on a should-criterion gives conditions', () => {
    const failedMust = judgeCatalogue(catalogueOf(must, should), evidence({ runs: [link('AC-M-01', 'failed'), link('AC-S-01')] }));
    assert.equal(decide(failedMust).verdict, 'Reject');
    assert.deepEqual(decide(failedMust).blocking.map((r) => r.criterion.id), ['AC-M-01']);
    const failedShould = judgeCatalogue(catalogueOf(must, should), evidence({ runs: [link('AC-M-01'), link('AC-S-01', 'failed')] }));
    assert.equal(decide(failedShould).verdict, 'Accept with conditions');
  });

  it('an uncovered must-criterion rejects; an uncovered should-criterion gives conditions', () => {
    assert.equal(decide(judgeCatalogue(catalogueOf(must, should), evidence({ runs: [link('AC-S-01')] }))).verdict, 'Reject');
    assert.equal(decide(judgeCatalogue(catalogueOf(must, should), evidence({ runs: [link('AC-M-01')] }))).verdict, 'Accept with conditions');
  });

  it('known defects within the tolerance give conditions; one more rejects', () => {
    const ids = ['AC-M-01', 'AC-M-02', 'AC-M-03', 'AC-M-04'];
    const catalogue = catalogueOf(...ids.map((id) => criterion(id)));
    const runs = ids.map((id) => link(id, 'failed'));
    const within = judgeCatalogue(catalogue, evidence({ runs, knownDefects: ids.slice(0, 3).map(defect) }));
    assert.equal(decide(within, 3).verdict, 'Reject', 'the fourth failure is not known: it is a plain failure');
    const allKnown = judgeCatalogue(catalogue, evidence({ runs, knownDefects: ids.map(defect) }));
    assert.equal(decide(allKnown, 4).verdict, 'Accept with conditions');
    assert.equal(decide(allKnown, 3).verdict, 'Reject');
  });
});
