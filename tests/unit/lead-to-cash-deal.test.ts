import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAIN_DEAL } from '../../fixtures/data/lead-to-cash-deal.js';
import { expectedQuote, percentToBp } from '../../fixtures/domain/pricing.js';
import { approverFor } from '../../fixtures/domain/sales-rules.js';

/**
 * The main flow can only catch a pricing defect if its deal makes the defect visible. These are the
 * two wrong calculations the CRM could ship, written out plainly; the deal must tell each apart.
 */
const lines = MAIN_DEAL.map((l) => ({
  quantity: l.quantity,
  unitPriceCents: l.product.unitPriceCents,
  discountBp: percentToBp(l.discountPercent),
  taxRateBp: l.product.taxRateBp,
}));

function grandTotal(mistake: 'truncate' | 'tax-on-gross'): bigint {
  let total = 0n;
  for (const l of lines) {
    const gross = BigInt(l.quantity * l.unitPriceCents);
    const exactNet = gross * BigInt(10_000 - l.discountBp);
    const net = mistake === 'truncate' ? exactNet / 10_000n : (exactNet * 2n + 10_000n) / 20_000n;
    const taxBase = mistake === 'tax-on-gross' ? gross : net;
    const tax = mistake === 'truncate' ? (taxBase * BigInt(l.taxRateBp)) / 10_000n : (taxBase * BigInt(l.taxRateBp) * 2n + 10_000n) / 20_000n;
    total += net + tax;
  }
  return total;
}

describe('the lead-to-cash main deal', () => {
  const quote = expectedQuote(lines);

  it('has the totals worked out by hand in its comments', () => {
    assert.deepEqual(quote.lines.map((l) => [l.netCents, l.taxCents]), [[85_004n, 11_051n], [12_244n, 735n], [250_100n, 22_509n]]);
    assert.equal(quote.grandTotalCents, 381_643n);
  });

  it('shows a truncating calculation', () => {
    assert.notEqual(grandTotal('truncate'), quote.grandTotalCents);
  });

  it('shows tax computed before the discount', () => {
    assert.notEqual(grandTotal('tax-on-gross'), quote.grandTotalCents);
  });

  it('needs a sales manager (largest discount above 10 %, at most 30 %)', () => {
    assert.equal(approverFor(quote.maxDiscountBp), 'manager');
  });
});
