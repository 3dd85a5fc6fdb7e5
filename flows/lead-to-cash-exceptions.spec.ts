import { BusinessClock } from '../fixtures/clock.js';
import { getQuote, paymentsOfInvoice, sendQuote, tryQuoteAction } from '../fixtures/api/revenue.js';
import { createLead, getLead, leadsWithEmail, setLeadStatus, tryConvertLead } from '../fixtures/api/sales-crm.js';
import { openPipelineFromRecords } from '../fixtures/checks/dashboard-figures.js';
import { expectMoneyTrail, expectMoneyTrailOfLead } from '../fixtures/checks/money-trail.js';
import { oneLineDeal } from '../fixtures/data/lead-to-cash-deal.js';
import { dollarsInput, formatMoney } from '../fixtures/domain/money.js';
import { STAGE_PROBABILITY } from '../fixtures/domain/sales-rules.js';
import {
  acceptedQuote, dealLines, draftQuote, invoicedOrder, openOpportunity, stockPriceBook,
} from '../fixtures/scenarios/lead-to-cash.js';
import { criteria, describeFlow, eventually, expect, test } from '../fixtures/test.js';
import { DashboardPage } from '../pages/dashboard-page.js';
import { InvoiceListPage } from '../pages/invoices/invoice-list-page.js';
import { InvoicePage } from '../pages/invoices/invoice-page.js';
import { LeadDetailPage } from '../pages/leads/lead-detail-page.js';
import { LeadListPage } from '../pages/leads/lead-list-page.js';
import { OpportunityDetailPage } from '../pages/opportunities/opportunity-detail-page.js';
import { PipelineBoardPage } from '../pages/opportunities/pipeline-board-page.js';
import { QuotePage } from '../pages/quotes/quote-page.js';

test.describe('Lead to cash: exceptions', { tag: '@lead-to-cash' }, () => {
  test.beforeEach(async () => {
    await describeFlow({ epic: 'Lead to cash', feature: 'Exceptions', severity: 'critical', owner: 'qa-sales' });
  });

  test('a disqualified lead keeps its reason and can no longer be converted', async ({ salesRep, data }) => {
    await criteria('AC-L2C-14');
    const lead = await test.step(`Given ${salesRep.name} has captured a lead and is working it (by API)`, async () => {
      const created = await createLead(salesRep.api, data.lead());
      return setLeadStatus(salesRep.api, created.id, 'Working');
    });
    const reason = `No budget before next fiscal year (${data.tag})`;
    const page = salesRep.at(LeadDetailPage);

    await salesRep.step('disqualifies the lead with a reason', async () => {
      await page.open(lead.id);
      await page.disqualify(reason);
      await expect(page.status).toHaveText('Disqualified');
      await expect(page.field('disqualifyReason')).toHaveText(reason);
      await expect(page.readOnlyNotice).toBeVisible();
      await expect(page.convertButton).toHaveCount(0);
      await expect(page.moveButton('Qualified')).toHaveCount(0);
    });

    await test.step('The CRM refuses to convert the disqualified lead through the API', async () => {
      const answer = await tryConvertLead(salesRep.api, lead.id, { opportunityName: data.tagged('never'), closeDate: data.dateAfter(30) });
      expect(answer.status).toBe(409);
      expect((await getLead(salesRep.api, lead.id)).status).toBe('Disqualified');
    });

    await salesRep.step('confirms the lead left no money trail', () => expectMoneyTrailOfLead(salesRep.api, lead.id, { wonCents: null, paidCents: 0n }));
  });

  test('a second lead with the same email is flagged as a possible duplicate before it is saved', async ({ salesRep, salesRep2, admin, data }) => {
    await criteria('AC-L2C-15');
    const original = await test.step(`Given ${salesRep2.name} has captured a lead (by API)`, () => createLead(salesRep2.api, data.lead()));
    const again = data.lead({ email: original.email.toUpperCase() });
    const list = salesRep.at(LeadListPage);

    const form = await salesRep.step('captures the same person again, with the email typed in capitals', async () => {
      await list.open();
      const newLead = await list.startNewLead();
      await newLead.fill(again);
      await newLead.create();
      return newLead;
    });

    await salesRep.step('is warned of the existing lead and nothing is saved yet', async () => {
      await expect(form.heading).toHaveText('New lead');
      await expect(form.duplicateWarning).toContainText(`Lead #${original.id}`);
      await expect(form.duplicateWarning).toContainText(`owner ${salesRep2.displayName}`);
      expect(await leadsWithEmail(admin.api, original.email)).toHaveLength(1);
    });

    await salesRep.step('saves the lead anyway after checking', async () => {
      await form.saveAnyway();
      await expect(salesRep.at(LeadDetailPage).status).toHaveText('New');
      expect(await leadsWithEmail(admin.api, original.email)).toHaveLength(2);
    });

    await salesRep.step('confirms neither lead left a money trail', async () => {
      for (const lead of await leadsWithEmail(admin.api, original.email)) {
        await expectMoneyTrailOfLead(admin.api, lead.id, { wonCents: null, paidCents: 0n });
      }
    });
  });

  test('a lost opportunity accepts no quote and drops out of the pipeline and the dashboard', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-16');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('5')), oneLineDeal('5'));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation', closeDate: data.dateAfter(0) });
    const quote = await draftQuote(salesRep, opportunity.id, deal);
    await test.step(`Given ${salesRep.name} has sent quote ${quote.number} to the customer (by API)`, () => sendQuote(salesRep.api, quote.id));
    const board = salesRep.at(PipelineBoardPage);
    const reason = 'Customer chose a competitor';

    await salesRep.step('marks the opportunity as lost on the pipeline board, with a reason', async () => {
      await board.open();
      await expect(board.card('Negotiation', opportunity.name)).toBeVisible();
      await board.markLost(opportunity.name, 'Negotiation', reason);
      await expect(board.card('Negotiation', opportunity.name)).toHaveCount(0);
      for (const stage of ['Prospecting', 'Qualification', 'Proposal'] as const) await expect(board.card(stage, opportunity.name)).toHaveCount(0);
      const detail = salesRep.at(OpportunityDetailPage);
      await detail.open(opportunity.id);
      await expect(detail.stage).toHaveText('Closed Lost');
      await expect(detail.field('lossReason')).toHaveText(reason);
      await expect(detail.field('probability')).toHaveText(`${STAGE_PROBABILITY['Closed Lost']}%`);
    });

    await salesRep.step('can no longer mark the sent quote accepted', async () => {
      const page = salesRep.at(QuotePage);
      await page.open(quote.id);
      await expect(page.acceptButton).toBeDisabled();
      const answer = await tryQuoteAction(salesRep.api, quote.id, 'accept');
      expect(answer.status).toBe(409);
      expect((await getQuote(salesRep.api, quote.id)).status).toBe('Sent');
    });

    await salesRep.step('sees the open pipeline on the dashboard without the lost deal', async () => {
      const dashboard = salesRep.at(DashboardPage);
      await eventually(async () => {
        const pipeline = await openPipelineFromRecords(salesRep.api);
        await dashboard.open();
        expect(pipeline.opportunityIds).not.toContain(opportunity.id);
        await expect(dashboard.metric('pipeline-negotiation')).toHaveText(formatMoney(pipeline.byStage.get('Negotiation') ?? 0n), { timeout: 1_000 });
        await expect(dashboard.metric('pipeline-total')).toHaveText(formatMoney(pipeline.total), { timeout: 1_000 });
      }, { timeout: 20_000, message: 'the dashboard pipeline equals the open opportunities behind it' });
    });

    await finance.step('confirms the lost deal left no money trail', () => expectMoneyTrail(finance.api, opportunity.id, { wonCents: null, paidCents: 0n }));
  });

  test('an overpayment is refused with a clear message and nothing is recorded', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-17');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('5')), oneLineDeal('5'));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const quote = await acceptedQuote(salesRep, await draftQuote(salesRep, opportunity.id, deal));
    const invoice = await invoicedOrder(finance, await getQuote(salesRep.api, quote.id));
    const total = deal.expected.grandTotalCents;
    const page = finance.at(InvoicePage);

    await finance.step(`tries to record ${formatMoney(total + 1n)} against an open balance of ${formatMoney(total)}`, async () => {
      await page.open(invoice.id);
      await page.recordPayment({ amount: dollarsInput(total + 1n), method: 'Bank transfer', reference: data.tagged('too much') });
      expect(await page.refusedPaymentForm.fieldError('Amount ($)')).toContain(`The payment of ${formatMoney(total + 1n)} exceeds the open balance of ${formatMoney(total)}`);
      await expect(page.status).toHaveText('Issued');
      await expect(page.field('paid')).toHaveText('$0.00');
      await expect(page.paymentAmounts()).toHaveCount(0);
      expect(await paymentsOfInvoice(finance.api, invoice.id)).toEqual([]);
    });

    await finance.step('records exactly the open balance and the invoice is Paid', async () => {
      await page.open(invoice.id);
      await page.recordPayment({ amount: dollarsInput(total), method: 'Bank transfer', reference: data.tagged('exact') });
      await expect(page.status).toHaveText('Paid');
      await expect(page.field('openBalance')).toHaveText('$0.00');
    });

    await finance.step('reconciles the money trail', () => expectMoneyTrail(finance.api, opportunity.id, { wonCents: total, paidCents: total }));
  });

  test('an unpaid invoice turns Overdue once its due date has passed, and Paid clears it', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-18');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('5')), oneLineDeal('5'));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const quote = await acceptedQuote(salesRep, await draftQuote(salesRep, opportunity.id, deal));
    const invoice = await invoicedOrder(finance, await getQuote(salesRep.api, quote.id));
    const clock = new BusinessClock();
    const page = finance.at(InvoicePage);
    const invoices = finance.at(InvoiceListPage);

    await clock.advance({ days: 29 }, finance);
    await finance.step('sees the invoice still Issued a day before it falls due', async () => {
      await page.open(invoice.id);
      await expect(page.status).toHaveText('Issued');
    });

    await clock.advance({ days: 2 }, finance);
    await finance.step('sees the invoice Overdue after its due date, also in the Overdue list', async () => {
      await page.open(invoice.id);
      await expect(page.status).toHaveText('Overdue');
      await invoices.open();
      await invoices.find(invoice.number, 'Overdue');
      await expect(invoices.status(invoice.number)).toHaveText('Overdue');
    });

    await finance.step('records the full payment and the invoice is Paid, no longer overdue', async () => {
      await page.open(invoice.id);
      await page.recordPayment({ amount: dollarsInput(deal.expected.grandTotalCents), method: 'Card', reference: data.tagged('late') });
      await expect(page.status).toHaveText('Paid');
    });

    await finance.step('reconciles the money trail', () =>
      expectMoneyTrail(finance.api, opportunity.id, { wonCents: deal.expected.grandTotalCents, paidCents: deal.expected.grandTotalCents }));
  });
});
