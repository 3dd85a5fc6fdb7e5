import { staffTicket, takeTicket } from '../../../profiles/demo-crm/api/service.js';
import { submitQuote } from '../../../profiles/demo-crm/api/revenue.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { ticketRequest } from '../../../profiles/demo-crm/data/service-tickets.js';
import { ApprovalsInboxPage } from '../../../profiles/demo-crm/pages/approvals/approvals-inbox-page.js';
import { InvoicePage } from '../../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { PortalNewTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-new-ticket-page.js';
import { PortalTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { TicketPage } from '../../../profiles/demo-crm/pages/tickets/ticket-page.js';
import { dealLines, draftQuote, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { InjectionProbe, injectionFindings, type ScreenInspection } from '../../../profiles/demo-crm/security/injection-probe.js';
import { XSS_PAYLOADS } from '../../../profiles/demo-crm/security/payloads.js';
import { submitWithPayloads } from '../../../profiles/demo-crm/security/text-fields.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

const payload = (i: number, tag: string) => `${tag} ${XSS_PAYLOADS[i % XSS_PAYLOADS.length]!.text}`;

test.describe('Stored XSS: tickets, notes, approvals and payments', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Injection', story: 'Typed text is shown as text, never run', severity: 'blocker', owner: 'qa-security', tags: ['security', 'xss'] });
    await criteria('AC-SEC-02');
  });

  test('payloads in a portal ticket, its replies and internal notes stay text in the portal, the support desk and the audit log', async ({ browser, customer, supportAgent, supportManager, admin, data }) => {
    const tag = data.tag;
    const ticketId = await customer.step('types a payload into every text field of a new portal ticket', async () => {
      const page = customer.at(PortalNewTicketPage);
      await page.open();
      const valid = ticketRequest(data);
      const typed = await submitWithPayloads(page.form, {
        valid: { Priority: { option: valid.priority }, Category: { option: valid.category }, Subject: valid.subject, Description: valid.description },
        payloads: XSS_PAYLOADS, round: 0, prefix: tag, submit: 'Submit ticket',
      });
      expect(Object.keys(typed.typed), 'the free-text fields of the portal ticket form').toEqual(['Subject', 'Description']);
      return page.createdTicketId();
    });
    const ticket = await staffTicket(admin.api, ticketId);

    await supportAgent.step('takes the ticket and types payloads into a public reply and an internal note', async () => {
      await takeTicket(supportAgent.api, ticketId);
      const page = supportAgent.at(TicketPage);
      await page.open(ticketId);
      await page.replyToCustomer(payload(2, tag));
      await page.addInternalNote(payload(3, tag));
    });

    await customer.step('answers with a payload in the portal reply box', async () => {
      const page = customer.at(PortalTicketPage);
      await page.open(ticketId);
      await page.reply(payload(4, tag));
    });

    const seen: ScreenInspection[] = [];
    const staffShows = { [`/tickets/${ticketId}`]: [ticket.subject, ticket.description, payload(2, tag), payload(3, tag), payload(4, tag)] };
    const portalShows = { [`/portal/tickets/${ticketId}`]: [ticket.subject, ticket.description, payload(2, tag), payload(4, tag)] };
    await customer.step('reads the ticket in the portal, in a browser that would let any injected script run', async () => {
      const probe = await InjectionProbe.open(browser, customer);
      try {
        for (const path of [...Object.keys(portalShows), `/portal?q=${encodeURIComponent(tag)}`]) seen.push(await probe.inspect(path));
      } finally {
        await probe.close();
      }
    });
    await supportAgent.step('reads the ticket in the queue, on its page and the dashboard', async () => {
      const probe = await InjectionProbe.open(browser, supportAgent);
      try {
        for (const path of [...Object.keys(staffShows), `/tickets?q=${encodeURIComponent(tag)}`, '/']) seen.push(await probe.inspect(path));
      } finally {
        await probe.close();
      }
    });
    await supportManager.step('reads the ticket on the SLA board and the service dashboard', async () => {
      const probe = await InjectionProbe.open(browser, supportManager);
      try {
        for (const path of ['/service/sla', '/']) seen.push(await probe.inspect(path));
      } finally {
        await probe.close();
      }
    });
    await admin.step('reads the ticket\'s entries in the audit log', async () => {
      const probe = await InjectionProbe.open(browser, admin);
      try {
        seen.push(await probe.inspect(`/audit?object=ticket&recordId=${ticketId}`));
      } finally {
        await probe.close();
      }
    });

    const findings = injectionFindings(seen, { ...staffShows, ...portalShows });
    await recordCount('AC-SEC-02', findings.length, 'screens where a payload became markup or ran', `${seen.length} screens read`);
    expect(findings, 'screens where a payload became markup or ran, or was not shown as typed').toEqual([]);
  });

  test('payloads in an approval comment and a payment reference stay text in the notifications, the quote, the invoice and the audit log', async ({ browser, salesRep, salesManager, finance, admin, data }) => {
    const tag = data.tag;
    const lines = oneLineDeal('15');
    const deal = dealLines(await stockPriceBook(admin, data, lines), lines);
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const quote = await draftQuote(salesRep, opportunity.id, deal);
    await submitQuote(salesRep.api, quote.id);
    const comment = payload(1, tag);

    await salesManager.step(`approves quote ${quote.number} with a comment holding a payload`, async () => {
      const inbox = salesManager.at(ApprovalsInboxPage);
      await inbox.open();
      await inbox.find(quote.number);
      await inbox.approve(quote.number, comment);
    });

    const billed = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));
    const reference = payload(6, tag).slice(0, 100);
    await finance.step('records a payment whose reference holds a payload', async () => {
      const page = finance.at(InvoicePage);
      await page.open(billed.invoice.id);
      await page.recordPayment({ amount: '10.00', method: 'Card', reference });
    });

    const seen: ScreenInspection[] = [];
    const shows: Record<string, string[]> = { '/notifications': [comment], [`/quotes/${quote.id}`]: [comment], [`/invoices/${billed.invoice.id}`]: [reference] };
    for (const [viewer, paths] of [[salesRep, ['/notifications', `/quotes/${quote.id}`, '/']], [finance, [`/invoices/${billed.invoice.id}`, '/payments']], [admin, [`/audit?object=quote&recordId=${quote.id}`, '/audit?object=payment']]] as const) {
      await viewer.step('reads the comment and the reference where they are shown, in a browser that would run any injected script', async () => {
        const probe = await InjectionProbe.open(browser, viewer);
        try {
          for (const path of paths) seen.push(await probe.inspect(path));
        } finally {
          await probe.close();
        }
      });
    }

    const findings = injectionFindings(seen, shows);
    await recordCount('AC-SEC-02', findings.length, 'screens where a payload became markup or ran', `${seen.length} screens read`);
    expect(findings, 'screens where a payload became markup or ran, or was not shown as typed').toEqual([]);
  });
});
