import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAverageRating } from '../../profiles/demo-crm/domain/satisfaction.js';

describe('average satisfaction as the dashboard shows it', () => {
  it('shows a dash before anyone rated', () => {
    assert.equal(formatAverageRating([]), '—');
  });

  it('shows the mean to one decimal', () => {
    assert.equal(formatAverageRating([5]), '5.0 / 5');
    assert.equal(formatAverageRating([4, 5, 4]), '4.3 / 5'); // 4.333…
    assert.equal(formatAverageRating([1, 2]), '1.5 / 5');
  });

  it('rounds an exact half of a tenth up, without binary-fraction surprises', () => {
    // 87 / 20 = 4.35 exactly → 4.4 (4.35 × 10 in floating point is 43.49999…)
    assert.equal(formatAverageRating([...Array<number>(13).fill(4), ...Array<number>(7).fill(5)]), '4.4 / 5');
    assert.equal(formatAverageRating([4, 4, 4, 5]), '4.3 / 5'); // 4.25 → 4.3
    assert.equal(formatAverageRating([3, 3, 3, 3, 3, 3, 3, 4]), '3.1 / 5'); // 3.125 → 3.1
  });

  it('refuses a rating outside 1–5', () => {
    assert.throws(() => formatAverageRating([0]), RangeError);
    assert.throws(() => formatAverageRating([4.5]), RangeError);
  });
});
