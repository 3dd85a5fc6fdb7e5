import { expect, test } from '@playwright/test';
import type { Actor } from '../actor.js';
import type { ApiClient } from '../api/client.js';
import { getInvoice, getQuote, paymentsOfInvoice, type PaymentMethod } from '../api/revenue.js';
import { staffTicket, type Ticket } from '../api/service.js';
import { sessionSchema } from '../api/session.js';
import { expectedQuote, percentToBp } from '../domain/pricing.js';
import type { PricedDeal } from '../scenarios/lead-to-cash.js';

/**
 * What a restart after a crash must show, read back through the API: every committed record whole,
 * nothing of the write that was interrupted — checked both against the values the test computed
 * itself and as "the whole equals the sum of its parts", so a half write shows whichever way it went.
 */

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The actor's session still works after the restart: the CRM keeps sessions in its database. */
export async function expectStillSignedIn(actor: Actor): Promise<void> {
  await test.step(`${actor.name} is still signed in: the session survived the restart`, async () => {
    const answer = await actor.api.send('GET', '/api/session');
    expect(answer.status, `${actor.name}'s session is accepted after the restart (GET /api/session)`).toBe(200);
    expect(sessionSchema.parse(answer.body).user.displayName).toBe(actor.displayName);
  }, { box: true });
}

/** The quote holds exactly `deal`'s lines, each priced from its own figures, and totals that are their sum. */
export async function expectQuoteHolds(api: ApiClient, quoteId: number, deal: PricedDeal, title: string): Promise<void> {
  await test.step(title, async () => {
    const quote = await getQuote(api, quoteId);
    for (const line of quote.lines) {
      const own = expectedQuote([{ quantity: line.quantity, unitPriceCents: line.unitPriceCents, discountBp: line.discountBp, taxRateBp: line.taxRateBp }]).lines[0]!;
      expect([line.netCents, line.taxCents, line.totalCents], `line ${line.sku} is priced from its own quantity, price, discount and tax`)
        .toEqual([Number(own.netCents), Number(own.taxCents), Number(own.totalCents)]);
    }
    expect([quote.subtotalCents, quote.taxCents, quote.grandTotalCents], 'the quote totals are the sum of its lines')
      .toEqual([sum(quote.lines.map((l) => l.netCents)), sum(quote.lines.map((l) => l.taxCents)), sum(quote.lines.map((l) => l.totalCents))]);
    expect(quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents, discountBp: l.discountBp, taxRateBp: l.taxRateBp })), `exactly ${deal.lines.length} line(s), once each, as entered`)
      .toEqual(deal.lines.map((l) => ({
        sku: l.product.sku, quantity: l.input.quantity, unitPriceCents: l.product.unitPriceCents, discountBp: percentToBp(l.input.discountPercent), taxRateBp: l.product.taxRateBp,
      })));
    expect([quote.subtotalCents, quote.taxCents, quote.grandTotalCents], 'the totals the price book gives')
      .toEqual([Number(deal.expected.subtotalCents), Number(deal.expected.taxCents), Number(deal.expected.grandTotalCents)]);
    expect(quote.status).toBe('Draft');
  }, { box: true });
}

export interface ExpectedPayment {
  amountCents: bigint;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
  recordedByName: string;
}

/** The invoice holds exactly `payments`, and its paid amount and balance are their sum. */
export async function expectInvoiceHolds(api: ApiClient, invoiceId: number, o: { totalCents: bigint; payments: readonly ExpectedPayment[] }, title: string): Promise<void> {
  await test.step(title, async () => {
    const [invoice, payments] = await Promise.all([getInvoice(api, invoiceId), paymentsOfInvoice(api, invoiceId)]);
    expect(invoice.paidCents, 'the invoice\'s paid amount is the sum of its payments').toBe(sum(payments.map((p) => p.amountCents)));
    expect(invoice.balanceCents, 'open balance = total − paid').toBe(invoice.totalCents - invoice.paidCents);
    expect([...payments].sort((a, b) => a.id - b.id).map((p) => ({ amountCents: p.amountCents, paidOn: p.paidOn, method: p.method, reference: p.reference, recordedByName: p.recordedByName })), `exactly ${o.payments.length} payment(s), with every field, in the order recorded`)
      .toEqual(o.payments.map((p) => ({ ...p, amountCents: Number(p.amountCents) })));
    const paid = o.payments.reduce((a, p) => a + p.amountCents, 0n);
    expect([invoice.totalCents, invoice.paidCents], 'the invoice total and what was paid').toEqual([Number(o.totalCents), Number(paid)]);
    expect(invoice.status).toBe(paid === 0n ? 'Issued' : paid < o.totalCents ? 'Partially paid' : 'Paid');
  }, { box: true });
}

/** The ticket holds exactly `replies` (body, author) and its first response is stamped by the first of them, or not at all. */
export async function expectTicketHolds(
  api: ApiClient, ticketId: number, o: { opened: Ticket; assignee: string; replies: readonly { body: string; author: string }[] }, title: string,
): Promise<void> {
  await test.step(title, async () => {
    const ticket = await staffTicket(api, ticketId);
    const firstReply = ticket.messages.find((m) => m.kind === 'public' && !m.author.customer);
    expect(ticket.sla.firstResponse.stoppedAt, 'the first response is stamped exactly when the first staff reply exists, at its time').toBe(firstReply?.createdAt ?? null);
    expect(ticket.messages.map((m) => ({ kind: m.kind, body: m.body, author: m.author.name })), `exactly ${o.replies.length} reply(ies)`)
      .toEqual(o.replies.map((r) => ({ kind: 'public', body: r.body, author: r.author })));
    const { subject, description, priority, category, account, createdAt } = o.opened;
    expect({ subject: ticket.subject, description: ticket.description, priority: ticket.priority, category: ticket.category, account: ticket.account, createdAt: ticket.createdAt }, 'the ticket as the customer opened it')
      .toEqual({ subject, description, priority, category, account, createdAt });
    expect([ticket.status, ticket.assignee?.name], 'taken by the agent and open').toEqual(['Open', o.assignee]);
  }, { box: true });
}
