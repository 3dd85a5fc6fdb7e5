import { addQuoteLine, createQuote, getQuote, submitQuote, type Quote } from '../../../profiles/demo-crm/api/revenue.js';
import { ticketsMatching } from '../../../profiles/demo-crm/api/service.js';
import { oneLineDeal, type DealLine } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import { ReferenceVolume } from '../../../profiles/demo-crm/domain/reference-volume.js';
import { AccountDetailPage } from '../../../profiles/demo-crm/pages/accounts/account-detail-page.js';
import { AccountListPage } from '../../../profiles/demo-crm/pages/accounts/account-list-page.js';
import { ApprovalsInboxPage } from '../../../profiles/demo-crm/pages/approvals/approvals-inbox-page.js';
import { InvoicePage } from '../../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { QuotePage } from '../../../profiles/demo-crm/pages/quotes/quote-page.js';
import { TicketPage } from '../../../profiles/demo-crm/pages/tickets/ticket-page.js';
import { MEASURING_TRACE, SAMPLES } from '../../../profiles/demo-crm/performance/screen-timer.js';
import { onVolumeCrm } from '../../../profiles/demo-crm/performance/timed-crm.js';
import { dealLines, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** The reference volume of AC-PERF-02 and AC-PERF-06: 10,000 of every object. */
const VOLUME = new ReferenceVolume(10_000);
const times = `${SAMPLES + 1} times (the first warms up)`;
/** One line per timed save (and the warm-up): within the rep's discount limit, so the quote stays editable. */
const SAVED_LINES: readonly DealLine[] = Array.from({ length: SAMPLES + 1 }, (_, i) => (
  { product: { label: `Volume item ${i + 1}`, unitPriceCents: 2_005 + 1_111 * i, taxRateBp: i % 2 ? 600 : 1300 }, quantity: i + 1, discountPercent: '5' }
));
const PAYMENT_CENTS = 1_000;

test.use({ trace: MEASURING_TRACE });

test.describe('Performance: record pages and everyday transactions at the reference volume', { tag: '@performance' }, () => {
  test('opening a lead, account, quote, invoice and ticket, saving quote lines, approving and recording payments are timed in the browser and leave the right records', async ({ browser, data }) => {
    test.setTimeout(300_000);
    await describeFlow({ epic: 'Performance', feature: 'Response-time budgets', story: 'Record pages and transactions with 10,000 records of each object', severity: 'normal', owner: 'qa-performance', tags: ['performance'] });
    await criteria('AC-PERF-02', 'AC-PERF-06');
    const volume = VOLUME.describe();

    await onVolumeCrm(browser, { name: `perf-records-${data.tag}`, volume: { records: VOLUME.n }, described: volume }, async ({ cast, timer }) => {
      const [admin, rep, manager, clerk, agent] = [await cast.get('admin'), await cast.get('salesRep'), await cast.get('salesManager'), await cast.get('finance'), await cast.get('supportAgent')];
      const linesToSave = dealLines(await stockPriceBook(admin, data, SAVED_LINES), SAVED_LINES);
      const approvalDeal = dealLines(await stockPriceBook(admin, data, oneLineDeal('15')), oneLineDeal('15'));
      const { opportunity } = await openOpportunity(rep, data);

      const pending = await test.step(`Given ${rep.name} has submitted ${SAMPLES + 1} quotes with a 15 % discount for approval (by API)`, async () => {
        const quotes: Quote[] = [];
        for (let i = 0; i <= SAMPLES; i += 1) {
          const quote = await createQuote(rep.api, opportunity.id);
          await addQuoteLine(rep.api, quote.id, { productId: approvalDeal.lines[0]!.product.id, ...approvalDeal.lines[0]!.input });
          quotes.push(await submitQuote(rep.api, quote.id));
        }
        return quotes;
      });

      const { invoice, deal: invoiced } = await invoicedDeal({ admin: admin, rep: rep, clerk: clerk }, data, oneLineDeal('5'));

      const draft = await test.step(`Given ${rep.name} has started an empty quote (by API)`, () => createQuote(rep.api, opportunity.id));

      const run = VOLUME.distinctiveRunNumber();
      const lead = rep.at(LeadDetailPage);
      await rep.step(`finds the bulk lead lead${run}@… in the Leads list and opens it`, async () => {
        const leads = rep.at(LeadListPage);
        await leads.open();
        await leads.search(`lead${run}`);
        await leads.table.openRecord(`lead${run}@`);
      });
      const leadId = lead.id();
      await rep.step(`opens that lead ${times}`, () => timer.time(rep, { screen: 'lead page', criterion: 'AC-PERF-02', volume, act: () => lead.open(leadId), content: lead.field('email') }));
      await expect(lead.field('email'), `the lead of bulk run ${run}`).toHaveText(new RegExp(`^lead${run}@volume-[a-z]+\\.example$`));
      const company = (await lead.field('company').innerText()).trim();
      expect(company, 'a bulk company is "<Word> <Kind> <run number>"').toMatch(new RegExp(`^\\S+ \\S+ ${run}$`));

      const account = rep.at(AccountDetailPage);
      await rep.step(`finds the account ${company} and opens it`, async () => {
        const accounts = rep.at(AccountListPage);
        await accounts.open();
        await accounts.search(company);
        await accounts.table.openRecord(company);
      });
      const accountId = account.id();
      await rep.step(`opens that account ${times}`, () => timer.time(rep, { screen: 'account page', criterion: 'AC-PERF-02', volume, act: () => account.open(accountId), content: account.heading }));
      await expect(account.heading, 'the account of the same bulk run carries the lead\'s company as its name').toHaveText(company);

      const quote = rep.at(QuotePage);
      await rep.step(`opens quote ${pending[0]!.number} ${times}`, () => timer.time(rep, { screen: 'quote page', criterion: 'AC-PERF-02', volume, act: () => quote.open(pending[0]!.id), content: quote.lines }));
      await expect(quote.grandTotal, 'the quote total computed from the price book').toHaveText(formatMoney(approvalDeal.expected.grandTotalCents));

      const invoicePage = clerk.at(InvoicePage);
      await clerk.step(`opens invoice ${invoice.number} ${times}`, () => timer.time(clerk, { screen: 'invoice page', criterion: 'AC-PERF-02', volume, act: () => invoicePage.open(invoice.id), content: invoicePage.field('total') }));
      await expect(invoicePage.field('total'), 'the invoice total is the accepted quote\'s').toHaveText(formatMoney(invoiced.expected.grandTotalCents));

      const firstBulkTicket = 'TCK-000001';
      const [ticketSummary] = await ticketsMatching(agent.api, firstBulkTicket);
      const ticket = agent.at(TicketPage);
      await agent.step(`opens ticket ${firstBulkTicket} ${times}`, () => timer.time(agent, { screen: 'ticket page', criterion: 'AC-PERF-02', volume, act: () => ticket.open(ticketSummary!.id), content: ticket.status }));
      await expect(ticket.field('number'), 'the first bulk ticket').toHaveText(firstBulkTicket);
      await expect(ticket.status, 'bulk run 0 waits in the queue').toHaveText('New');

      const builder = rep.at(QuotePage);
      await builder.open(draft.id);
      await rep.step(`saves ${SAMPLES + 1} lines on quote ${draft.number}, one at a time`, () => timer.time(rep, {
        screen: 'save a quote line', criterion: 'AC-PERF-06', volume,
        act: (i) => builder.addLine(linesToSave.lines[i]!.input), content: (i) => builder.line(linesToSave.lines[i]!.input.sku),
      }));
      await expect(builder.grandTotal, 'the quote total of every saved line').toHaveText(formatMoney(linesToSave.expected.grandTotalCents));

      const inbox = manager.at(ApprovalsInboxPage);
      await inbox.open();
      await manager.step(`approves the ${SAMPLES + 1} quotes in the Approvals inbox, one at a time`, () => timer.time(manager, {
        screen: 'approve a discount', criterion: 'AC-PERF-06', volume,
        act: (i) => inbox.approve(pending[i]!.number, 'Approved: volume pricing'), content: inbox.toast.root,
      }));
      expect((await Promise.all(pending.map((q) => getQuote(rep.api, q.id)))).map((q) => q.status), 'every approved quote').toEqual(pending.map(() => 'Approved'));

      await invoicePage.open(invoice.id);
      await clerk.step(`records ${SAMPLES + 1} payments of ${formatMoney(PAYMENT_CENTS)} on ${invoice.number}, one at a time`, () => timer.time(clerk, {
        screen: 'record a payment', criterion: 'AC-PERF-06', volume,
        act: (i) => invoicePage.recordPayment({ amount: '10.00', method: 'Bank transfer', reference: `PERF-${data.tag}-${i}` }), content: invoicePage.toast.root,
      }));
      await expect(invoicePage.field('paid'), 'every payment counted').toHaveText(formatMoney((SAMPLES + 1) * PAYMENT_CENTS));
      await expect(invoicePage.field('openBalance')).toHaveText(formatMoney(invoiced.expected.grandTotalCents - BigInt((SAMPLES + 1) * PAYMENT_CENTS)));
    });
  });
});
