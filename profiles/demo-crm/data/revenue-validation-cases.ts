import { dollarsInput, formatMoney } from '../domain/money.js';
import type { PaymentInput } from '../pages/invoices/invoice-page.js';
import type { TestData } from './test-data.js';
import type { InvalidCase, ValidCase } from './validation-cases.js';

/**
 * Validation tables of the money forms (demo-crm/docs/sales-revenue.md §2 and §8): the quote's Add
 * line form and the invoice's Record payment dialog. Invalid cases name the one field they break and
 * its documented message; valid cases sit on the boundaries and must be stored and shown as typed.
 */
export interface LineFormInput {
  quantity: string;
  discountPercent: string;
}

const QUANTITY = 'Quantity must be a whole number from 1 to 1,000,000';
const DISCOUNT = 'Discount must be a percentage from 0 to 100 with at most 2 decimals';

/** Each valid line gets a product of its own, so every line is found by its SKU. */
export interface ValidLineCase extends ValidCase<LineFormInput> {
  product: { unitPriceCents: number; taxRateBp: number };
}

export function quoteLineCases(): { valid: ValidLineCase[]; invalid: InvalidCase<LineFormInput>[] } {
  return {
    valid: [
      // docs §3 case A: 3 × $19.99 − 12.5 % at 8.25 % tax → net $52.47, tax $4.33
      { case: 'a fractional discount that rounds half-up (worked example A)', input: { quantity: '3', discountPercent: '12.5' }, product: { unitPriceCents: 1_999, taxRateBp: 825 } },
      { case: 'the largest quantity with a 100 % discount (a zero line)', input: { quantity: '1000000', discountPercent: '100' }, product: { unitPriceCents: 4_321, taxRateBp: 1300 } },
      { case: 'the smallest quantity with no discount', input: { quantity: '1', discountPercent: '0' }, product: { unitPriceCents: 1_005, taxRateBp: 1000 } },
      { case: 'a discount with exactly two decimals', input: { quantity: '7', discountPercent: '7.05' }, product: { unitPriceCents: 333, taxRateBp: 600 } },
    ],
    invalid: [
      { case: 'a quantity of 0', input: { quantity: '0', discountPercent: '0' }, field: 'Quantity', message: QUANTITY },
      { case: 'a quantity of 1,000,001', input: { quantity: '1000001', discountPercent: '0' }, field: 'Quantity', message: QUANTITY },
      { case: 'a fractional quantity', input: { quantity: '2.5', discountPercent: '0' }, field: 'Quantity', message: QUANTITY },
      { case: 'a discount above 100 %', input: { quantity: '1', discountPercent: '100.01' }, field: 'Discount %', message: DISCOUNT },
      { case: 'a discount with three decimals', input: { quantity: '1', discountPercent: '12.345' }, field: 'Discount %', message: DISCOUNT },
      { case: 'a negative discount', input: { quantity: '1', discountPercent: '-5' }, field: 'Discount %', message: DISCOUNT },
    ],
  };
}

const DAY_MS = 86_400_000;
/** A calendar date (UTC, the CRM's "today") `days` from now. */
const dateFromToday = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Payment cases on an invoice of `totalCents` with nothing paid yet. The valid ones are recorded in
 * order and settle it exactly: one cent, whole dollars, then the exact remaining balance.
 */
export function paymentCases(data: TestData, totalCents: number): { valid: ValidCase<PaymentInput>[]; invalid: InvalidCase<PaymentInput>[] } {
  const base = (): PaymentInput => ({ amount: '10.00', method: 'Bank transfer', paidOn: dateFromToday(0), reference: data.tagged('ref') });
  const over = totalCents + 1;
  return {
    invalid: [
      { case: 'an amount of 0', input: { ...base(), amount: '0' }, field: 'Amount ($)', message: 'Amount must be greater than 0' },
      { case: 'an amount with a fraction of a cent', input: { ...base(), amount: '12.345' }, field: 'Amount ($)', message: 'Amount: enter an amount in dollars, e.g. 1234.50' },
      { case: 'one cent more than the open balance', input: { ...base(), amount: dollarsInput(over) }, field: 'Amount ($)', message: `The payment of ${formatMoney(over)} exceeds the open balance of ${formatMoney(totalCents)}` },
      { case: 'a payment date tomorrow', input: { ...base(), paidOn: dateFromToday(1) }, field: 'Payment date', message: `The payment date cannot be after today (${dateFromToday(0)})` },
    ],
    valid: [
      { case: 'one cent, with a CJK and emoji reference in surrounding spaces', input: { ...base(), amount: '0.01', method: 'Card', reference: `  ${data.tagged(`${data.cjk.company.name()} 付款 💳`)}  ` } },
      { case: 'whole dollars paid 30 days ago, with quotes and commas in the reference', input: { ...base(), amount: '100', method: 'Check', paidOn: dateFromToday(-30), reference: data.tagged('"Cheque 42", Smith & Co') } },
      { case: 'exactly the remaining balance, settling the invoice', input: { ...base(), amount: dollarsInput(totalCents - 1 - 100_00), method: 'Cash' } },
    ],
  };
}
