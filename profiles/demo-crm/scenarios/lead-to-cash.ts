import { test } from '@playwright/test';
import type { Actor } from '../actor.js';
import {
  acceptQuote, addQuoteLine, approve, createQuote, issueInvoice, pendingApprovalOf, sendQuote, submitQuote,
  type Invoice, type Quote,
} from '../api/revenue.js';
import {
  convertLead, createLead, createProduct, moveOpportunity, qualifyLead, type Conversion, type Opportunity, type Product, type Stage,
} from '../api/sales-crm.js';
import { MAIN_DEAL, type DealLine } from '../data/lead-to-cash-deal.js';
import type { TestData } from '../data/test-data.js';
import { expectedQuote, percentToBp, type ExpectedQuote } from '../domain/pricing.js';
import { OPEN_STAGES } from '../domain/sales-rules.js';
import { describeFlow } from '../../../fixtures/allure.js';

/**
 * Preconditions of the lead-to-cash variants, built through the API as the role who would do them
 * (an admin stocks the price book, the rep converts and quotes, a manager approves, finance
 * invoices), each reported as a "Given …" step. The behaviour a test is about stays on screen.
 */
export interface PricedLine {
  product: Product;
  input: { sku: string; quantity: number; discountPercent: string };
}

export interface PricedDeal {
  lines: PricedLine[];
  /** what the CRM must show, computed here from the price book and the documented rule */
  expected: ExpectedQuote;
}

export function stockPriceBook(admin: Actor, data: TestData, deal: readonly DealLine[] = MAIN_DEAL): Promise<Product[]> {
  return test.step(`Given ${admin.name} has put ${deal.length} products in the price book (by API)`, async () => {
    const products: Product[] = [];
    for (const line of deal) {
      products.push(await createProduct(admin.api, data.product({ name: data.tagged(line.product.label), ...line.product })));
    }
    return products;
  }, { box: true });
}

/** The deal's lines over the stocked products, with the totals the CRM must show. */
export function dealLines(products: readonly Product[], deal: readonly DealLine[] = MAIN_DEAL): PricedDeal {
  const lines = deal.map((line, i) => {
    const product = products[i];
    if (!product) throw new Error(`dealLines: no product stocked for line ${i + 1}`);
    return { product, input: { sku: product.sku, quantity: line.quantity, discountPercent: line.discountPercent } };
  });
  const expected = expectedQuote(lines.map((l) => ({
    quantity: l.input.quantity,
    unitPriceCents: l.product.unitPriceCents,
    discountBp: percentToBp(l.input.discountPercent),
    taxRateBp: l.product.taxRateBp,
  })));
  return { lines, expected };
}

export interface OpenDeal extends Conversion {
  opportunity: Opportunity;
}

/** A converted lead whose opportunity stands in `stage` (moved there one documented step at a time). */
export function openOpportunity(rep: Actor, data: TestData, options: { stage?: Stage; closeDate?: string } = {}): Promise<OpenDeal> {
  const stage = options.stage ?? 'Proposal';
  return test.step(`Given ${rep.name} has converted a qualified lead into an opportunity in ${stage} (by API)`, async () => {
    const lead = await createLead(rep.api, data.lead());
    await qualifyLead(rep.api, lead.id);
    const conversion = await convertLead(rep.api, lead.id, {
      opportunityName: data.tagged('opportunity'),
      closeDate: options.closeDate ?? data.dateAfter(60),
    });
    let opportunity = conversion.opportunity;
    if (!opportunity) throw new Error('the conversion created no opportunity');
    for (const next of OPEN_STAGES.slice(1, OPEN_STAGES.indexOf(stage as (typeof OPEN_STAGES)[number]) + 1)) {
      opportunity = await moveOpportunity(rep.api, opportunity.id, next);
    }
    return { ...conversion, opportunity };
  }, { box: true });
}

/** A Draft quote holding the deal's lines. */
export function draftQuote(rep: Actor, opportunityId: number, deal: PricedDeal): Promise<Quote> {
  return test.step(`Given ${rep.name} has drafted a quote with ${deal.lines.length} line(s) (by API)`, async () => {
    let quote = await createQuote(rep.api, opportunityId);
    for (const line of deal.lines) quote = await addQuoteLine(rep.api, quote.id, { productId: line.product.id, ...line.input });
    return quote;
  }, { box: true });
}

/** Submits a drafted quote and has `approver` approve it. */
export function approvedQuote(rep: Actor, approver: Actor, quote: Quote): Promise<Quote> {
  return test.step(`Given ${approver.name} has approved ${rep.name}'s quote ${quote.number} (by API)`, async () => {
    await submitQuote(rep.api, quote.id);
    const request = await pendingApprovalOf(approver.api, quote.number);
    if (!request) throw new Error(`${quote.number} is not in ${approver.name}'s approvals`);
    await approve(approver.api, request.id, 'approved as a precondition');
    return quote;
  }, { box: true });
}

/** Sends and accepts a quote that needs no (more) approval: an order exists afterwards. */
export function acceptedQuote(rep: Actor, quote: Quote): Promise<Quote> {
  return test.step(`Given the customer has accepted ${rep.name}'s quote ${quote.number} (by API)`, async () => {
    await sendQuote(rep.api, quote.id);
    return acceptQuote(rep.api, quote.id);
  }, { box: true });
}

export function invoicedOrder(clerk: Actor, quote: Quote): Promise<Invoice> {
  return test.step(`Given ${clerk.name} has issued the invoice for order ${quote.orderNumber ?? '?'} (by API)`, async () => {
    if (!quote.orderId) throw new Error(`quote ${quote.number} has no order`);
    return issueInvoice(clerk.api, quote.orderId);
  }, { box: true });
}

export interface InvoicedDeal {
  deal: PricedDeal;
  opportunity: Opportunity;
  invoice: Invoice;
}

/** A won deal whose invoice is issued and unpaid: the starting point of the billing variants. */
export async function invoicedDeal(parties: { admin: Actor; rep: Actor; clerk: Actor }, data: TestData, lines: readonly DealLine[]): Promise<InvoicedDeal> {
  const deal = dealLines(await stockPriceBook(parties.admin, data, lines), lines);
  const { opportunity } = await openOpportunity(parties.rep, data, { stage: 'Negotiation' });
  const accepted = await acceptedQuote(parties.rep, await draftQuote(parties.rep, opportunity.id, deal));
  const invoice = await invoicedOrder(parties.clerk, accepted);
  return { deal, opportunity, invoice };
}

/**
 * The beforeEach of every lead-to-cash variant file: several people, each in their own browser,
 * through a dozen screens, hence three times the usual budget; Allure places the test under its feature.
 */
export async function describeLeadToCashVariant(feature: string): Promise<void> {
  test.slow();
  await describeFlow({ epic: 'Lead to cash', feature, severity: 'critical', owner: 'qa-sales' });
}
