import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCatalogue } from '../../fixtures/acceptance/criteria-schema.js';
import type { Figure } from '../../fixtures/acceptance/figures.js';
import { figureCatch } from '../../scripts/lib/selftest/figures.js';

const catalogue = defineCatalogue([
  { id: 'AC-PERF-01', area: 'performance', priority: 'must', threshold: { metric: 'p95-ms', max: 1_500, unit: 'ms' }, statement: 'The lists open within 1.5 s at the 95th percentile.' },
  { id: 'AC-PERF-03', area: 'performance', priority: 'should', threshold: { metric: 'p95-ms', max: 2_000, unit: 'ms' }, statement: 'A search answers within 2 s at the 95th percentile.' },
  { id: 'AC-USE-12', area: 'usability', priority: 'should', threshold: { metric: 'ratio', min: 0.9, unit: 'share of tasks' }, statement: 'Nine tasks in ten succeed without help.' },
  { id: 'AC-L2C-01', area: 'business-process', priority: 'must', statement: 'A criterion judged by tests alone, without a threshold.' },
]);
const search = { file: 'flows/demo-crm/performance/search.spec.ts', title: 'Performance: search › a sales manager searches' };
const fig = (criterion: string, value: number, source = `${criterion} screen`, extra: Partial<Figure> = {}): Figure => ({ criterion, metric: criterion === 'AC-USE-12' ? 'ratio' : 'p95-ms', value, unit: 'ms', source, ...extra });

describe('selftest: a performance switch caught by its figures', () => {
  it('is caught when a figure is over its threshold in the switch run and the baseline was within it', () => {
    const caught = figureCatch(catalogue, [fig('AC-PERF-03', 11_568, 'lead search', { test: search }), fig('AC-PERF-03', 232, 'account search')], [fig('AC-PERF-03', 268, 'lead search'), fig('AC-PERF-03', 176, 'account search')]);
    assert.deepEqual(caught, {
      criterion: 'AC-PERF-03',
      figure: '11,568 ms against a threshold of at most 2,000 ms',
      source: 'lead search',
      baseline: '268 ms against a threshold of at most 2,000 ms; 176 ms against a threshold of at most 2,000 ms',
      test: search,
    });
  });

  it('is not caught when the baseline was already over, or had no figure of that criterion to compare with', () => {
    assert.equal(figureCatch(catalogue, [fig('AC-PERF-03', 11_568)], [fig('AC-PERF-03', 268), fig('AC-PERF-03', 2_100)]), undefined);
    assert.equal(figureCatch(catalogue, [fig('AC-PERF-03', 11_568)], [fig('AC-PERF-01', 300)]), undefined);
  });

  it('is not caught by figures within their thresholds, by criteria without one, or by figures of another metric', () => {
    assert.equal(figureCatch(catalogue, [fig('AC-PERF-03', 2_000)], [fig('AC-PERF-03', 268)]), undefined, 'on the threshold is within');
    assert.equal(figureCatch(catalogue, [fig('AC-L2C-01', 99_999)], [fig('AC-L2C-01', 1)]), undefined);
    assert.equal(figureCatch(catalogue, [{ ...fig('AC-PERF-03', 9_000), metric: 'ms' }], [fig('AC-PERF-03', 268)]), undefined);
  });

  it('names the criterion furthest over its threshold, minimum thresholds included', () => {
    const run = [fig('AC-PERF-01', 3_000), fig('AC-PERF-03', 5_000), fig('AC-USE-12', 0.2)];
    const baseline = [fig('AC-PERF-01', 300), fig('AC-PERF-03', 300), fig('AC-USE-12', 1)];
    assert.equal(figureCatch(catalogue, run, baseline)?.criterion, 'AC-USE-12', '0.9 / 0.2 = 4.5 times under its minimum');
    assert.equal(figureCatch(catalogue, run.slice(0, 2), baseline)?.criterion, 'AC-PERF-03', '2.5 times its budget against 2 times');
    assert.equal(figureCatch(catalogue, run.slice(0, 2), baseline)?.test, null, 'a figure no test wrote names none');
  });
});
