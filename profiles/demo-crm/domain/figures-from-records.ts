/**
 * What each dashboard metric and board figure must say, computed here from the records a role can
 * list through the API and the documented definitions (demo-crm/docs/sales-crm.md §5 and §12,
 * sales-revenue.md §7 and §10, service.md §3 and §8) — never read from the CRM's own totals.
 * Each function gives figure id → the text the screen must show; "<id> (count)" is the number a
 * metric's label carries ("Prospecting (3)", "Average satisfaction (4 rated)").
 */
import type { Approval, Invoice, Order, Payment, QuoteSummary } from '../api/revenue.js';
import { STAGES, type Opportunity } from '../api/sales-crm.js';
import type { TicketSummary } from '../api/service.js';
import { formatMoney } from './money.js';
import { OPEN_STAGES } from './sales-rules.js';
import { formatAverageRating } from './satisfaction.js';

export type Figures = Map<string, string>;

/** New, Open, Pending customer, Escalated, Reopened: the statuses a ticket is "open" in. */
const UNRESOLVED = new Set(['New', 'Open', 'Pending customer', 'Escalated', 'Reopened']);

const slug = (stage: string): string => stage.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const money = (cents: bigint): string => formatMoney(cents);
const sumOf = (amounts: readonly number[]): bigint => amounts.reduce((total, a) => total + BigInt(a), 0n);

/** The calendar month (UTC) of `now` as [start, end) ISO strings. */
export function monthOf(now: Date): { start: string; end: string } {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
  };
}

/** "Pipeline by stage": Σ amount and count of the open opportunities per open stage, and in total. */
export function pipelineWidget(opportunities: readonly Opportunity[]): Figures {
  const figures: Figures = new Map();
  const open = opportunities.filter((o) => (OPEN_STAGES as readonly string[]).includes(o.stage));
  for (const stage of OPEN_STAGES) {
    const inStage = open.filter((o) => o.stage === stage);
    figures.set(`pipeline-${slug(stage)}`, money(sumOf(inStage.map((o) => o.amount))));
    figures.set(`pipeline-${slug(stage)} (count)`, String(inStage.length));
  }
  figures.set('pipeline-total', money(sumOf(open.map((o) => o.amount))));
  figures.set('pipeline-total (count)', String(open.length));
  return figures;
}

/** "Sales results": won this month (Σ and count, by the moment of closing) and quotes pending approval. */
export function salesResultsWidget(opportunities: readonly Opportunity[], quotes: readonly QuoteSummary[] | undefined, now: Date): Figures {
  const { start, end } = monthOf(now);
  const won = opportunities.filter((o) => o.stage === 'Closed Won' && o.closedAt !== null && o.closedAt >= start && o.closedAt < end);
  const figures: Figures = new Map([
    ['won-this-month', money(sumOf(won.map((o) => o.amount)))],
    ['won-this-month-count', String(won.length)],
  ]);
  if (quotes) figures.set('quotes-pending-approval', String(quotes.filter((q) => q.status === 'Pending approval').length));
  return figures;
}

export function approvalsWidget(approvals: readonly Approval[]): Figures {
  return new Map([['approvals-pending', String(approvals.filter((a) => a.status === 'Pending').length)]]);
}

/**
 * "Invoices and payments". An invoice's paid amount is the Σ of its payment records (not the
 * invoice's own paid field); it is open while that is below its total, overdue when also due < now.
 */
export function financeWidget(invoices: readonly Invoice[], payments: readonly Payment[], orders: readonly Order[], now: Date): Figures {
  const paidOn = new Map<number, bigint>();
  for (const p of payments) paidOn.set(p.invoiceId, (paidOn.get(p.invoiceId) ?? 0n) + BigInt(p.amountCents));
  const open = invoices
    .map((i) => ({ invoice: i, balance: BigInt(i.totalCents) - (paidOn.get(i.id) ?? 0n) }))
    .filter((x) => x.balance > 0n);
  const overdue = open.filter((x) => Date.parse(x.invoice.dueAt) < now.getTime());
  const { start, end } = monthOf(now);
  const thisMonth = payments.filter((p) => p.paidOn >= start.slice(0, 10) && p.paidOn < end.slice(0, 10));
  const invoiced = new Set(invoices.map((i) => i.orderId));
  return new Map([
    ['open-invoice-balance', money(open.reduce((s, x) => s + x.balance, 0n))],
    ['open-invoices', String(open.length)],
    ['overdue-invoices', String(overdue.length)],
    ['overdue-balance', money(overdue.reduce((s, x) => s + x.balance, 0n))],
    ['payments-this-month', money(sumOf(thisMonth.map((p) => p.amountCents)))],
    ['orders-to-invoice', String(orders.filter((o) => !invoiced.has(o.id)).length)],
  ]);
}

/** "Service desk": open tickets per priority, those in breach, the average rating, closed tickets. */
export function serviceWidget(tickets: readonly TicketSummary[]): Figures {
  const open = tickets.filter((t) => UNRESOLVED.has(t.status));
  const ratings = tickets.flatMap((t) => (t.satisfaction === null ? [] : [t.satisfaction]));
  const figures: Figures = new Map();
  for (const p of ['P1', 'P2', 'P3', 'P4'] as const) figures.set(`tickets-open-${p.toLowerCase()}`, String(open.filter((t) => t.priority === p).length));
  figures.set('sla-breaches', String(open.filter((t) => t.sla.firstResponse.breached || t.sla.resolution.breached).length));
  figures.set('avg-satisfaction', formatAverageRating(ratings));
  figures.set('avg-satisfaction (count)', String(ratings.length));
  figures.set('tickets-closed', String(tickets.filter((t) => t.status === 'Closed').length));
  return figures;
}

/** The pipeline board's columns: count and Σ amount of every opportunity in each stage. */
export function pipelineBoard(opportunities: readonly Opportunity[]): Figures {
  const figures: Figures = new Map();
  for (const stage of STAGES) {
    const inStage = opportunities.filter((o) => o.stage === stage);
    figures.set(`board-count-${slug(stage)}`, String(inStage.length));
    figures.set(`board-total-${slug(stage)}`, money(sumOf(inStage.map((o) => o.amount))));
  }
  return figures;
}

/** The SLA board's summary: open tickets (per priority) and breaches (per clock). */
export function slaBoard(tickets: readonly TicketSummary[]): Figures {
  const open = tickets.filter((t) => UNRESOLVED.has(t.status));
  const figures: Figures = new Map([['board-open-count', String(open.length)]]);
  for (const p of ['P1', 'P2', 'P3', 'P4'] as const) figures.set(`board-open-${p.toLowerCase()}`, String(open.filter((t) => t.priority === p).length));
  figures.set('board-breach-count', String(open.filter((t) => t.sla.firstResponse.breached || t.sla.resolution.breached).length));
  figures.set('board-first-response-breaches', String(open.filter((t) => t.sla.firstResponse.breached).length));
  figures.set('board-resolution-breaches', String(open.filter((t) => t.sla.resolution.breached).length));
  return figures;
}
