import { BusinessClock } from '../../profiles/demo-crm/clock.js';
import { getQuote, paymentsOfInvoice, sendQuote, tryQuoteAction } from '../../profiles/demo-crm/api/revenue.js';
import { openPipelineFromRecords } from '../../profiles/demo-crm/checks/dashboard-figures.js';
import { reconcileMoneyTrail } from '../../profiles/demo-crm/checks/money-trail.js';
import { oneLineDeal } from '../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { dollarsInput, formatMoney } from '../../profiles/demo-crm/domain/money.js';
import { STAGE_PROBABILITY } from '../../profiles/demo-crm/domain/sales-rules.js';
import { dealLines, draftQuote, invoicedDeal, openOpportunity, stockPriceBook, describeLeadToCashVariant } from '../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { criteria, eventually, expect, test } from '../../profiles/demo-crm/test.js';
import { DashboardPage } from '../../profiles/demo-crm/pages/dashboard-page.js';
import { InvoiceListPage } from '../../profiles/demo-crm/pages/invoices/invoice-list-page.js';
import { InvoicePage } from '../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { OpportunityDetailPage } from '../../profiles/demo-crm/pages/opportunities/opportunity-detail-page.js';
import { PipelineBoardPage } from '../../profiles/demo-crm/pages/opportunities/pipeline-board-page.js';
import { QuotePage } from '../../profiles/demo-crm/pages/quotes/quote-page.js';

test.describe('Lead to cash: deals that are lost, overpaid or paid late', { tag: '@lead-to-cash' }, () => {
  test.beforeEach(() => describeLeadToCashVariant('Deal exceptions'));

  test('a lost opportunity accepts no quote and drops out of the pipeline and the dashboard', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-17', 'AC-L2C-10');
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
      }, { timeout: 30_000, message: 'the dashboard pipeline equals the open opportunities behind it' });
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: null, paidCents: 0n });
  });

  test('an overpayment is refused with a clear message and nothing is recorded', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-18', 'AC-L2C-10');
    const { deal, opportunity, invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));
    const total = deal.expected.grandTotalCents;
    const page = finance.at(InvoicePage);

    await finance.step(`tries to record ${formatMoney(total + 1n)} against an open balance of ${formatMoney(total)}`, async () => {
      await page.open(invoice.id);
      await page.recordPayment({ amount: dollarsInput(total + 1n), method: 'Bank transfer', reference: data.tagged('too much') });
      // nothing recorded first: a CRM that took the payment shows no refusal to read
      await expect(page.status, 'the invoice is still Issued: the overpayment was not recorded').toHaveText('Issued');
      await expect(page.field('paid')).toHaveText('$0.00');
      await expect(page.paymentAmounts()).toHaveCount(0);
      expect(await paymentsOfInvoice(finance.api, invoice.id), 'payments of the invoice (API)').toEqual([]);
      expect(await page.refusedPaymentForm.fieldError('Amount ($)')).toContain(`The payment of ${formatMoney(total + 1n)} exceeds the open balance of ${formatMoney(total)}`);
    });

    await finance.step('records exactly the open balance and the invoice is Paid', async () => {
      await page.open(invoice.id);
      await page.recordPayment({ amount: dollarsInput(total), method: 'Bank transfer', reference: data.tagged('exact') });
      await expect(page.status).toHaveText('Paid');
      await expect(page.field('openBalance')).toHaveText('$0.00');
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: total, paidCents: total });
  });

  test('an unpaid invoice turns Overdue once its due date has passed, and Paid clears it', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-19', 'AC-L2C-10');
    const { deal, opportunity, invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));
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

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: deal.expected.grandTotalCents, paidCents: deal.expected.grandTotalCents });
  });
});
