import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, summariseTimings } from '../../fixtures/performance/percentiles.js';
import type { ScreenTiming } from '../../fixtures/performance/screen-timing.js';
import { clearlyOver, figureOf, slowestScreen, summariseScreen, timingTable, type MeasuredScreen } from '../../fixtures/performance/timing-report.js';

const timing = (readyMs: number, serverMs = readyMs / 4): ScreenTiming => ({ readyMs, serverMs, readySource: 'largest-contentful-paint', timeOrigin: 0, url: '/x' });
const screen = (name: string, criterion: string, ready: number[]): MeasuredScreen => ({ screen: name, criterion, actor: 'Sales rep Li Wei', volume: '10,000 bulk leads', samples: ready.map((r) => timing(r)) });
const BUDGETS = new Map([['AC-PERF-01', 1_500], ['AC-PERF-03', 2_000]]);

describe('performance: percentiles of a handful of timings', () => {
  it('takes the nearest rank: the smallest sample that p % of the samples do not exceed', () => {
    const seven = [310, 120, 250, 180, 990, 200, 150];
    assert.equal(percentile(seven, 50), 200);
    assert.equal(percentile(seven, 95), 990, 'with fewer than 20 samples the p95 is the slowest');
    assert.equal(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 95), 19);
    assert.equal(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 95), 95);
    assert.equal(percentile([42], 95), 42);
  });

  it('refuses no samples, a percentile out of range and non-numbers', () => {
    assert.throws(() => percentile([], 95), /no samples/);
    assert.throws(() => percentile([1], 0), /\(0, 100\]/);
    assert.throws(() => summariseTimings([1, Number.NaN]), /finite/);
  });

  it('summarises in whole milliseconds, leaving the samples unsorted', () => {
    const samples = [250.4, 120.6, 980.5];
    assert.deepEqual(summariseTimings(samples), { n: 3, min: 121, p50: 250, p95: 981, max: 981 });
    assert.deepEqual(samples, [250.4, 120.6, 980.5]);
  });
});

describe('performance: what a timed screen reports', () => {
  it('writes the p95 of the ready times as the criterion figure, with p50, max, server time and the test', () => {
    const figure = figureOf(summariseScreen(screen('leads list', 'AC-PERF-01', [200, 300, 250]), BUDGETS), { file: 'flows/demo-crm/performance/key-screens.spec.ts', title: 'lists' });
    assert.deepEqual({ ...figure, source: undefined }, { criterion: 'AC-PERF-01', metric: 'p95-ms', value: 300, unit: 'ms', source: undefined, test: { file: 'flows/demo-crm/performance/key-screens.spec.ts', title: 'lists' } });
    assert.match(figure.source, /^leads list as Sales rep Li Wei \(10,000 bulk leads\): 3 times .* p50 250 ms, max 300 ms; server p95 75 ms$/);
  });

  it('names the screen furthest over its budget as the slowest, not the one with the largest time', () => {
    const summaries = [screen('lead search', 'AC-PERF-03', [1_900, 1_950]), screen('leads list', 'AC-PERF-01', [1_600, 1_700])].map((s) => summariseScreen(s, BUDGETS));
    assert.equal(slowestScreen(summaries)?.screen.screen, 'leads list');
    const table = timingTable(summaries);
    assert.match(table, /\| leads list +\| Sales rep Li Wei \| 2 \| +1,600 ms \| +1,700 ms \|.*\| 1,500 ms \(AC-PERF-01\) \| OVER by 200 ms \|/);
    assert.match(table, /\| lead search .*\| 2,000 ms \(AC-PERF-03\) \| within +\|/);
    assert.match(table, /Slowest against its budget: leads list \(Sales rep Li Wei\), p95 1,700 ms of 1,500 ms \(AC-PERF-01\): OVER by 200 ms\.$/);
  });

  it('says when a screen has no budget, and when nothing was timed', () => {
    assert.match(timingTable([summariseScreen(screen('export', 'AC-OTHER-01', [100]), BUDGETS)]), /\| — +\| no budget \|/);
    assert.match(timingTable([]), /No screen was timed\.$/);
  });

  it('calls a screen clearly over its budget only after three samples each over twice the budget', () => {
    const over = [5_000, 4_100, 6_000].map((r) => ({ readyMs: r }));
    assert.equal(clearlyOver(over, 2_000), true);
    assert.equal(clearlyOver(over.slice(0, 2), 2_000), false, 'two samples settle nothing');
    assert.equal(clearlyOver([...over, { readyMs: 3_900 }], 2_000), false, 'one sample under twice the budget');
  });
});
