import { currentSession } from '../../profiles/demo-crm/api/session.js';
import { auditTrailOf } from '../../profiles/demo-crm/api/audit-log.js';
import { getInvoice, getQuote } from '../../profiles/demo-crm/api/revenue.js';
import { getOpportunity } from '../../profiles/demo-crm/api/sales-crm.js';
import { expectConversionMapped } from '../../profiles/demo-crm/checks/lead-conversion.js';
import { reconcileMoneyTrail } from '../../profiles/demo-crm/checks/money-trail.js';
import { dealLines, stockPriceBook } from '../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { wonThisMonthFromRecords } from '../../profiles/demo-crm/checks/dashboard-figures.js';
import { dollarsInput, formatMoney } from '../../profiles/demo-crm/domain/money.js';
import { APPROVER_LABEL, approverFor, PAYMENT_TERMS_MS, STAGE_PROBABILITY } from '../../profiles/demo-crm/domain/sales-rules.js';
import { criteria, describeFlow, eventually, expect, test } from '../../profiles/demo-crm/test.js';
import { AccountDetailPage } from '../../profiles/demo-crm/pages/accounts/account-detail-page.js';
import { ApprovalsInboxPage } from '../../profiles/demo-crm/pages/approvals/approvals-inbox-page.js';
import { AuditLogPage } from '../../profiles/demo-crm/pages/audit-log-page.js';
import { ContactDetailPage } from '../../profiles/demo-crm/pages/contacts/contact-detail-page.js';
import { DashboardPage } from '../../profiles/demo-crm/pages/dashboard-page.js';
import { InvoicePage } from '../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { LeadDetailPage } from '../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { NotificationsPage } from '../../profiles/demo-crm/pages/notifications-page.js';
import { OpportunityDetailPage } from '../../profiles/demo-crm/pages/opportunities/opportunity-detail-page.js';
import { PipelineBoardPage } from '../../profiles/demo-crm/pages/opportunities/pipeline-board-page.js';
import { OrderListPage } from '../../profiles/demo-crm/pages/orders/order-list-page.js';
import { OrderPage } from '../../profiles/demo-crm/pages/orders/order-page.js';
import { QuotePage } from '../../profiles/demo-crm/pages/quotes/quote-page.js';

test.describe('Lead to cash', { tag: '@lead-to-cash' }, () => {
  test('a new lead becomes a manager-approved, invoiced and fully paid deal', async ({ salesRep, salesManager, finance, admin, auditor, data }) => {
    // five people, each in their own browser, through some thirty-five screens: five times the usual budget
    test.setTimeout(test.info().timeout * 5);
    await describeFlow({ epic: 'Lead to cash', feature: 'Main flow', story: 'Lead to paid invoice across sales, management and finance', severity: 'blocker', owner: 'qa-sales' });
    await criteria('AC-L2C-01', 'AC-L2C-02', 'AC-L2C-03', 'AC-L2C-04', 'AC-L2C-05', 'AC-L2C-06', 'AC-L2C-07', 'AC-L2C-08', 'AC-L2C-09', 'AC-L2C-10');

    const products = await stockPriceBook(admin, data);
    const deal = dealLines(products);
    const lead = data.lead();
    const opportunityName = data.tagged('CRM rollout');
    const repLeads = salesRep.at(LeadListPage);
    const repLead = salesRep.at(LeadDetailPage);
    const repQuote = salesRep.at(QuotePage);

    await salesRep.step('captures a new lead from the Leads screen', async () => {
      await repLeads.open();
      const form = await repLeads.startNewLead();
      await form.fill(lead);
      await form.create();
      await expect(repLead.heading).toHaveText(`${lead.firstName} ${lead.lastName}`);
      await repLeads.open();
      await repLeads.search(lead.email);
      await expect(repLeads.statusOf(lead.email)).toHaveText('New');
      await repLeads.table.openRecord(lead.email);
    });
    const leadId = repLead.id();

    await salesRep.step('works the lead, qualifies it and converts it into an account, contact and opportunity', async () => {
      await repLead.moveTo('Working');
      await expect(repLead.status).toHaveText('Working');
      await repLead.moveTo('Qualified');
      await expect(repLead.status).toHaveText('Qualified');
      await repLead.convert({ opportunityName, closeDate: data.dateAfter(0) });
      await expect(repLead.status).toHaveText('Converted');
      await expect(repLead.readOnlyNotice).toBeVisible();
      await expect(repLead.editLink).toHaveCount(0);
      await expect(repLead.convertButton).toHaveCount(0);
      await repLead.openConverted('Contact');
      const contactPage = salesRep.at(ContactDetailPage);
      await expect(contactPage.heading).toHaveText(`${lead.firstName} ${lead.lastName}`);
      await expect(contactPage.field('email')).toHaveText(lead.email);
      await expect(contactPage.field('phone')).toHaveText(lead.phone);
      await expect(contactPage.field('account')).toHaveText(lead.company);
    });

    const converted = await test.step(`Every field ${salesRep.name}'s conversion mapped equals what was typed (read back by API)`, () =>
      expectConversionMapped(salesRep.api, leadId, lead, opportunityName));

    const opportunityId = converted.convertedOpportunityId ?? 0;

    const board = salesRep.at(PipelineBoardPage);
    await salesRep.step('advances the opportunity stage by stage on the pipeline board', async () => {
      await board.open();
      await expect(board.card('Prospecting', opportunityName)).toBeVisible();
      const path = [['Prospecting', 'Qualification'], ['Qualification', 'Proposal'], ['Proposal', 'Negotiation']] as const;
      for (const [from, to] of path) {
        await board.moveCard(opportunityName, from, to);
        await expect(board.card(to, opportunityName)).toBeVisible();
        await expect(board.columnProbability(to)).toHaveText(`${STAGE_PROBABILITY[to]}%`);
        expect((await getOpportunity(salesRep.api, opportunityId)).probability).toBe(STAGE_PROBABILITY[to]);
      }
    });

    await salesRep.step(`builds a quote with ${deal.lines.length} products and a ${deal.expected.maxDiscountBp / 100}% discount`, async () => {
      await salesRep.at(OpportunityDetailPage).open(opportunityId);
      await salesRep.at(OpportunityDetailPage).startQuote();
      for (const line of deal.lines) await repQuote.addLine(line.input);
      for (const [i, line] of deal.lines.entries()) {
        const expected = deal.expected.lines[i]!;
        await expect(repQuote.lineAmount(line.input.sku, 'net')).toHaveText(formatMoney(expected.netCents));
        await expect(repQuote.lineAmount(line.input.sku, 'tax')).toHaveText(formatMoney(expected.taxCents));
        await expect(repQuote.lineAmount(line.input.sku, 'total')).toHaveText(formatMoney(expected.totalCents));
      }
      await expect(repQuote.subtotal).toHaveText(formatMoney(deal.expected.subtotalCents));
      await expect(repQuote.tax).toHaveText(formatMoney(deal.expected.taxCents));
      await expect(repQuote.grandTotal).toHaveText(formatMoney(deal.expected.grandTotalCents));
      await expect(repQuote.field('approvalLevel')).toHaveText(APPROVER_LABEL[approverFor(deal.expected.maxDiscountBp)]);
    });
    const quoteId = repQuote.id();
    const quoteNumber = await repQuote.number();

    await salesRep.step('submits the quote for approval and cannot send it while approval is pending', async () => {
      await repQuote.submitForApproval();
      await expect(repQuote.status).toHaveText('Pending approval');
      await expect(repQuote.sendButton).toBeDisabled();
    });

    const approvalComment = `Approved for the ${data.tag} rollout`;
    await salesManager.step('finds the quote in the Approvals inbox and approves it with a comment', async () => {
      const inbox = salesManager.at(ApprovalsInboxPage);
      await inbox.open();
      await inbox.find(quoteNumber);
      await expect(inbox.status(quoteNumber)).toHaveText('Pending');
      await inbox.approve(quoteNumber, approvalComment);
      await expect(inbox.toast.root).toContainText(`Quote ${quoteNumber} approved`);
    });

    await salesRep.step('is notified that the manager approved the quote', async () => {
      const notifications = salesRep.at(NotificationsPage);
      await notifications.open();
      await expect(notifications.item(quoteNumber)).toContainText(`Quote ${quoteNumber} approved by ${salesManager.displayName}: ${approvalComment}`);
    });

    await salesRep.step('sends the quote and marks it accepted by the customer', async () => {
      await repQuote.open(quoteId);
      await expect(repQuote.status).toHaveText('Approved');
      await repQuote.send();
      await expect(repQuote.status).toHaveText('Sent');
      await repQuote.markAccepted();
      await expect(repQuote.status).toHaveText('Accepted');
      await expect(repQuote.field('order')).toHaveText(/^ORD-\d+$/);
      const opportunity = salesRep.at(OpportunityDetailPage);
      await opportunity.open(opportunityId);
      await expect(opportunity.stage).toHaveText('Closed Won');
      await expect(opportunity.field('amount')).toHaveText(formatMoney(deal.expected.grandTotalCents));
    });
    const orderNumber = (await getQuote(salesRep.api, quoteId)).orderNumber ?? '';

    const invoicePage = finance.at(InvoicePage);
    const partialCents = (deal.expected.grandTotalCents * 40n) / 100n;
    await finance.step('issues the invoice from the order', async () => {
      await finance.at(OrderListPage).open();
      await finance.at(OrderListPage).openOrder(orderNumber);
      const order = finance.at(OrderPage);
      await expect(order.field('total')).toHaveText(formatMoney(deal.expected.grandTotalCents));
      await order.issueInvoice();
      await expect(invoicePage.status).toHaveText('Issued');
      await expect(invoicePage.field('total')).toHaveText(formatMoney(deal.expected.grandTotalCents));
      const invoice = await getInvoice(finance.api, invoicePage.id());
      expect(Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)).toBe(PAYMENT_TERMS_MS);
      await expect(invoicePage.field('dueAt')).toHaveText(invoice.dueAt.slice(0, 10));
    });

    await finance.step(`records a partial payment of ${formatMoney(partialCents)}`, async () => {
      await invoicePage.recordPayment({ amount: dollarsInput(partialCents), method: 'Bank transfer', reference: data.tagged('part 1') });
      await expect(invoicePage.status).toHaveText('Partially paid');
      await expect(invoicePage.field('paid')).toHaveText(formatMoney(partialCents));
      await expect(invoicePage.field('openBalance')).toHaveText(formatMoney(deal.expected.grandTotalCents - partialCents));
    });

    await finance.step('records the rest of the payment', async () => {
      await invoicePage.recordPayment({ amount: dollarsInput(deal.expected.grandTotalCents - partialCents), method: 'Card', reference: data.tagged('part 2') });
      await expect(invoicePage.status).toHaveText('Paid');
      await expect(invoicePage.field('openBalance')).toHaveText('$0.00');
      await expect(invoicePage.paymentAmounts()).toHaveText([formatMoney(partialCents), formatMoney(deal.expected.grandTotalCents - partialCents)]);
    });

    await salesRep.step('sees lifetime revenue and no open balance on the account', async () => {
      const account = salesRep.at(AccountDetailPage);
      await account.open(converted.convertedAccountId ?? 0);
      await expect(account.lifetimeRevenue).toHaveText(formatMoney(deal.expected.grandTotalCents));
      await expect(account.openBalance).toHaveText('$0.00');
    });

    for (const seller of [salesRep, salesManager]) {
      await seller.step('sees the won deal in "Won this month" on the dashboard, equal to the records behind it', async () => {
        const dashboard = seller.at(DashboardPage);
        await eventually(async () => {
          const records = await wonThisMonthFromRecords(seller.api);
          await dashboard.open();
          expect(records.opportunityIds).toContain(opportunityId);
          await expect(dashboard.metric('won-this-month')).toHaveText(formatMoney(records.cents), { timeout: 1_000 });
        }, { timeout: 30_000, message: `${seller.name}'s "Won this month" equals the Closed Won records of this month` });
      });
    }

    await auditor.step('finds every step of the deal in the audit log under the person who did it', async () => {
      const [rep, manager, clerk] = await Promise.all([salesRep, salesManager, finance].map(async (a) => (await currentSession(a.api)).user.username));
      const auditLog = auditor.at(AuditLogPage);
      await auditLog.open();
      await auditLog.showRecord('quote', quoteId);
      await expect(auditLog.entry('approve', manager!)).toHaveCount(1);
      const trail = async (object: string, id: number) => (await auditTrailOf(auditor.api, object, id)).map((e) => `${e.action} by ${e.actor}`);
      expect(await trail('lead', leadId)).toEqual([`create by ${rep}`, `update by ${rep}`, `update by ${rep}`, `convert by ${rep}`]);
      expect(await trail('quote', quoteId)).toEqual(expect.arrayContaining([`create by ${rep}`, `approve by ${manager}`, `update by ${rep}`]));
      expect(await trail('invoice', invoicePage.id())).toEqual([`create by ${clerk}`]);
      const payments = (await getInvoice(auditor.api, invoicePage.id())).payments ?? [];
      for (const p of payments) expect(await trail('payment', p.id)).toEqual([`create by ${clerk}`]);
    });

    await reconcileMoneyTrail(finance, opportunityId, { wonCents: deal.expected.grandTotalCents, paidCents: deal.expected.grandTotalCents });
  });
});
