import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney } from '../../profiles/demo-crm/domain/money.js';
import { bpToPercentText, expectedLine, expectedQuote, formatPercent, percentToBp, roundHalfUp } from '../../profiles/demo-crm/domain/pricing.js';

// Worked examples computed by hand from the documented rule; the calculator must reproduce them.
describe('expected quote pricing (documented rounding rule)', () => {
  it('rounds an exact half cent up and anything below it down', () => {
    assert.equal(roundHalfUp(5n, 10n), 1n);
    assert.equal(roundHalfUp(4n, 10n), 0n);
    assert.equal(roundHalfUp(15n, 10n), 2n);
    assert.equal(roundHalfUp(0n, 7n), 0n);
    assert.throws(() => roundHalfUp(-1n, 10n), RangeError);
    assert.throws(() => roundHalfUp(1n, 0n), RangeError);
  });

  it('prices a discounted, taxed line: 3 × $19.99, 15 % off, 13 % tax', () => {
    // gross 5997; net 5997 × 0.85 = 5097.45 → 5097; tax 5097 × 0.13 = 662.61 → 663
    assert.deepEqual(expectedLine({ quantity: 3, unitPriceCents: 1999, discountBp: 1500, taxRateBp: 1300 }), {
      netCents: 5097n,
      taxCents: 663n,
      totalCents: 5760n,
    });
  });

  it('rounds the line net once, after the discount: $20.05 at 10 % off is $18.05 (not truncated to $18.04)', () => {
    assert.equal(expectedLine({ quantity: 1, unitPriceCents: 2005, discountBp: 1000, taxRateBp: 0 }).netCents, 1805n);
  });

  it('taxes the discounted net, not the gross amount', () => {
    // net 1000 × 0.7 = 700; tax 10 % of 700 = 70 (tax on gross would be 100)
    assert.equal(expectedLine({ quantity: 1, unitPriceCents: 1000, discountBp: 3000, taxRateBp: 1000 }).taxCents, 70n);
  });

  it('rounds tax per line, then sums the lines', () => {
    const quote = expectedQuote([
      { quantity: 1, unitPriceCents: 5, discountBp: 0, taxRateBp: 1000 },
      { quantity: 1, unitPriceCents: 5, discountBp: 0, taxRateBp: 1000 },
    ]);
    // each line: tax 0.5 → 1 cent; tax on the 10-cent subtotal would have been 1 cent in total
    assert.equal(quote.taxCents, 2n);
    assert.equal(quote.subtotalCents, 10n);
    assert.equal(quote.grandTotalCents, 12n);
  });

  it('sums several lines and reports the largest discount', () => {
    const quote = expectedQuote([
      { quantity: 2, unitPriceCents: 12_345, discountBp: 500, taxRateBp: 1300 }, // net 23 455.5 → 23 456; tax 3 049.28 → 3 049
      { quantity: 7, unitPriceCents: 999, discountBp: 1250, taxRateBp: 600 }, // net 6 118.875 → 6 119; tax 367.14 → 367
    ]);
    assert.deepEqual(quote.lines.map((l) => l.totalCents), [26_505n, 6_486n]);
    assert.equal(quote.subtotalCents, 29_575n);
    assert.equal(quote.taxCents, 3_416n);
    assert.equal(quote.grandTotalCents, 32_991n);
    assert.equal(quote.maxDiscountBp, 1250);
  });

  it('stays exact far beyond floating-point precision', () => {
    // 1 000 000 × $10,000,000.01 at 0.01 % off = 999 900 000 999 900 cents exactly
    assert.equal(
      expectedLine({ quantity: 1_000_000, unitPriceCents: 1_000_000_001, discountBp: 1, taxRateBp: 0 }).netCents,
      999_900_000_999_900n,
    );
    // half of 2^53 − 1 cents: …495.5 rounds up to …496
    assert.equal(
      expectedLine({ quantity: 1, unitPriceCents: Number.MAX_SAFE_INTEGER, discountBp: 5000, taxRateBp: 0 }).netCents,
      4_503_599_627_370_496n,
    );
  });

  // The worked examples of demo-crm/docs/sales-revenue.md §3, cases A–D and the two quote examples.
  it('reproduces the documented worked examples', () => {
    const line = (quantity: number, unitPriceCents: number, discountBp: number, taxRateBp: number) => expectedLine({ quantity, unitPriceCents, discountBp, taxRateBp });
    assert.deepEqual(line(3, 1999, 1250, 825), { netCents: 5247n, taxCents: 433n, totalCents: 5680n });
    assert.deepEqual(line(1, 1005, 1000, 1000), { netCents: 905n, taxCents: 91n, totalCents: 996n });
    assert.deepEqual(line(2, 10_000, 2000, 1300), { netCents: 16_000n, taxCents: 2080n, totalCents: 18_080n });
    assert.deepEqual(line(1_000_000, 8_999_999_999, 3333, 1), {
      netCents: 6_000_299_999_333_300n,
      taxCents: 600_029_999_933n,
      totalCents: 6_000_900_029_333_233n,
    });
    const ab = expectedQuote([
      { quantity: 3, unitPriceCents: 1999, discountBp: 1250, taxRateBp: 825 },
      { quantity: 1, unitPriceCents: 1005, discountBp: 1000, taxRateBp: 1000 },
    ]);
    assert.deepEqual([ab.subtotalCents, ab.taxCents, ab.grandTotalCents], [6152n, 524n, 6676n]);
    const perLineTax = expectedQuote([
      { quantity: 1, unitPriceCents: 105, discountBp: 0, taxRateBp: 500 },
      { quantity: 1, unitPriceCents: 105, discountBp: 0, taxRateBp: 500 },
    ]);
    assert.deepEqual([perLineTax.taxCents, perLineTax.grandTotalCents], [10n, 220n]);
    assert.deepEqual(line(4, 999, 10_000, 1300), { netCents: 0n, taxCents: 0n, totalCents: 0n });
  });

  it('refuses inputs the rule does not define', () => {
    assert.throws(() => expectedLine({ quantity: -1, unitPriceCents: 100, discountBp: 0, taxRateBp: 0 }), RangeError);
    assert.throws(() => expectedLine({ quantity: 1.5, unitPriceCents: 100, discountBp: 0, taxRateBp: 0 }), RangeError);
  });
});

describe('discount percentages', () => {
  it('reads a typed percentage as basis points', () => {
    assert.equal(percentToBp('12.5'), 1250);
    assert.equal(percentToBp('10'), 1000);
    assert.equal(percentToBp('30.00'), 3000);
    assert.equal(percentToBp('0.01'), 1);
    assert.equal(percentToBp(30.01), 3001);
    assert.throws(() => percentToBp('12.345'), RangeError);
    assert.throws(() => percentToBp('-1'), RangeError);
  });

  it('writes basis points the way a person types them', () => {
    assert.equal(bpToPercentText(1250), '12.5');
    assert.equal(bpToPercentText(1000), '10');
    assert.equal(bpToPercentText(1001), '10.01');
    assert.equal(bpToPercentText(3000), '30');
    for (const bp of [0, 1, 999, 1000, 1001, 2999, 3000, 3001, 10_000]) assert.equal(percentToBp(bpToPercentText(bp)), bp);
  });

  it('shows basis points the way the CRM displays a discount', () => {
    assert.equal(formatPercent(1250), '12.50%');
    assert.equal(formatPercent(3000), '30.00%');
    assert.equal(formatPercent(1001), '10.01%');
    assert.equal(formatPercent(5), '0.05%');
  });
});

describe('money display', () => {
  it('shows cents as dollars with thousands separators', () => {
    assert.equal(formatMoney(0), '$0.00');
    assert.equal(formatMoney(5), '$0.05');
    assert.equal(formatMoney(123_456_789n), '$1,234,567.89');
    assert.equal(formatMoney(-5), '-$0.05');
    assert.equal(formatMoney(999_900_000_999_900n), '$9,999,000,009,999.00');
  });
});
