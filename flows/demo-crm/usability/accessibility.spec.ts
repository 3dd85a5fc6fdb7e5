import { openPortalTicket, takeTicket } from '../../../profiles/demo-crm/api/service.js';
import { createLead, qualifyLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { approve, pendingApprovalOf, submitQuote } from '../../../profiles/demo-crm/api/revenue.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { ticketRequest } from '../../../profiles/demo-crm/data/service-tickets.js';
import { dealLines, draftQuote, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { axeSignedOut, axeTour } from '../../../profiles/demo-crm/usability/screen-tour.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { ApprovalsInboxPage } from '../../../profiles/demo-crm/pages/approvals/approvals-inbox-page.js';
import type { Actor } from '../../../profiles/demo-crm/test.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** Enough approval requests that the manager's unread-notifications badge shows two digits. */
const APPROVAL_REQUESTS = 11;

/** Finds the quote's request in the inbox and presses its Approve button (which opens the dialog). */
async function openApproval(manager: Actor, quoteNumber: string): Promise<void> {
  const inbox = manager.at(ApprovalsInboxPage);
  await inbox.find(quoteNumber);
  await inbox.approveButton(quoteNumber).click();
}

test.describe('Accessibility (axe) of the key screens and dialogs', { tag: '@usability' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Usability', feature: 'Accessibility', story: 'No serious or critical axe violation', severity: 'critical', owner: 'qa-usability', tags: ['usability', 'accessibility'] });
    await criteria('AC-USE-03');
  });

  test('the sales rep\'s screens and dialogs have no serious or critical violation', async ({ salesRep, admin, data }) => {
    const lead = await createLead(salesRep.api, data.lead());
    await qualifyLead(salesRep.api, lead.id);
    const lines = oneLineDeal('15');
    const deal = dealLines(await stockPriceBook(admin, data, lines), lines);
    const { opportunity, account, contact } = await openOpportunity(salesRep, data);
    const quote = await draftQuote(salesRep, opportunity.id, deal);
    await submitQuote(salesRep.api, quote.id);

    const blocking = [
      ...await axeTour(salesRep, [
        { name: 'the rep\'s dashboard (start page)', path: '/' },
        { name: 'the Leads list', path: '/leads' },
        { name: 'the New lead form', path: '/leads/new' },
        { name: 'a qualified lead', path: `/leads/${lead.id}`, dialog: { opener: 'Convert lead', name: 'Convert lead' } },
        { name: 'an account', path: `/accounts/${account.id}` },
        { name: 'a contact', path: `/contacts/${contact.id}` },
        { name: 'the pipeline board', path: '/opportunities/board' },
        { name: 'an opportunity', path: `/opportunities/${opportunity.id}` },
        { name: 'a quote pending approval', path: `/quotes/${quote.id}` },
        { name: 'the notifications', path: '/notifications' },
      ]),
    ];
    await recordCount('AC-USE-03', blocking.length, 'serious or critical accessibility violations', 'the sales rep\'s screens and dialogs');
    expect(blocking.map((f) => `${f.screen}: ${f.impact} ${f.rule} (${f.target})`), 'serious or critical axe violations').toEqual([]);
  });

  test('the approval and billing screens and dialogs of the manager and finance have no serious or critical violation', async ({ salesRep, salesManager, finance, admin, data }) => {
    const lines = oneLineDeal('15');
    const deal = dealLines(await stockPriceBook(admin, data, lines), lines);
    const opportunityId = (await openOpportunity(salesRep, data)).opportunity.id;

    // axe judges the contrast of one-character text as "incomplete": only a two-digit notification
    // badge is really checked, so the manager gets at least ten approval requests
    const [quote, ...extra] = await test.step(`Given ${salesRep.name} has sent ${APPROVAL_REQUESTS} quotes for approval (by API)`, async () => {
      const sent = [];
      for (let i = 0; i < APPROVAL_REQUESTS; i += 1) {
        const drafted = await draftQuote(salesRep, opportunityId, deal);
        await submitQuote(salesRep.api, drafted.id);
        sent.push(drafted);
      }
      return sent;
    });

    const { invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));

    const blocking = [
      ...await axeTour(salesManager, [
        { name: 'the manager\'s dashboard (start page)', path: '/' },
        { name: 'the Approvals inbox', path: '/approvals', dialog: { opener: () => openApproval(salesManager, quote.number), name: `Approve quote ${quote.number}` } },
      ]),
      ...await axeTour(finance, [
        { name: 'the finance dashboard (start page)', path: '/' },
        { name: 'the Invoices list', path: '/invoices' },
        { name: 'an issued invoice', path: `/invoices/${invoice.id}`, dialog: { opener: 'Record payment', name: 'Record payment' } },
        { name: 'the Orders list', path: '/orders' },
      ]),
    ];

    // the shared inbox lists the oldest first, 25 a page: other tests find their request on page one
    await test.step(`${salesManager.name} approves the ${extra.length} extra requests (by API), so they leave the shared inbox`, async () => {
      for (const { number } of extra) await approve(salesManager.api, (await pendingApprovalOf(salesManager.api, number))!.id, 'Approved after the accessibility tour');
    });

    await recordCount('AC-USE-03', blocking.length, 'serious or critical accessibility violations', 'the manager\'s and finance screens and dialogs');
    expect(blocking.map((f) => `${f.screen}: ${f.impact} ${f.rule} (${f.target})`), 'serious or critical axe violations').toEqual([]);
  });

  test('the admin and auditor screens and both sign-in pages have no serious or critical violation', async ({ admin, auditor, browser }) => {
    const blocking = [
      ...await axeTour(admin, [
        { name: 'the admin\'s dashboard (start page)', path: '/' },
        { name: 'the Users screen', path: '/admin/users' },
        { name: 'the import wizard', path: '/imports/new' },
      ]),
      ...await axeTour(auditor, [
        { name: 'the auditor\'s start page', path: '/' },
        { name: 'the audit log', path: '/audit' },
      ]),
      ...await axeSignedOut(browser, ['/login', '/portal/login']),
    ];
    await recordCount('AC-USE-03', blocking.length, 'serious or critical accessibility violations', 'admin, auditor and sign-in screens');
    expect(blocking.map((f) => `${f.screen}: ${f.impact} ${f.rule} (${f.target})`), 'serious or critical axe violations').toEqual([]);
  });

  test('the service screens and the portal have no serious or critical violation', async ({ supportAgent, supportManager, customer, data }) => {
    const ticket = await openPortalTicket(customer.api, ticketRequest(data));
    await takeTicket(supportAgent.api, ticket.id);

    const blocking = [
      ...await axeTour(supportAgent, [
        { name: 'the agent\'s dashboard (start page)', path: '/' },
        { name: 'the ticket queue', path: '/tickets' },
        { name: 'an open ticket', path: `/tickets/${ticket.id}`, dialog: { opener: 'Resolve', name: 'Resolve ticket' } },
      ]),
      ...await axeTour(supportManager, [
        { name: 'the support manager\'s dashboard (start page)', path: '/' },
        { name: 'the SLA board', path: '/service/sla' },
      ]),
      ...await axeTour(customer, [
        { name: 'the portal (start page)', path: '/portal' },
        { name: 'the portal\'s New ticket form', path: '/portal/tickets/new' },
        { name: 'a ticket in the portal', path: `/portal/tickets/${ticket.id}` },
      ]),
    ];
    await recordCount('AC-USE-03', blocking.length, 'serious or critical accessibility violations', 'service and portal screens');
    expect(blocking.map((f) => `${f.screen}: ${f.impact} ${f.rule} (${f.target})`), 'serious or critical axe violations').toEqual([]);
  });
});
