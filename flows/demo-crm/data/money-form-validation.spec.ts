import { createQuote, getInvoice, getQuote, paymentsOfInvoice } from '../../../profiles/demo-crm/api/revenue.js';
import { createProduct } from '../../../profiles/demo-crm/api/sales-crm.js';
import { expectOnlyFieldError } from '../../../profiles/demo-crm/checks/form-errors.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { paymentCases, quoteLineCases } from '../../../profiles/demo-crm/data/revenue-validation-cases.js';
import { trimmed } from '../../../profiles/demo-crm/data/validation-cases.js';
import { centsFromDollars, formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import { expectedLine, expectedQuote, formatPercent, percentToBp } from '../../../profiles/demo-crm/domain/pricing.js';
import { InvoicePage } from '../../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { QuotePage } from '../../../profiles/demo-crm/pages/quotes/quote-page.js';
import { invoicedDeal, openOpportunity } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Data accuracy: what the money forms refuse, and what they store exactly as typed', { tag: '@data-accuracy' }, () => {
  test.beforeEach(async () => {
    // a dozen form submissions on top of a deal set up by API
    test.slow();
    await describeFlow({ epic: 'Data accuracy', feature: 'Form validation', story: 'Invalid input is refused per field; valid input is shown as typed everywhere', severity: 'critical', owner: 'qa-data', tags: ['data-accuracy', 'validation'] });
    await criteria('AC-DA-02', 'AC-DA-03');
  });

  test('quote line form: each invalid line names its field and adds nothing; each valid line shows its quantity, discount and rounded amounts on the quote and in the API', async ({ admin, salesRep, data }) => {
    const { valid, invalid } = quoteLineCases();

    const products = await test.step(`Given ${admin.name} has put one product per valid case in the price book (by API)`, async () => {
      const made = [];
      for (const [i, c] of valid.entries()) made.push(await createProduct(admin.api, data.product({ name: data.tagged(`line case ${i + 1}`), ...c.product })));
      return made;
    }, { box: true });

    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Proposal' });
    const quote = await createQuote(salesRep.api, opportunity.id);
    const page = salesRep.at(QuotePage);
    for (const c of invalid) {
      await salesRep.step(`adds a line with ${c.case} to quote ${quote.number}`, async () => {
        await page.open(quote.id);
        await page.addLine({ sku: products[0]!.sku, ...c.input });
        await expectOnlyFieldError(page.addLineForm, c);
      });
    }
    expect((await getQuote(salesRep.api, quote.id)).lines, 'no refused line was added (API)').toEqual([]);

    const priced = valid.map((c) => ({ quantity: Number(c.input.quantity), discountBp: percentToBp(c.input.discountPercent), ...c.product }));
    for (const [i, c] of valid.entries()) {
      const sku = products[i]!.sku;
      const e = expectedLine(priced[i]!);
      await salesRep.step(`adds a line with ${c.case} and reads it back on the quote`, async () => {
        await page.open(quote.id);
        await page.addLine({ sku, ...c.input });
        await expect(page.lineAmount(sku, 'quantity')).toHaveText(c.input.quantity);
        await expect(page.lineAmount(sku, 'discount')).toHaveText(formatPercent(percentToBp(c.input.discountPercent)));
        await expect(page.lineAmount(sku, 'net')).toHaveText(formatMoney(e.netCents));
        await expect(page.lineAmount(sku, 'tax')).toHaveText(formatMoney(e.taxCents));
        await expect(page.lineAmount(sku, 'total')).toHaveText(formatMoney(e.totalCents));
      });
    }
    const totals = expectedQuote(priced);
    await expect(page.grandTotal, 'the quote total is the sum of its valid lines').toHaveText(formatMoney(totals.grandTotalCents));
    const stored = await getQuote(salesRep.api, quote.id);
    expect(stored.lines.map((l) => [l.sku, l.quantity, l.discountBp, l.netCents, l.taxCents]), 'the API holds each valid line as typed and priced')
      .toEqual(valid.map((_, i) => [products[i]!.sku, priced[i]!.quantity, priced[i]!.discountBp, Number(totals.lines[i]!.netCents), Number(totals.lines[i]!.taxCents)]));
  });

  test('payment form: each invalid payment names its field and records nothing; each valid payment reads the same on the invoice and in the API, and the last one settles it', async ({ admin, salesRep, finance, data }) => {
    const { invoice } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('0'));
    const { valid, invalid } = paymentCases(data, invoice.totalCents);
    const page = finance.at(InvoicePage);
    for (const c of invalid) {
      await finance.step(`records a payment of ${c.case} on ${invoice.number}`, async () => {
        await page.open(invoice.id);
        await page.recordPayment(c.input);
        await expectOnlyFieldError(page.refusedPaymentForm, c);
      });
    }
    expect(await paymentsOfInvoice(finance.api, invoice.id), 'no refused payment was recorded (API)').toEqual([]);
    expect((await getInvoice(finance.api, invoice.id)).status, 'the invoice is still unpaid').toBe('Issued');

    for (const c of valid) {
      await finance.step(`records a payment of ${c.case}`, async () => {
        await page.open(invoice.id);
        await page.recordPayment(c.input);
        await expect(page.status).not.toHaveText('Issued');
      });
    }
    const shown = valid.map((c) => trimmed(c.input)).map((p) => [p.paidOn!, p.method, p.reference!, formatMoney(centsFromDollars(p.amount))]);
    expect((await page.paymentsShown()).sort(), 'the invoice lists each payment as typed').toEqual([...shown].sort());
    await expect(page.status, 'the exact balance settles the invoice').toHaveText('Paid');
    await expect(page.field('openBalance')).toHaveText(formatMoney(0));
    const api = await paymentsOfInvoice(finance.api, invoice.id);
    expect(api.map((p) => [p.paidOn, p.method, p.reference, formatMoney(p.amountCents)]).sort(), 'the API holds each payment as typed').toEqual([...shown].sort());
  });
});
