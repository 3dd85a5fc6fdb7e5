import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HALF_CENT_DEAL, LARGE_DEAL, MAIN_DEAL, MAX_EXACT_CENTS, type DealLine } from '../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { expectedQuote, percentToBp } from '../../profiles/demo-crm/domain/pricing.js';
import { approverFor } from '../../profiles/demo-crm/domain/sales-rules.js';

/**
 * The main flow can only catch a pricing defect if its deal makes the defect visible. These are the
 * two wrong calculations the CRM could ship, written out plainly; the deal must tell each apart.
 */
const linesOf = (deal: readonly DealLine[]) => deal.map((l) => ({
  quantity: l.quantity,
  unitPriceCents: l.product.unitPriceCents,
  discountBp: percentToBp(l.discountPercent),
  taxRateBp: l.product.taxRateBp,
}));
const lines = linesOf(MAIN_DEAL);

function grandTotal(mistake: 'truncate' | 'tax-on-gross', deal = lines): bigint {
  let total = 0n;
  for (const l of deal) {
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

describe('the boundary deals', () => {
  it('half-cent deal: every line lands on a half cent that truncation would lose', () => {
    const quote = expectedQuote(linesOf(HALF_CENT_DEAL));
    assert.deepEqual(quote.lines.map((l) => [l.netCents, l.taxCents]), [[1_805n, 235n], [5n, 1n], [949n, 57n]]);
    assert.equal(quote.grandTotalCents, 3_052n);
    assert.notEqual(grandTotal('truncate', linesOf(HALF_CENT_DEAL)), quote.grandTotalCents);
    assert.equal(approverFor(quote.maxDiscountBp), 'none');
  });

  it('large deal: exact to the cent, and ten of them still fit the exact limit', () => {
    const quote = expectedQuote(linesOf(LARGE_DEAL));
    assert.deepEqual([quote.subtotalCents, quote.taxCents, quote.grandTotalCents], [96_232_499_999_038n, 12_510_224_999_875n, 108_742_724_998_913n]);
    assert.ok(quote.grandTotalCents * 10n < MAX_EXACT_CENTS);
    assert.equal(MAX_EXACT_CENTS, BigInt(Number.MAX_SAFE_INTEGER));
  });
});
