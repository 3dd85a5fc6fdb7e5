/**
 * How Atomic CRM shows values, computed here independently of the app so that a flow can say what
 * it expects to see. Measured on the demo build (see README): amounts in the currency of the CRM's
 * configuration (USD by default), compact with at least three significant digits; task due dates
 * with the browser's `toLocaleString()`.
 */

/** The demo's configured currency (Settings can change it; the flows do not). */
export const CURRENCY = 'USD';

/**
 * A deal amount as the board's cards and the deal dialog show it: 48250 → "$48.25K",
 * 9500 → "$9.50K", 100 → "$100". The cards format in the browser's locale; the dialog always in en-US.
 */
export function dealAmount(amount: number, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, {
    notation: 'compact',
    style: 'currency',
    currency: CURRENCY,
    currencyDisplay: 'narrowSymbol',
    minimumSignificantDigits: 3,
  }).format(amount);
}

/**
 * A task's due date as the task lists show it ("12/4/2026, 10:30:00 AM" in en-US). `due` is the
 * wall-clock time typed into the form (YYYY-MM-DDTHH:mm): the app stores it in the browser's time
 * zone and shows it back in the same one, so formatting the wall-clock time as UTC gives the same text.
 */
export function taskDue(due: string, locale = 'en-US'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(due);
  if (!match) throw new Error(`a task due date is YYYY-MM-DDTHH:mm, got "${due}"`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi)).toLocaleString(locale, { timeZone: 'UTC' });
}
