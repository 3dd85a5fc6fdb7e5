import { test } from '@playwright/test';
import type { Actor } from '../actor.js';
import { addQuoteLine, createQuote, type Quote } from '../api/revenue.js';
import { convertLead, createLead, createProduct, moveOpportunity, qualifyLead, type Lead } from '../api/sales-crm.js';
import { addInternalNote, openPortalTicket, replyPublicly, takeTicket, type Ticket } from '../api/service.js';
import { VISUAL_DEAL, VISUAL_INTERNAL_NOTE, VISUAL_LEAD, VISUAL_QUOTE_LINES, VISUAL_REPLY, VISUAL_TICKET } from '../data/visual-screens.js';

/**
 * The records of the visual baselines, made through the API in one fixed order on a fresh CRM, so
 * their numbers and every figure the screens show come out the same each run.
 */
export function visualSalesRecords(admin: Actor, rep: Actor): Promise<{ lead: Lead; quote: Quote }> {
  return test.step(`Given ${rep.name} has a new lead and a draft quote of ${VISUAL_QUOTE_LINES.length} lines in a Proposal-stage deal (by API, fixed values)`, async () => {
    const products = [];
    for (const line of VISUAL_QUOTE_LINES) products.push(await createProduct(admin.api, line.product));
    const lead = await createLead(rep.api, VISUAL_LEAD);
    const dealLead = await createLead(rep.api, VISUAL_DEAL.lead);
    await qualifyLead(rep.api, dealLead.id);
    const { opportunity } = await convertLead(rep.api, dealLead.id, VISUAL_DEAL);
    if (!opportunity) throw new Error('the conversion created no opportunity');
    await moveOpportunity(rep.api, opportunity.id, 'Qualification');
    await moveOpportunity(rep.api, opportunity.id, 'Proposal');
    let quote = await createQuote(rep.api, opportunity.id);
    for (const [i, line] of VISUAL_QUOTE_LINES.entries()) {
      quote = await addQuoteLine(rep.api, quote.id, { productId: products[i]!.id, quantity: line.quantity, discountPercent: line.discountPercent });
    }
    return { lead, quote };
  }, { box: true });
}

/** A customer's portal ticket that an agent has taken, answered once and noted on internally. */
export function visualServiceRecords(customer: Actor, agent: Actor): Promise<Ticket> {
  return test.step(`Given ${customer.name} has opened a ticket that ${agent.name} took, answered and noted on internally (by API, fixed values)`, async () => {
    const ticket = await openPortalTicket(customer.api, VISUAL_TICKET);
    await takeTicket(agent.api, ticket.id);
    await replyPublicly(agent.api, ticket.id, VISUAL_REPLY);
    return addInternalNote(agent.api, ticket.id, VISUAL_INTERNAL_NOTE);
  }, { box: true });
}
