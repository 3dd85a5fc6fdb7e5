/**
 * Quote pricing: the ONE rounding rule of the CRM, in exact integer arithmetic (BigInt), so that
 * fractional cents round the same way at any size and huge totals never pass through a float.
 * Documented with worked examples in demo-crm/docs/sales-revenue.md — flows recompute from there.
 */

/** Discounts and tax rates are basis points: 10000 bp = 100 %. */
export const BP_PER_UNIT = 10_000n;
export const MAX_DISCOUNT_BP = 10_000;
export const MAX_TAX_RATE_BP = 10_000;
export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 1_000_000;
/**
 * The largest amount (cents) any quote, order, invoice or payment may reach: 2^53 − 1, the largest
 * integer every JSON client (JavaScript included) reads exactly. Beyond it we refuse instead of
 * silently losing cents. SQLite INTEGER holds it without loss.
 */
export const MAX_AMOUNT_CENTS = Number.MAX_SAFE_INTEGER;
const MAX_AMOUNT = BigInt(MAX_AMOUNT_CENTS);

export type Rounding = 'half-up' | 'truncate';

/** numerator / denominator for non-negative integers, rounded half-up (…5 goes up) or truncated. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divideRounded expects numerator >= 0 and denominator > 0');
  if (rounding === 'truncate') return numerator / denominator;
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export interface LineInput {
  quantity: number;
  unitPriceCents: number;
  discountBp: number;
  taxRateBp: number;
}

export interface PricingOptions {
  /** defect switch quote-line-rounding-truncates: line net and line tax truncated, not rounded */
  truncateLines?: boolean;
  /** defect switch quote-tax-on-gross: tax computed on the amount before discount */
  taxOnGross?: boolean;
}

export interface LineAmounts {
  /** quantity × unit price, before discount (exact) */
  grossCents: bigint;
  /** round_half_up(quantity × unit price × (1 − discount)) */
  netCents: bigint;
  /** round_half_up(net × tax rate) */
  taxCents: bigint;
  /** net + tax */
  totalCents: bigint;
}

export interface QuoteAmounts {
  lines: LineAmounts[];
  subtotalCents: bigint;
  taxCents: bigint;
  grandTotalCents: bigint;
  /** the largest line discount, which decides the approval level */
  maxDiscountBp: number;
}

function assertLine(line: LineInput): void {
  const { quantity, unitPriceCents, discountBp, taxRateBp } = line;
  if (!Number.isSafeInteger(quantity) || quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
    throw new RangeError(`quantity must be an integer from ${MIN_QUANTITY} to ${MAX_QUANTITY}`);
  }
  if (!Number.isSafeInteger(unitPriceCents) || unitPriceCents < 0) throw new RangeError('unit price must be whole cents >= 0');
  if (!Number.isSafeInteger(discountBp) || discountBp < 0 || discountBp > MAX_DISCOUNT_BP) throw new RangeError('discount must be 0..10000 bp');
  if (!Number.isSafeInteger(taxRateBp) || taxRateBp < 0 || taxRateBp > MAX_TAX_RATE_BP) throw new RangeError('tax rate must be 0..10000 bp');
}

export function priceLine(line: LineInput, options: PricingOptions = {}): LineAmounts {
  assertLine(line);
  const rounding: Rounding = options.truncateLines ? 'truncate' : 'half-up';
  const gross = BigInt(line.quantity) * BigInt(line.unitPriceCents);
  // One division at the end: qty × price × (10000 − bp) / 10000, so no intermediate rounding.
  const net = divideRounded(gross * (BP_PER_UNIT - BigInt(line.discountBp)), BP_PER_UNIT, rounding);
  const taxBase = options.taxOnGross ? gross : net;
  const tax = divideRounded(taxBase * BigInt(line.taxRateBp), BP_PER_UNIT, rounding);
  return { grossCents: gross, netCents: net, taxCents: tax, totalCents: net + tax };
}

export function priceQuote(lines: readonly LineInput[], options: PricingOptions = {}): QuoteAmounts {
  const priced = lines.map((l) => priceLine(l, options));
  const subtotal = priced.reduce((sum, l) => sum + l.netCents, 0n);
  const tax = priced.reduce((sum, l) => sum + l.taxCents, 0n);
  return {
    lines: priced,
    subtotalCents: subtotal,
    taxCents: tax,
    grandTotalCents: subtotal + tax,
    maxDiscountBp: lines.reduce((m, l) => Math.max(m, l.discountBp), 0),
  };
}

/** True when every amount fits MAX_AMOUNT_CENTS (the grand total is the largest of them). */
export function withinAmountLimit(amounts: QuoteAmounts): boolean {
  return amounts.grandTotalCents <= MAX_AMOUNT && amounts.lines.every((l) => l.grossCents <= MAX_AMOUNT);
}

/** A bigint known to be ≤ MAX_AMOUNT_CENTS as a plain number (exact). */
export function toCents(value: bigint): number {
  if (value > MAX_AMOUNT || value < -MAX_AMOUNT) throw new RangeError(`amount ${value} exceeds ${MAX_AMOUNT_CENTS} cents`);
  return Number(value);
}

/**
 * "12.5" / 12.5 / "12.50" → 1250 bp. Up to two decimals, 0–100. Returns null when the text is not
 * such a number, so the caller can name the field in its 400.
 */
export function parseDiscountPercent(input: unknown): number | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= MAX_DISCOUNT_BP ? bp : null;
}

/** 1250 → "12.50" (always two decimals). */
export function formatBp(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}
