import { createQuote, getQuote, issueInvoice, recordPayment } from '../../profiles/demo-crm/api/revenue.js';
import { reconcileMoneyTrail } from '../../profiles/demo-crm/checks/money-trail.js';
import { HALF_CENT_DEAL, LARGE_DEAL, MAX_EXACT_CENTS, oneLineDeal } from '../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { dollarsInput, formatMoney } from '../../profiles/demo-crm/domain/money.js';
import { bpToPercentText, formatPercent, percentToBp } from '../../profiles/demo-crm/domain/pricing.js';
import { APPROVER_LABEL, approverFor, FREE_DISCOUNT_MAX_BP, MANAGER_DISCOUNT_MAX_BP, MAX_QUANTITY } from '../../profiles/demo-crm/domain/sales-rules.js';
import {
  acceptedQuote, dealLines, draftQuote, openOpportunity, stockPriceBook, type PricedDeal, describeLeadToCashVariant,
} from '../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { criteria, expect, test, type Actor } from '../../profiles/demo-crm/test.js';
import { ApprovalsInboxPage } from '../../profiles/demo-crm/pages/approvals/approvals-inbox-page.js';
import { InvoicePage } from '../../profiles/demo-crm/pages/invoices/invoice-page.js';
import { OrderPage } from '../../profiles/demo-crm/pages/orders/order-page.js';
import { QuotePage } from '../../profiles/demo-crm/pages/quotes/quote-page.js';

/** Rep builds the quote on screen; every line and total must equal the test's own calculation. */
async function buildQuoteOnScreen(rep: Actor, quoteId: number, deal: PricedDeal): Promise<QuotePage> {
  const quote = rep.at(QuotePage);
  await quote.open(quoteId);
  for (const line of deal.lines) await quote.addLine(line.input);
  for (const [i, line] of deal.lines.entries()) {
    await expect(quote.lineAmount(line.input.sku, 'net')).toHaveText(formatMoney(deal.expected.lines[i]!.netCents));
    await expect(quote.lineAmount(line.input.sku, 'tax')).toHaveText(formatMoney(deal.expected.lines[i]!.taxCents));
    await expect(quote.lineAmount(line.input.sku, 'total')).toHaveText(formatMoney(deal.expected.lines[i]!.totalCents));
  }
  await expect(quote.subtotal).toHaveText(formatMoney(deal.expected.subtotalCents));
  await expect(quote.tax).toHaveText(formatMoney(deal.expected.taxCents));
  await expect(quote.grandTotal).toHaveText(formatMoney(deal.expected.grandTotalCents));
  return quote;
}

test.describe('Lead to cash: boundaries', { tag: '@lead-to-cash' }, () => {
  test.beforeEach(() => describeLeadToCashVariant('Boundaries'));

  test('quantities of 0, below 0 and above the maximum are refused on the line; 1 is accepted', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-20', 'AC-L2C-10');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('0', 1)), oneLineDeal('0', 1));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Proposal' });

    const draft = await test.step(`Given ${salesRep.name} has started an empty quote (by API)`, () => createQuote(salesRep.api, opportunity.id));

    const quote = salesRep.at(QuotePage);
    const sku = deal.lines[0]!.input.sku;
    await quote.open(draft.id);

    for (const quantity of [0, -3, MAX_QUANTITY + 1]) {
      await salesRep.step(`tries to add a line with quantity ${quantity} and is told why it is refused`, async () => {
        await quote.addLine({ sku, quantity, discountPercent: '0' });
        expect(await quote.addLineForm.fieldError('Quantity')).toContain(`Quantity must be a whole number from 1 to ${MAX_QUANTITY.toLocaleString('en-US')}`);
        await expect(quote.line(sku)).toHaveCount(0);
        await expect(quote.grandTotal).toHaveText('$0.00');
      });
    }

    await salesRep.step('adds the line with quantity 1, the smallest allowed', async () => {
      await quote.addLine({ sku, quantity: 1, discountPercent: '0' });
      await expect(quote.lineAmount(sku, 'quantity')).toHaveText('1');
      await expect(quote.grandTotal).toHaveText(formatMoney(deal.expected.grandTotalCents));
      expect((await getQuote(salesRep.api, draft.id)).lines).toHaveLength(1);
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: null, paidCents: 0n });
  });

  test('a discount exactly at 10% or 30% stays with the lower approver; one hundredth more needs the next', async ({ salesRep, salesManager, admin, finance, data }) => {
    await criteria('AC-L2C-21', 'AC-L2C-10');
    const atFreeLimit = bpToPercentText(FREE_DISCOUNT_MAX_BP);
    const atManagerLimit = bpToPercentText(MANAGER_DISCOUNT_MAX_BP);
    const products = await stockPriceBook(admin, data, oneLineDeal(atFreeLimit));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const draft = await draftQuote(salesRep, opportunity.id, dealLines(products, oneLineDeal(atFreeLimit)));
    const quote = salesRep.at(QuotePage);
    const { product } = dealLines(products, oneLineDeal(atFreeLimit)).lines[0]!;

    await salesRep.step(`opens the quote with ${atFreeLimit}% off: no approval needed, it can be sent`, async () => {
      await quote.open(draft.id);
      await expect(quote.field('approvalLevel')).toHaveText(APPROVER_LABEL.none);
      await expect(quote.submitForApprovalButton).toHaveCount(0);
      await expect(quote.sendButton).toBeEnabled();
    });

    const steps = [bpToPercentText(FREE_DISCOUNT_MAX_BP + 1), bpToPercentText(MANAGER_DISCOUNT_MAX_BP + 1), atManagerLimit];
    for (const discount of steps) {
      const level = approverFor(percentToBp(discount));
      await salesRep.step(`changes the discount to ${discount}% and sees that it needs ${APPROVER_LABEL[level]} approval`, async () => {
        await quote.editLine(product.sku, { discountPercent: discount });
        await expect(quote.field('maxDiscount')).toHaveText(formatPercent(percentToBp(discount)));
        await expect(quote.field('approvalLevel')).toHaveText(APPROVER_LABEL[level]);
        await expect(quote.submitForApprovalButton).toBeEnabled();
        await expect(quote.sendButton).toBeDisabled();
      });
    }

    await salesRep.step(`submits the quote at exactly ${atManagerLimit}% for approval`, () => quote.submitForApproval());
    await salesManager.step(`approves the ${atManagerLimit}% discount, the most a sales manager may approve`, async () => {
      const inbox = salesManager.at(ApprovalsInboxPage);
      await inbox.open();
      await inbox.find(draft.number);
      await inbox.approve(draft.number, `${atManagerLimit}% is within my limit`);
      await expect(inbox.toast.root).toContainText(`Quote ${draft.number} approved`);
    });

    const expected = dealLines(products, oneLineDeal(atManagerLimit)).expected;
    await acceptedQuote(salesRep, await getQuote(salesRep.api, draft.id));
    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: expected.grandTotalCents, paidCents: 0n });
  });

  test('fractional cents are rounded half-up on every line and carried exactly to the invoice', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-22', 'AC-L2C-10');
    const deal = dealLines(await stockPriceBook(admin, data, HALF_CENT_DEAL), HALF_CENT_DEAL);
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });

    const draft = await test.step(`Given ${salesRep.name} has started an empty quote (by API)`, () => createQuote(salesRep.api, opportunity.id));

    const quote = await salesRep.step('builds a quote whose every line lands on a half cent', () => buildQuoteOnScreen(salesRep, draft.id, deal));

    await salesRep.step('sends the quote and marks it accepted', async () => {
      await quote.send();
      await quote.markAccepted();
      await expect(quote.status).toHaveText('Accepted');
    });

    await test.step(`${finance.name} invoices the order and is paid in full (by API)`, async () => {
      const accepted = await getQuote(finance.api, draft.id);
      const invoice = await issueInvoice(finance.api, accepted.orderId ?? 0);
      expect(invoice.totalCents).toBe(Number(deal.expected.grandTotalCents));
      await recordPayment(finance.api, invoice.id, { amountCents: invoice.totalCents, paidOn: invoice.issuedAt.slice(0, 10), method: 'Cash' });
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: deal.expected.grandTotalCents, paidCents: deal.expected.grandTotalCents });
  });

  test('a trillion-dollar order stays exact to the cent; a line beyond the exact limit is refused', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-23', 'AC-L2C-10');
    const deal = dealLines(await stockPriceBook(admin, data, LARGE_DEAL), LARGE_DEAL);
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });

    const draft = await test.step(`Given ${salesRep.name} has started an empty quote (by API)`, () => createQuote(salesRep.api, opportunity.id));

    const total = deal.expected.grandTotalCents;
    const line = deal.lines[0]!;

    const quote = await salesRep.step(`builds a quote for ${line.input.quantity} × the most expensive licence`, () => buildQuoteOnScreen(salesRep, draft.id, deal));

    const tooMany = Number(MAX_EXACT_CENTS / BigInt(line.product.unitPriceCents)) + 1;
    await salesRep.step(`tries to add ${tooMany.toLocaleString('en-US')} more and is told the quote would exceed ${formatMoney(MAX_EXACT_CENTS)}`, async () => {
      await quote.addLine({ sku: line.input.sku, quantity: tooMany, discountPercent: '0' });
      expect(await quote.addLineForm.fieldError('Quantity')).toContain(`above ${formatMoney(MAX_EXACT_CENTS)}`);
      await expect(quote.lines.getByRole('row')).toHaveCount(2);
      await expect(quote.grandTotal).toHaveText(formatMoney(total));
    });

    await salesRep.step('sends the quote and marks it accepted', async () => {
      await quote.send();
      await quote.markAccepted();
      await expect(quote.status).toHaveText('Accepted');
    });

    const orderId = (await getQuote(salesRep.api, draft.id)).orderId ?? 0;
    await finance.step(`issues the invoice for ${formatMoney(total)} and records the payment of all of it`, async () => {
      const order = finance.at(OrderPage);
      await order.open(orderId);
      await expect(order.field('total')).toHaveText(formatMoney(total));
      await order.issueInvoice();
      const invoice = finance.at(InvoicePage);
      await expect(invoice.field('total')).toHaveText(formatMoney(total));
      await invoice.recordPayment({ amount: dollarsInput(total), method: 'Bank transfer', reference: data.tagged('wire') });
      await expect(invoice.status).toHaveText('Paid');
      await expect(invoice.paymentAmounts()).toHaveText([formatMoney(total)]);
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: total, paidCents: total });
  });
});
