/** Request bodies of the sales-revenue API and forms (zod → 400 naming the field). */
import { z } from 'zod';
import { MAX_AMOUNT_CENTS, MAX_QUANTITY, MIN_QUANTITY, parseDiscountPercent } from './pricing.js';
import { PAYMENT_METHODS } from './invoice-rules.js';

const QUANTITY_MESSAGE = `Quantity must be a whole number from ${MIN_QUANTITY} to ${MAX_QUANTITY.toLocaleString('en-US')}`;
const DISCOUNT_MESSAGE = 'Discount must be a percentage from 0 to 100 with at most 2 decimals';

/** Forms send '' for an untouched optional input; treat it as absent. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const quantity = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
  z.number({ error: QUANTITY_MESSAGE }).int(QUANTITY_MESSAGE).min(MIN_QUANTITY, QUANTITY_MESSAGE).max(MAX_QUANTITY, QUANTITY_MESSAGE),
);

/** Accepts 12.5, "12.5" or "12.50"; yields basis points. */
const discountBp = z
  .union([z.string(), z.number()], { error: DISCOUNT_MESSAGE })
  .transform((v, ctx) => {
    const bp = parseDiscountPercent(v);
    if (bp === null) {
      ctx.addIssue({ code: 'custom', message: DISCOUNT_MESSAGE });
      return z.NEVER;
    }
    return bp;
  });

const cents = (label: string, min: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `${label} must be a whole number of cents` })
      .int(`${label} must be a whole number of cents`)
      .min(min, min > 0 ? `${label} must be greater than 0` : `${label} cannot be negative`)
      .max(MAX_AMOUNT_CENTS, `${label} is larger than the CRM can store exactly`),
  );

const id = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number({ error: message }).int(message).positive(message));

export const addLineSchema = z.object({
  productId: id('Choose a product'),
  quantity,
  discountPercent: z.preprocess(blankToUndefined, discountBp.optional()).transform((v) => v ?? 0),
  unitPriceCents: z.preprocess(blankToUndefined, cents('Unit price', 0).optional()),
});
export type AddLineInput = z.output<typeof addLineSchema>;

export const updateLineSchema = z
  .object({
    quantity: z.preprocess(blankToUndefined, quantity.optional()),
    discountPercent: z.preprocess(blankToUndefined, discountBp.optional()),
    unitPriceCents: z.preprocess(blankToUndefined, cents('Unit price', 0).optional()),
  })
  .refine((v) => v.quantity !== undefined || v.discountPercent !== undefined || v.unitPriceCents !== undefined, {
    message: 'Change the quantity, discount or unit price',
    path: ['quantity'],
  });
export type UpdateLineInput = z.output<typeof updateLineSchema>;

export const decisionSchema = z.object({
  comment: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string().max(2000, 'Comment must be at most 2000 characters')),
});

export const rejectSchema = z.object({
  comment: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'Enter a comment explaining the rejection' }).min(1, 'Enter a comment explaining the rejection').max(2000, 'Comment must be at most 2000 characters'),
  ),
});

const isoDate = z
  .string({ error: 'Enter the payment date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the payment date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Enter a real calendar date');

export const paymentSchema = z.object({
  amountCents: cents('Amount', 1),
  paidOn: isoDate,
  method: z.enum(PAYMENT_METHODS, { error: `Method must be one of: ${PAYMENT_METHODS.join(', ')}` }),
  reference: z.preprocess((v) => v ?? '', z.string().trim().max(100, 'Reference must be at most 100 characters')),
});
export type PaymentInput = z.output<typeof paymentSchema>;

/**
 * The payment form takes dollars ("1,234.56"); converted to cents by string arithmetic, never via a
 * float, so $0.29 is 29 cents and not 28.999….
 */
export function dollarsToCents(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/^\$/, '').replace(/,/g, ''));
  if (!m) return null;
  const c = BigInt(m[1] ?? '0') * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return c > BigInt(MAX_AMOUNT_CENTS) ? null : Number(c);
}

export const listFilterSchema = z.object({
  status: z.string().max(40).optional(),
  opportunityId: z.coerce.number().int().positive().optional(),
  accountId: z.coerce.number().int().positive().optional(),
  invoiceId: z.coerce.number().int().positive().optional(),
});
