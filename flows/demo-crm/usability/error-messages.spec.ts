import { createQuote } from '../../../profiles/demo-crm/api/revenue.js';
import { openPortalTicket } from '../../../profiles/demo-crm/api/service.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { ticketRequest } from '../../../profiles/demo-crm/data/service-tickets.js';
import { Form } from '../../../pages/components/form.js';
import { pageLoad } from '../../../pages/components/press.js';
import { InvoicePage } from '../../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { LeadFormPage } from '../../../profiles/demo-crm/pages/leads/lead-form-page.js';
import { LoginPage } from '../../../profiles/demo-crm/pages/login-page.js';
import { PortalNewTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-new-ticket-page.js';
import { PortalTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { QuotePage } from '../../../profiles/demo-crm/pages/quotes/quote-page.js';
import { dealLines, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { newBrowser } from '../../../profiles/demo-crm/security/browser-session.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { messageOf, messageProblems } from '../../../profiles/demo-crm/usability/messages.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** Every message a rejected form shows, field by field ("Lead form › Email": "Enter a valid email address"). */
const shown = (form: string, errors: Record<string, string>) => Object.entries(errors).map(([field, text]) => [`${form} › ${field}`, messageOf(text)] as const);

test.describe('Error messages of the flows\' forms', { tag: '@usability' }, () => {
  test('every error on the forms of the flows names the field, says what is wrong and how to fix it, and shows no raw code', async ({ browser, salesRep, finance, customer, admin, data }) => {
    test.slow();
    await describeFlow({ epic: 'Usability', feature: 'Messages', story: 'Errors say what and how', severity: 'normal', owner: 'qa-usability', tags: ['usability', 'messages'] });
    await criteria('AC-USE-14');
    const messages: (readonly [string, string])[] = [];

    await test.step('a visitor signs in with empty fields, then with an unknown user', async () => {
      const context = await newBrowser(browser);
      const login = await new LoginPage(await context.newPage()).goto();
      await login.submit('', '');
      messages.push(...shown('Sign-in', await new Form(login.page, login.page.getByRole('main').locator('form'), pageLoad).fieldErrors()));
      await login.submit(`nobody.${data.tag}`, 'not-a-password');
      messages.push(['Sign-in › refused', await login.errorMessage()]);
      await context.close();
    });

    await salesRep.step('saves an empty lead, then one with a malformed email and phone', async () => {
      const form = salesRep.at(LeadFormPage);
      await form.goto('/leads/new');
      await form.create();
      messages.push(...shown('New lead, empty', await form.form.fieldErrors()));
      await form.fill(data.lead());
      await form.form.fill({ Email: 'mei.lin(at)example', Phone: '12' });
      await form.create();
      messages.push(...shown('New lead, malformed', await form.form.fieldErrors()));
    });

    const lines = oneLineDeal('5');
    const deal = dealLines(await stockPriceBook(admin, data, lines), lines);
    const quote = await createQuote(salesRep.api, (await openOpportunity(salesRep, data)).opportunity.id);
    await salesRep.step('adds a quote line with quantity 0', async () => {
      const page = salesRep.at(QuotePage);
      await page.open(quote.id);
      await page.addLine({ ...deal.lines[0]!.input, quantity: 0 });
      messages.push(...shown('Quote line', await page.addLineForm.fieldErrors()));
    });

    const { invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, lines);
    await finance.step('records a payment larger than the open balance', async () => {
      const page = finance.at(InvoicePage);
      await page.open(invoice.id);
      await page.recordPayment({ amount: '99999999.00', method: 'Card' });
      messages.push(...shown('Payment', await page.refusedPaymentForm.fieldErrors()));
    });

    const ticket = await openPortalTicket(customer.api, ticketRequest(data));
    await customer.step('submits an empty portal ticket and an empty reply', async () => {
      const form = customer.at(PortalNewTicketPage);
      await form.open();
      await form.form.submit('Submit ticket');
      messages.push(...shown('Portal ticket', await form.form.fieldErrors()));
      const page = customer.at(PortalTicketPage);
      await page.open(ticket.id);
      await page.reply('');
      messages.push(...shown('Portal reply', await new Form(page.page, page.page.getByRole('main'), pageLoad).fieldErrors()));
    });

    await test.info().attach('messages shown', { body: messages.map(([where, m]) => `${where}: ${m}`).join('\n'), contentType: 'text/plain' });
    const problems = messages.flatMap(([where, message]) => messageProblems(where, message));
    await recordCount('AC-USE-14', problems.length, 'error messages without what and how, or with raw codes', `${messages.length} messages on 7 forms`);
    expect(messages.length, 'messages collected (each rejected form shows at least one)').toBeGreaterThanOrEqual(12);
    expect(problems, 'messages that break the rules').toEqual([]);
  });
});
