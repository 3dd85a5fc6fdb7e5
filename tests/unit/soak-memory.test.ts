import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSoakWindows, median, memoryGrowth } from '../../fixtures/stability/memory-growth.js';

const flat = (from: number, to: number, rss: (t: number) => number) => Array.from({ length: to - from + 1 }, (_, i) => ({ t: from + i, rssMiB: rss(from + i) }));

describe('soak: memory growth of the CRM', () => {
  it('takes the median, so one spike in a window does not decide', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), /no values/);
  });

  it('compares the median of the last window with the first window after warm-up', () => {
    // warm-up climbs to 150 MiB, then 150 steady with one spike, then 180 in the last minute
    const samples = [...flat(0, 59, (t) => 80 + t), ...flat(60, 239, (t) => (t === 100 ? 400 : 150)), ...flat(240, 300, () => 180)];
    const g = memoryGrowth(samples, { warmupS: 60, windowS: 60, durationS: 300 });
    assert.deepEqual(g.first, { fromS: 60, toS: 120, samples: 61, medianMiB: 150 });
    assert.deepEqual(g.last, { fromS: 240, toS: 300, samples: 61, medianMiB: 180 });
    assert.equal(g.growth, 0.2);
  });

  it('leaves out samples after the users stopped, and reports shrinking as negative growth', () => {
    const samples = [...flat(0, 179, (t) => (t < 120 ? 200 : 150)), ...flat(180, 200, () => 999)];
    assert.equal(memoryGrowth(samples, { warmupS: 0, windowS: 60, durationS: 180 }).growth, -0.25);
  });

  it('refuses a soak too short for warm-up and two windows, and a window without samples', () => {
    assert.throws(() => checkSoakWindows({ warmupS: 60, windowS: 60, durationS: 179 }), /too short .* at least 180 s/);
    assert.doesNotThrow(() => checkSoakWindows({ warmupS: 60, windowS: 60, durationS: 180 }));
    assert.throws(() => memoryGrowth(flat(0, 50, () => 100), { warmupS: 60, windowS: 60, durationS: 180 }), /no memory sample between 60 s and 120 s/);
  });
});
