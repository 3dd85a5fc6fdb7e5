import { recordPayment } from '../../../profiles/demo-crm/api/revenue.js';
import { takeTicket } from '../../../profiles/demo-crm/api/service.js';
import { expectInvoiceHolds, expectQuoteHolds, expectStillSignedIn, expectTicketHolds, type ExpectedPayment } from '../../../profiles/demo-crm/checks/recovery.js';
import { MAIN_DEAL, oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { messageText } from '../../../profiles/demo-crm/data/service-tickets.js';
import { dollarsInput, formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import type { OwnCrm } from '../../../profiles/demo-crm/migration/own-crm.js';
import { InvoicePage } from '../../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { QuotePage } from '../../../profiles/demo-crm/pages/quotes/quote-page.js';
import { TicketPage } from '../../../profiles/demo-crm/pages/tickets/ticket-page.js';
import { dealLines, draftQuote, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { openedTicket } from '../../../profiles/demo-crm/scenarios/service-tickets.js';
import { killDuringNextWrite } from '../../../profiles/demo-crm/stability/crash.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

const UNREACHABLE = 'The CRM could not be reached, so this may not have been saved';

function restartOnSameDatabase(crm: OwnCrm): Promise<void> {
  return test.step('The CRM is started again on the same database', () => crm.start({ fresh: false }));
}

test.describe('Stability: the CRM process dies in the middle of a write', { tag: '@stability' }, () => {
  test.beforeEach(async () => {
    // a CRM process of the test's own, started twice, and a few screens: three times the usual budget
    test.slow();
    await describeFlow({ epic: 'Stability', feature: 'Crash recovery', severity: 'critical', owner: 'qa-platform' });
    await criteria('AC-STAB-02');
  });

  test('killed while a sales rep adds a quote line: the committed lines stay whole, and the rep adds the line again, once', async ({ ownCrm, data }) => {
    const admin = await ownCrm.actor('admin');
    const rep = await ownCrm.actor('salesRep');
    const products = await stockPriceBook(admin, data);
    const full = dealLines(products);
    const committed = dealLines(products.slice(0, 2), MAIN_DEAL.slice(0, 2));
    const { opportunity } = await openOpportunity(rep, data);
    const quote = await draftQuote(rep, opportunity.id, committed);
    const third = full.lines[2]!;
    const page = rep.at(QuotePage);

    await rep.step(`opens quote ${quote.number} with its two lines`, () => page.open(quote.id));
    const crash = await killDuringNextWrite(ownCrm.crm, rep.page, { url: '**/quotes/*/lines', point: 'quote-line', shown: page.addLineProblem });
    await rep.step(`adds ${third.input.quantity} × ${third.product.name}; the CRM process is killed (SIGKILL) in the middle of saving the line`, () =>
      page.addLine(third.input, crash));
    await rep.step('stays on the quote, told the CRM could not be reached, with the line still in the form', async () => {
      await expect(page.addLineProblem).toContainText(UNREACHABLE);
      await expect(page.addLineForm.field('Quantity')).toHaveValue(String(third.input.quantity));
    });

    await restartOnSameDatabase(ownCrm.crm);
    await expectStillSignedIn(rep);
    await expectQuoteHolds(rep.api, quote.id, committed, 'The quote holds its two committed lines with every field, nothing of the third, and totals that are their sum');

    await rep.step('presses Add line again on the same screen and sees the line added', async () => {
      await page.addLineAgain();
      await expect(page.toast.root).toContainText(`Line added: ${third.product.name} × ${third.input.quantity}`);
      await expect(page.grandTotal).toHaveText(formatMoney(full.expected.grandTotalCents));
    });
    await expectQuoteHolds(rep.api, quote.id, full, 'The quote holds the three lines, once each, and the totals of the whole deal');
  });

  test('killed while finance records a payment: the earlier payment stays whole, the balance never counts a half payment, and the retry records it once', async ({ ownCrm, data }) => {
    const [admin, rep, finance] = [await ownCrm.actor('admin'), await ownCrm.actor('salesRep'), await ownCrm.actor('finance')];
    const { invoice, deal } = await invoicedDeal({ admin, rep, clerk: finance }, data, oneLineDeal('0', 9));
    const total = deal.expected.grandTotalCents;
    const paidOn = invoice.issuedAt.slice(0, 10);
    const first: ExpectedPayment = { amountCents: (total * 23n) / 100n, paidOn, method: 'Bank transfer', reference: data.tagged('deposit'), recordedByName: finance.displayName };
    const second: ExpectedPayment = { amountCents: (total * 41n) / 100n, paidOn, method: 'Card', reference: data.tagged('second'), recordedByName: finance.displayName };

    await test.step(`Given ${finance.name} has recorded a first payment of ${formatMoney(first.amountCents)} (by API)`, () =>
      recordPayment(finance.api, invoice.id, { amountCents: Number(first.amountCents), paidOn, method: first.method, reference: first.reference }));

    const page = finance.at(InvoicePage);

    await finance.step(`opens invoice ${invoice.number}`, () => page.open(invoice.id));
    const crash = await killDuringNextWrite(ownCrm.crm, finance.page, { url: '**/invoices/*/payments', point: 'payment', shown: page.paymentProblem });
    await finance.step(`records a second payment of ${formatMoney(second.amountCents)}; the CRM process is killed (SIGKILL) in the middle of saving it`, () =>
      page.recordPayment({ amount: dollarsInput(second.amountCents), paidOn, method: 'Card', reference: second.reference }, { until: crash }));
    await finance.step('is told the CRM could not be reached, with the payment still in the form', async () => {
      await expect(page.paymentProblem).toContainText(UNREACHABLE);
      await expect(page.paymentDialog.form.field('Amount ($)')).toHaveValue(dollarsInput(second.amountCents));
    });

    await restartOnSameDatabase(ownCrm.crm);
    await expectStillSignedIn(finance);
    await expectInvoiceHolds(finance.api, invoice.id, { totalCents: total, payments: [first] }, 'The invoice holds the first payment with every field, nothing of the second, and a balance that is their sum');

    await finance.step('presses Save payment again in the same dialog and sees the payment recorded', async () => {
      await page.savePaymentAgain();
      await expect(page.toast.root).toContainText(`Payment of ${formatMoney(second.amountCents)} recorded on ${invoice.number}`);
      await expect(page.field('openBalance')).toHaveText(formatMoney(total - first.amountCents - second.amountCents));
    });
    await expectInvoiceHolds(finance.api, invoice.id, { totalCents: total, payments: [first, second] }, 'The invoice holds both payments, once each, and the balance left');
  });

  test('killed while a support agent replies: the ticket stays as it was, the first-response clock still runs, and the retried reply counts once', async ({ ownCrm, data, clock }) => {
    const [customer, agent] = [await ownCrm.actor('customer'), await ownCrm.actor('supportAgent')];
    const { ticket } = await openedTicket({ customer, data, clock, request: { priority: 'P2' } });

    await test.step(`Given ${agent.name} has taken ticket ${ticket.number} (by API)`, () => takeTicket(agent.api, ticket.id));

    const text = messageText(data, 'reply');
    const page = agent.at(TicketPage);

    await agent.step(`opens ticket ${ticket.number}`, () => page.open(ticket.id));
    const crash = await killDuringNextWrite(ownCrm.crm, agent.page, { url: '**/tickets/*/reply', point: 'ticket-reply', shown: page.replyProblem });
    await agent.step('answers the customer; the CRM process is killed (SIGKILL) in the middle of saving the reply', () => page.replyToCustomer(text, crash));
    await agent.step('is told the CRM could not be reached, with the reply still in the box', async () => {
      await expect(page.replyProblem).toContainText(UNREACHABLE);
      await expect(page.replyBox).toHaveValue(text);
    });

    await restartOnSameDatabase(ownCrm.crm);
    await expectStillSignedIn(agent);
    const expected = { opened: ticket, assignee: agent.displayName };
    await expectTicketHolds(agent.api, ticket.id, { ...expected, replies: [] }, 'The ticket is as the customer opened it and the agent took it, with no reply and no first response');

    await agent.step('presses Reply again and sees the reply in the conversation', async () => {
      await page.replyAgain();
      await expect(page.toast.root).toContainText('Reply sent to the customer');
      await expect(page.conversation.message(text)).toHaveCount(1);
    });
    await expectTicketHolds(agent.api, ticket.id, { ...expected, replies: [{ body: text, author: agent.displayName }] }, 'The ticket holds the one reply, and it is the first response');
  });
});
