/**
 * Unit tests of the one rounding rule (pricing.ts) and the pure approval / invoice rules.
 * Expected values are the worked examples of docs/sales-revenue.md, computed independently with
 * Python's decimal module (ROUND_HALF_UP), not with the code under test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  divideRounded, formatBp, MAX_AMOUNT_CENTS, parseDiscountPercent, priceLine, priceQuote, withinAmountLimit,
} from '../src/modules/sales-revenue/pricing.js';
import { approvalLevelFor, FAULTY_NO_APPROVAL_MAX_BP, roleSatisfiesLevel } from '../src/modules/sales-revenue/approval-rules.js';
import { displayStatus, documentNumber, dueAtFor, monthBounds, storedStatusFor } from '../src/modules/sales-revenue/invoice-rules.js';
import { dollarsToCents } from '../src/modules/sales-revenue/schemas.js';

const line = (quantity: number, unitPriceCents: number, discountBp: number, taxRateBp: number) => ({ quantity, unitPriceCents, discountBp, taxRateBp });
const cents = (a: { netCents: bigint; taxCents: bigint; totalCents: bigint }) => [Number(a.netCents), Number(a.taxCents), Number(a.totalCents)];

describe('rounding rule: round half up per line, net first, then tax on the rounded net', () => {
  test('divideRounded rounds .5 up and truncates on request', () => {
    assert.equal(divideRounded(5n, 10n, 'half-up'), 1n);
    assert.equal(divideRounded(4n, 10n, 'half-up'), 0n);
    assert.equal(divideRounded(15n, 10n, 'half-up'), 2n);
    assert.equal(divideRounded(19n, 10n, 'truncate'), 1n);
    assert.throws(() => divideRounded(-1n, 10n, 'half-up'), RangeError);
  });

  test('example A: 3 × $19.99, 12.5% off, 8.25% tax → net $52.47, tax $4.33', () => {
    // 5997 × 0.875 = 5247.375 → 5247; 5247 × 0.0825 = 432.8775 → 433
    assert.deepEqual(cents(priceLine(line(3, 1999, 1250, 825))), [5247, 433, 5680]);
  });

  test('example B: an exact half cent rounds up (1 × $10.05, 10% off, 10% tax)', () => {
    // 1005 × 0.9 = 904.5 → 905; 905 × 0.1 = 90.5 → 91
    assert.deepEqual(cents(priceLine(line(1, 1005, 1000, 1000))), [905, 91, 996]);
  });

  test('tax is summed per line, not computed on the subtotal', () => {
    // each line: 105 × 5% = 5.25 → 5, so tax = 10 (tax on the subtotal would be 10.5 → 11)
    const q = priceQuote([line(1, 105, 0, 500), line(1, 105, 0, 500)]);
    assert.equal(q.subtotalCents, 210n);
    assert.equal(q.taxCents, 10n);
    assert.equal(q.grandTotalCents, 220n);
  });

  test('100% discount gives a zero line; 0% tax gives zero tax', () => {
    assert.deepEqual(cents(priceLine(line(7, 12345, 10000, 1300))), [0, 0, 0]);
    assert.deepEqual(cents(priceLine(line(2, 333, 0, 0))), [666, 0, 666]);
  });

  test('huge totals stay exact where float arithmetic drifts by a cent', () => {
    // 1,000,000 × $89,999,999.99 at 33.33% off: exact net 6,000,299,999,333,300 (floats give …301)
    const a = priceLine(line(1_000_000, 8_999_999_999, 3333, 1));
    assert.equal(a.netCents, 6_000_299_999_333_300n);
    assert.equal(a.taxCents, 600_029_999_933n);
    assert.equal(a.totalCents, 6_000_900_029_333_233n);
    assert.notEqual(Math.round(1_000_000 * 8_999_999_999 * (1 - 3333 / 10000)), 6_000_299_999_333_300);
  });

  test('up to 2^53 − 1 cents is accepted; above it the quote is refused', () => {
    const atLimit = priceQuote([line(1, MAX_AMOUNT_CENTS, 0, 0)]);
    assert.equal(withinAmountLimit(atLimit), true);
    const above = priceQuote([line(1, MAX_AMOUNT_CENTS, 0, 1)]);
    assert.equal(withinAmountLimit(above), false);
    const twoLines = priceQuote([line(1, MAX_AMOUNT_CENTS, 0, 0), line(1, 1, 0, 0)]);
    assert.equal(withinAmountLimit(twoLines), false);
  });

  test('defect switch quote-line-rounding-truncates: truncates net and tax', () => {
    assert.deepEqual(cents(priceLine(line(1, 1005, 1000, 1000), { truncateLines: true })), [904, 90, 994]);
    assert.deepEqual(cents(priceLine(line(3, 1999, 1250, 825), { truncateLines: true })), [5247, 432, 5679]);
  });

  test('defect switch quote-tax-on-gross: tax on the amount before discount', () => {
    assert.deepEqual(cents(priceLine(line(2, 10000, 2000, 1300))), [16000, 2080, 18080]);
    assert.deepEqual(cents(priceLine(line(2, 10000, 2000, 1300), { taxOnGross: true })), [16000, 2600, 18600]);
  });

  test('invalid lines are refused, never priced', () => {
    assert.throws(() => priceLine(line(0, 100, 0, 0)), RangeError);
    assert.throws(() => priceLine(line(-1, 100, 0, 0)), RangeError);
    assert.throws(() => priceLine(line(1_000_001, 100, 0, 0)), RangeError);
    assert.throws(() => priceLine(line(1.5, 100, 0, 0)), RangeError);
    assert.throws(() => priceLine(line(1, -1, 0, 0)), RangeError);
    assert.throws(() => priceLine(line(1, 100, 10001, 0)), RangeError);
  });

  test('the quote reports its largest line discount', () => {
    assert.equal(priceQuote([line(1, 100, 500, 0), line(1, 100, 3001, 0), line(1, 100, 1000, 0)]).maxDiscountBp, 3001);
    assert.equal(priceQuote([]).maxDiscountBp, 0);
  });
});

describe('discount input', () => {
  test('percent with up to two decimals becomes basis points', () => {
    assert.equal(parseDiscountPercent('12.5'), 1250);
    assert.equal(parseDiscountPercent('12.50'), 1250);
    assert.equal(parseDiscountPercent(12.34), 1234);
    assert.equal(parseDiscountPercent('0'), 0);
    assert.equal(parseDiscountPercent('100'), 10000);
    assert.equal(parseDiscountPercent('10.01'), 1001);
  });
  test('more decimals, negatives, above 100 and text are refused', () => {
    for (const bad of ['12.345', '-1', '100.01', '101', 'ten', '', ' ', '1e1', 0.1 + 0.2, Number.NaN, null, undefined]) {
      assert.equal(parseDiscountPercent(bad), null, String(bad));
    }
  });
  test('formatBp always shows two decimals', () => {
    assert.equal(formatBp(1250), '12.50');
    assert.equal(formatBp(5), '0.05');
    assert.equal(formatBp(10000), '100.00');
  });
  test('dollar amounts typed in forms convert to cents without floats', () => {
    assert.equal(dollarsToCents('0.29'), 29);
    assert.equal(dollarsToCents('$1,234.5'), 123450);
    assert.equal(dollarsToCents('90071992547409.91'), MAX_AMOUNT_CENTS);
    assert.equal(dollarsToCents('90071992547409.92'), null);
    assert.equal(dollarsToCents('1.234'), null);
    assert.equal(dollarsToCents('-5'), null);
  });
});

describe('approval thresholds by the largest line discount', () => {
  test('10.00% none, 10.01% manager, 30.00% manager, 30.01% admin', () => {
    assert.equal(approvalLevelFor(0), 'none');
    assert.equal(approvalLevelFor(1000), 'none');
    assert.equal(approvalLevelFor(1001), 'manager');
    assert.equal(approvalLevelFor(3000), 'manager');
    assert.equal(approvalLevelFor(3001), 'admin');
    assert.equal(approvalLevelFor(10000), 'admin');
  });
  test('defect switch approval-threshold-20 lets 20% through without approval', () => {
    assert.equal(approvalLevelFor(2000, FAULTY_NO_APPROVAL_MAX_BP), 'none');
    assert.equal(approvalLevelFor(2001, FAULTY_NO_APPROVAL_MAX_BP), 'manager');
  });
  test('who may decide which level', () => {
    assert.equal(roleSatisfiesLevel('sales_manager', 'manager'), true);
    assert.equal(roleSatisfiesLevel('sales_manager', 'admin'), false);
    assert.equal(roleSatisfiesLevel('sales_manager', 'admin', true), true);
    assert.equal(roleSatisfiesLevel('admin', 'admin'), true);
    assert.equal(roleSatisfiesLevel('sales_rep', 'manager'), false);
    assert.equal(roleSatisfiesLevel('finance', 'manager'), false);
  });
});

describe('invoice dates and status', () => {
  test('due exactly 30 days after issue', () => {
    assert.equal(dueAtFor('2026-01-31T10:00:00.000Z'), '2026-03-02T10:00:00.000Z');
  });
  test('stored status follows the payments', () => {
    assert.equal(storedStatusFor(1000, 0), 'Issued');
    assert.equal(storedStatusFor(1000, 1), 'Partially paid');
    assert.equal(storedStatusFor(1000, 999), 'Partially paid');
    assert.equal(storedStatusFor(1000, 1000), 'Paid');
    assert.equal(storedStatusFor(0, 0), 'Paid');
  });
  test('overdue strictly after the due time and only while money is owed', () => {
    const due = '2026-03-02T10:00:00.000Z';
    assert.equal(displayStatus('Issued', due, new Date('2026-03-02T10:00:00.000Z'), 100), 'Issued');
    assert.equal(displayStatus('Issued', due, new Date('2026-03-02T10:00:00.001Z'), 100), 'Overdue');
    assert.equal(displayStatus('Partially paid', due, new Date('2026-04-01T00:00:00.000Z'), 1), 'Overdue');
    assert.equal(displayStatus('Paid', due, new Date('2026-04-01T00:00:00.000Z'), 0), 'Paid');
  });
  test('calendar month bounds in UTC', () => {
    assert.deepEqual(monthBounds(new Date('2026-12-31T23:59:59.999Z')), { start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
  });
  test('document numbers are zero padded to six digits', () => {
    assert.equal(documentNumber('INV', 1), 'INV-000001');
    assert.equal(documentNumber('ORD', 1234567), 'ORD-1234567');
  });
});
