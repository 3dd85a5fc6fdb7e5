import { test } from '@playwright/test';
import type { Actor } from '../actor.js';
import type { ApiClient } from '../api/client.js';
import {
  acceptQuote, addQuoteLine, approve, createQuote, issueInvoice, pendingApprovalOf, recordPayment, sendQuote, submitQuote,
  type Invoice, type Quote,
} from '../api/revenue.js';
import {
  convertLead, createLead, createOpportunity, createProduct, moveOpportunity, qualifyLead, type Lead, type Product,
} from '../api/sales-crm.js';
import type { TestData } from '../data/test-data.js';
import { OPEN_STAGES } from '../domain/sales-rules.js';

/**
 * A sales side with something in every box a dashboard or list adds up, set up through the API by
 * the roles who would do it: per rep one open opportunity in each open stage and a lost one, deals won
 * this month and one won 40 days ago, invoices paid, partly paid, overdue and not yet issued, a quote
 * waiting for approval and a draft. Amounts are distinct powers of two (dollars) plus a cent
 * signature, so a double count or a missed record shows in any sum.
 */
export interface SalesParties { admin: Actor; rep: Actor; rep2: Actor; manager: Actor; finance: Actor }

export interface BusySales {
  products: Product[];
  /** the account of each rep's first conversion, in the order rep, rep2 */
  accounts: number[];
  /** rep's converted lead (account, contact and opportunity came from it) */
  convertedLead: Lead;
  /** rep's deal won this month: accepted quote, its order and its fully paid invoice */
  paidDeal: { quote: Quote; invoice: Invoice };
  /** rep's overdue, partly paid invoice (issued 40 days ago) */
  overdueInvoice: Invoice;
}

const DAY_MS = 86_400_000;
const dateDaysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const today = (): string => dateDaysAgo(0);

interface Line { product: number; quantity: number; discountPercent: string }

/** Opportunity → quote with lines → sent → accepted, by `rep` (whose clock may be moved). */
async function wonDeal(rep: ApiClient, accountId: number, name: string, closeDate: string, lines: Line[]): Promise<Quote> {
  const opportunity = await createOpportunity(rep, { name, accountId, amountCents: 0, closeDate });
  let quote = await createQuote(rep, opportunity.id);
  for (const l of lines) quote = await addQuoteLine(rep, quote.id, { productId: l.product, quantity: l.quantity, discountPercent: l.discountPercent });
  await sendQuote(rep, quote.id);
  return acceptQuote(rep, quote.id);
}

function orderOf(quote: Quote): number {
  if (quote.orderId === null) throw new Error(`accepting ${quote.number} created no order`);
  return quote.orderId;
}

/** A converted lead and one opportunity per stage (each a distinct amount), plus one lost. */
async function pipelineOf(rep: Actor, data: TestData, scale: number): Promise<{ lead: Lead; accountId: number }> {
  const lead = await createLead(rep.api, data.lead());
  await qualifyLead(rep.api, lead.id);
  const amounts = [1_024_01, 2_048_02, 4_096_03, 8_192_04].map((a) => a * scale);
  const converted = await convertLead(rep.api, lead.id, { opportunityName: data.tagged('first deal'), closeDate: data.dateAfter(30), amountCents: amounts[0] });
  const accountId = converted.account.id;
  for (const [i, stage] of OPEN_STAGES.entries()) {
    if (i === 0) continue;
    let o = await createOpportunity(rep.api, { name: data.tagged(`${stage} deal`), accountId, amountCents: amounts[i]!, closeDate: data.dateAfter(40 + i) });
    for (const next of OPEN_STAGES.slice(1, i + 1)) o = await moveOpportunity(rep.api, o.id, next);
  }
  const lost = await createOpportunity(rep.api, { name: data.tagged('lost deal'), accountId, amountCents: 16_384_05 * scale, closeDate: data.dateAfter(20) });
  await moveOpportunity(rep.api, lost.id, 'Closed Lost', 'Went with a competitor');
  return { lead: converted.lead, accountId };
}

export function busySales(p: SalesParties, data: TestData): Promise<BusySales> {
  return test.step('Given a busy sales side: pipelines, won deals, invoices paid, partly paid, overdue and unissued (by API, as each role)', async () => {
    const products = [
      await createProduct(p.admin.api, data.product({ name: data.tagged('Ledger seat'), unitPriceCents: 1_234_57, taxRateBp: 1300 })),
      await createProduct(p.admin.api, data.product({ name: data.tagged('Audit pack'), unitPriceCents: 98_76, taxRateBp: 600 })),
    ];
    const [seat, pack] = products.map((x) => x.id) as [number, number];
    const mine = await pipelineOf(p.rep, data, 1);
    const theirs = await pipelineOf(p.rep2, data, 32);

    const paid = await wonDeal(p.rep.api, mine.accountId, data.tagged('won, paid'), today(), [{ product: seat, quantity: 1, discountPercent: '5' }, { product: pack, quantity: 3, discountPercent: '0' }]);
    const paidInvoice = await issueInvoice(p.finance.api, orderOf(paid));
    await recordPayment(p.finance.api, paidInvoice.id, { amountCents: 500_00, paidOn: today(), method: 'Bank transfer' });
    const settled = await recordPayment(p.finance.api, paidInvoice.id, { amountCents: paidInvoice.totalCents - 500_00, paidOn: today(), method: 'Card' });

    const past = -40 * DAY_MS;
    const old = await wonDeal(p.rep.api.withClockOffset(past), mine.accountId, data.tagged('won 40 days ago'), dateDaysAgo(40), [{ product: seat, quantity: 4, discountPercent: '10' }]);
    const oldInvoice = await issueInvoice(p.finance.api.withClockOffset(past), orderOf(old));
    await recordPayment(p.finance.api, oldInvoice.id, { amountCents: 1_000_00, paidOn: dateDaysAgo(39), method: 'Check' });
    const overdue = await recordPayment(p.finance.api, oldInvoice.id, { amountCents: 250_00, paidOn: today(), method: 'Cash' });

    const part = await wonDeal(p.rep2.api, theirs.accountId, data.tagged('won, partly paid'), today(), [{ product: seat, quantity: 2, discountPercent: '0' }]);
    const partInvoice = await issueInvoice(p.finance.api, orderOf(part));
    await recordPayment(p.finance.api, partInvoice.id, { amountCents: 200_00, paidOn: today(), method: 'Bank transfer' });
    await wonDeal(p.rep2.api, theirs.accountId, data.tagged('won, not invoiced'), today(), [{ product: pack, quantity: 7, discountPercent: '2.5' }]);

    const waiting = await createOpportunity(p.rep2.api, { name: data.tagged('discount waits for approval'), accountId: theirs.accountId, amountCents: 64_000_07, closeDate: data.dateAfter(50) });
    const pending = await createQuote(p.rep2.api, waiting.id);
    await addQuoteLine(p.rep2.api, pending.id, { productId: seat, quantity: 5, discountPercent: '15' });
    await submitQuote(p.rep2.api, pending.id);
    const approved = await createQuote(p.rep.api, (await createOpportunity(p.rep.api, { name: data.tagged('approved discount'), accountId: mine.accountId, amountCents: 128_000_09, closeDate: data.dateAfter(55) })).id);
    await addQuoteLine(p.rep.api, approved.id, { productId: pack, quantity: 9, discountPercent: '12' });
    await submitQuote(p.rep.api, approved.id);
    const request = await pendingApprovalOf(p.manager.api, approved.number);
    if (!request) throw new Error(`${approved.number} is not in the sales manager's approvals`);
    await approve(p.manager.api, request.id, 'approved for the dashboard check');

    return { products, accounts: [mine.accountId, theirs.accountId], convertedLead: mine.lead, paidDeal: { quote: paid, invoice: settled }, overdueInvoice: overdue };
  }, { box: true });
}
