/**
 * Invoice dates and status (pure). "Overdue" is never stored: it is derived at read time from the
 * request's clock, so a test moving its clock (X-Test-Clock-Offset-Ms) sees it and nobody else does.
 */
export const PAYMENT_TERMS_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export const INVOICE_STATUSES = ['Issued', 'Partially paid', 'Paid'] as const;
export type StoredInvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceStatus = StoredInvoiceStatus | 'Overdue';

export const PAYMENT_METHODS = ['Bank transfer', 'Card', 'Check', 'Cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Due = issue + 30 × 24 h, to the millisecond (issue is a UTC timestamp). */
export function dueAtFor(issuedAtIso: string): string {
  return new Date(Date.parse(issuedAtIso) + PAYMENT_TERMS_DAYS * DAY_MS).toISOString();
}

/** Paid once payments cover the total (a $0.00 invoice is Paid when issued). */
export function storedStatusFor(totalCents: number, paidCents: number): StoredInvoiceStatus {
  if (paidCents >= totalCents) return 'Paid';
  return paidCents > 0 ? 'Partially paid' : 'Issued';
}

/** Overdue replaces Issued / Partially paid when now is strictly after the due time and money is owed. */
export function displayStatus(stored: StoredInvoiceStatus, dueAtIso: string, now: Date, balanceCents: number): InvoiceStatus {
  if (balanceCents > 0 && now.getTime() > Date.parse(dueAtIso)) return 'Overdue';
  return stored;
}

/** First instant of the calendar month (UTC) of `now` and of the next month, as ISO strings. */
export function monthBounds(now: Date): { start: string; end: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start: start.toISOString(), end: end.toISOString() };
}

/** Sequential document numbers: INV-000001, ORD-000001, Q-000001 (more digits once past 999999). */
export function documentNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}
