import type { ApiClient } from '../../../profiles/demo-crm/api/client.js';
import { leadsWithEmail } from '../../../profiles/demo-crm/api/sales-crm.js';
import { getInvoice, paymentsOfInvoice } from '../../../profiles/demo-crm/api/revenue.js';
import { staffTicket, takeTicket } from '../../../profiles/demo-crm/api/service.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { messageText } from '../../../profiles/demo-crm/data/service-tickets.js';
import { dollarsInput, formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { LeadFormPage } from '../../../profiles/demo-crm/pages/leads/lead-form-page.js';
import { InvoicePage, type PaymentInput } from '../../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { TicketPage } from '../../../profiles/demo-crm/pages/tickets/ticket-page.js';
import { invoicedDeal } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { openedTicket } from '../../../profiles/demo-crm/scenarios/service-tickets.js';
import { afterAnswerTimeout, dropNextPost, FORM_ANSWER_TIMEOUT_MS, loseNextAnswer, slowLine } from '../../../profiles/demo-crm/stability/network.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';
import { pageLoadOr } from '../../../pages/components/press.js';

/** The form posts the faults hit: save lead, record payment, ticket reply. */
const POSTS = { lead: '**/leads/new', payment: '**/invoices/*/payments', reply: '**/tickets/*/reply' } as const;
const UNREACHABLE = 'The CRM could not be reached, so this may not have been saved';
const NO_ANSWER = `The CRM did not answer within ${FORM_ANSWER_TIMEOUT_MS / 1000} seconds, so it is not certain this was saved`;

test.describe('Stability: the network fails between the browser and the CRM', { tag: '@stability' }, () => {
  test.beforeEach(async () => {
    await describeFlow({ epic: 'Stability', feature: 'Network faults', severity: 'critical', owner: 'qa-platform' });
    await criteria('AC-STAB-03');
  });

  test('a sales rep whose lead save is cut off is told so, keeps what they typed, and saves the lead once on retry', async ({ salesRep, data }) => {
    const lead = data.lead();
    const form = salesRep.at(LeadFormPage);

    await salesRep.step('opens New lead and types the lead', async () => {
      await salesRep.at(LeadListPage).open();
      await (await salesRep.at(LeadListPage).startNewLead()).fill(lead);
    });

    await dropNextPost(salesRep.page, POSTS.lead);
    await salesRep.step('presses Create lead as the network connection drops', () => form.create(pageLoadOr(form.submitProblem)));

    await salesRep.step('stays on the form, told the CRM could not be reached, with everything typed still there', async () => {
      await expect(form.submitProblem).toContainText(UNREACHABLE);
      await expect(form.submitProblem).toContainText('press "Create lead" again');
      const fields = { 'First name': lead.firstName, 'Last name': lead.lastName, Company: lead.company, Email: lead.email, Phone: lead.phone };
      for (const [label, value] of Object.entries(fields)) await expect(form.form.field(label)).toHaveValue(value);
    });
    expect(await leadsWithEmail(salesRep.api, lead.email), 'the cut-off save reached nobody: no lead exists').toHaveLength(0);

    await salesRep.step('presses Create lead again once the connection is back and lands on the new lead', async () => {
      await form.create();
      await expect(salesRep.at(LeadDetailPage).heading).toHaveText(`${lead.firstName} ${lead.lastName}`);
    });

    const saved = await leadsWithEmail(salesRep.api, lead.email);
    expect(saved, 'exactly one lead with that email').toHaveLength(1);
    expect(saved[0], 'the lead holds what was typed').toMatchObject({
      firstName: lead.firstName, lastName: lead.lastName, company: lead.company, email: lead.email, phone: lead.phone, source: lead.source, status: 'New',
    });
  });

  test.describe('payments', () => {
    // each payment is under half the total, so a duplicate would fit the balance: only once-only submission stops it
    const deal = oneLineDeal('0', 7);

    test('finance double-clicks Save payment on a slow line: the form is sent once and the payment recorded once', async ({ admin, salesRep, finance, data }) => {
      const { invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, deal);
      const amountCents = (BigInt(invoice.totalCents) * 37n) / 100n;
      const payment: PaymentInput = { amount: dollarsInput(amountCents), paidOn: invoice.issuedAt.slice(0, 10), method: 'Card', reference: data.tagged('double click') };
      const page = finance.at(InvoicePage);
      await finance.step(`opens invoice ${invoice.number}`, () => page.open(invoice.id));

      const line = await slowLine(finance.page, POSTS.payment);
      await finance.step(`records ${formatMoney(amountCents)} and double-clicks Save payment while the line is slow`, () =>
        page.recordPayment(payment, { doubleClick: true, until: line.held }));
      await line.release();

      await finance.step('sees the payment in the invoice\'s payments, once', async () => {
        await expect(page.paymentAmounts()).toHaveText([formatMoney(amountCents)]);
        await expect(page.toast.root).toContainText(`Payment of ${formatMoney(amountCents)} recorded on ${invoice.number}`);
      });
      expect(line.sent(), 'the browser sent the payment form once').toBe(1);
      await expectOnePayment(finance.api, invoice.id, amountCents, payment);
    });

    test('finance gets no answer within 30 seconds, presses Save payment again, and the payment is still recorded once', async ({ admin, salesRep, finance, data }) => {
      const { invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, deal);
      const amountCents = (BigInt(invoice.totalCents) * 29n) / 100n;
      const payment: PaymentInput = { amount: dollarsInput(amountCents), paidOn: invoice.issuedAt.slice(0, 10), method: 'Bank transfer', reference: data.tagged('no answer') };
      const page = finance.at(InvoicePage);

      const lost = await loseNextAnswer(finance.page, POSTS.payment);
      await finance.step(`opens invoice ${invoice.number}`, () => page.open(invoice.id));
      await finance.step(`records ${formatMoney(amountCents)}; the CRM saves it but its answer never comes back`, () =>
        page.recordPayment(payment, { until: afterAnswerTimeout(lost, page.paymentProblem) }));

      await finance.step('is told after 30 seconds that it is not certain the payment was saved, with the typed payment kept', async () => {
        await expect(page.paymentProblem).toContainText(NO_ANSWER);
        await expect(page.paymentDialog.form.field('Amount ($)')).toHaveValue(payment.amount);
        await expect(page.paymentDialog.form.field('Reference')).toHaveValue(payment.reference ?? '');
      });

      await finance.step('presses Save payment again and is told it had already been saved', async () => {
        await page.savePaymentAgain();
        await expect(page.toast.root).toContainText('Already saved: this form had been sent before, so nothing was saved twice');
        await expect(page.paymentAmounts()).toHaveText([formatMoney(amountCents)]);
      });
      await expectOnePayment(finance.api, invoice.id, amountCents, payment);
    });
  });

  test('a support agent whose reply is cut off is told so, keeps the text, and a double-clicked retry on a slow line sends it once', async ({ customer, supportAgent, data, clock }) => {
    const { ticket } = await openedTicket({ customer, data, clock, request: { priority: 'P3' } });

    await test.step(`Given ${supportAgent.name} has taken ticket ${ticket.number} (by API)`, () => takeTicket(supportAgent.api, ticket.id));

    const text = messageText(data, 'reply');
    const page = supportAgent.at(TicketPage);
    await supportAgent.step(`opens ticket ${ticket.number}`, () => page.open(ticket.id));

    await dropNextPost(supportAgent.page, POSTS.reply);
    await supportAgent.step('writes a reply and presses Reply as the network connection drops', () => page.replyToCustomer(text, pageLoadOr(page.replyProblem)));
    await supportAgent.step('is told the CRM could not be reached, with the reply still in the box', async () => {
      await expect(page.replyProblem).toContainText(UNREACHABLE);
      await expect(page.replyBox).toHaveValue(text);
    });
    const before = await staffTicket(supportAgent.api, ticket.id);
    expect(before.messages, 'the cut-off reply reached nobody').toHaveLength(0);
    expect(before.sla.firstResponse.stoppedAt, 'no first response yet').toBeNull();

    const line = await slowLine(supportAgent.page, POSTS.reply);
    await supportAgent.step('double-clicks Reply once the connection is back, on a slow line', () => page.replyAgain({ doubleClick: true, until: line.held }));
    await line.release();
    await supportAgent.step('sees the reply in the conversation, once', async () => {
      await expect(page.conversation.message(text)).toHaveCount(1);
      await expect(page.toast.root).toContainText('Reply sent to the customer');
    });
    expect(line.sent(), 'the browser sent the reply once').toBe(1);

    const after = await staffTicket(supportAgent.api, ticket.id);
    expect(after.messages.map((m) => [m.kind, m.body, m.author.name]), 'exactly one public reply, by the agent').toEqual([['public', text, supportAgent.displayName]]);
    expect(after.sla.firstResponse.stoppedAt, 'the reply is the first response').toBe(after.messages[0]?.createdAt);
  });
});

async function expectOnePayment(api: ApiClient, invoiceId: number, amountCents: bigint, typed: PaymentInput): Promise<void> {
  await test.step('Read back by API: one payment with what was typed, and the balance reduced once', async () => {
    const [invoice, payments] = await Promise.all([getInvoice(api, invoiceId), paymentsOfInvoice(api, invoiceId)]);
    expect(payments.map((p) => ({ amountCents: p.amountCents, paidOn: p.paidOn, method: p.method, reference: p.reference })), 'one payment').toEqual([
      { amountCents: Number(amountCents), paidOn: typed.paidOn, method: typed.method, reference: typed.reference },
    ]);
    expect(invoice.paidCents, 'the invoice counts it once').toBe(Number(amountCents));
    expect(invoice.balanceCents, 'open balance = total − the one payment').toBe(invoice.totalCents - Number(amountCents));
  });
}
