import { getQuote, pendingApprovalOf, tryApprove, tryChangeLineDiscount } from '../../profiles/demo-crm/api/revenue.js';
import { reconcileMoneyTrail } from '../../profiles/demo-crm/checks/money-trail.js';
import { oneLineDeal } from '../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { formatMoney } from '../../profiles/demo-crm/domain/money.js';
import { APPROVER_LABEL } from '../../profiles/demo-crm/domain/sales-rules.js';
import {
  approvedQuote, dealLines, draftQuote, openOpportunity, stockPriceBook, describeLeadToCashVariant,
} from '../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { criteria, expect, test, type Actor } from '../../profiles/demo-crm/test.js';
import { ApprovalsInboxPage } from '../../profiles/demo-crm/pages/approvals/approvals-inbox-page.js';
import { OpportunityDetailPage } from '../../profiles/demo-crm/pages/opportunities/opportunity-detail-page.js';
import { QuotePage } from '../../profiles/demo-crm/pages/quotes/quote-page.js';

/** The rep sends a quote that may be sent, and marks it accepted: the deal is won. */
async function sendsAndCloses(rep: Actor, quoteId: number, title: string): Promise<void> {
  const quote = rep.at(QuotePage);
  await rep.step(title, async () => {
    await quote.open(quoteId);
    await quote.send();
    await quote.markAccepted();
    await expect(quote.status).toHaveText('Accepted');
  });
}

test.describe('Lead to cash: discount approvals', { tag: '@lead-to-cash' }, () => {
  test.beforeEach(() => describeLeadToCashVariant('Discount approval'));

  test('a discount within the rep\'s 10% limit needs no approval: the rep sends and closes the deal directly', async ({ salesRep, admin, finance, data }) => {
    await criteria('AC-L2C-11', 'AC-L2C-10');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('10')), oneLineDeal('10'));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const quote = salesRep.at(QuotePage);

    await salesRep.step('builds a quote with a 10% discount, the most a rep may give alone', async () => {
      await salesRep.at(OpportunityDetailPage).open(opportunity.id);
      await salesRep.at(OpportunityDetailPage).startQuote();
      await quote.addLine(deal.lines[0]!.input);
      await expect(quote.grandTotal).toHaveText(formatMoney(deal.expected.grandTotalCents));
      await expect(quote.field('approvalLevel')).toHaveText(APPROVER_LABEL.none);
      await expect(quote.submitForApprovalButton).toHaveCount(0);
      await expect(quote.sendButton).toBeEnabled();
    });

    await salesRep.step('sends the quote and marks it accepted without asking anyone', async () => {
      await quote.send();
      await expect(quote.status).toHaveText('Sent');
      await quote.markAccepted();
      await expect(quote.status).toHaveText('Accepted');
      await expect(quote.approvalHistory).toHaveCount(0);
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: deal.expected.grandTotalCents, paidCents: 0n });
  });

  test('a discount above 30% needs an admin: the sales manager cannot approve it, the admin does', async ({ salesRep, salesManager, admin, finance, data }) => {
    await criteria('AC-L2C-12', 'AC-L2C-10');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('35')), oneLineDeal('35'));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const draft = await draftQuote(salesRep, opportunity.id, deal);
    const quote = salesRep.at(QuotePage);

    await salesRep.step('submits the quote with a 35% discount for approval', async () => {
      await quote.open(draft.id);
      await expect(quote.field('approvalLevel')).toHaveText(APPROVER_LABEL.admin);
      await quote.submitForApproval();
      await expect(quote.status).toHaveText('Pending approval');
    });

    await salesManager.step('sees the request in the Approvals inbox but is not offered Approve: it needs an admin', async () => {
      const inbox = salesManager.at(ApprovalsInboxPage);
      await inbox.open();
      await inbox.find(draft.number);
      await expect(inbox.status(draft.number)).toHaveText('Pending');
      await expect(inbox.decision(draft.number)).toHaveText('Needs an admin');
      await expect(inbox.approveButton(draft.number)).toHaveCount(0);
    });

    await test.step(`The CRM refuses ${salesManager.name}'s approval of the same request through the API`, async () => {
      const request = await pendingApprovalOf(salesManager.api, draft.number);
      const answer = await tryApprove(salesManager.api, request?.id ?? 0, 'trying anyway');
      expect(answer.status).toBe(403);
      expect((await getQuote(salesRep.api, draft.id)).status).toBe('Pending approval');
    });

    await admin.step('approves the quote from the Approvals inbox', async () => {
      const inbox = admin.at(ApprovalsInboxPage);
      await inbox.open();
      await inbox.find(draft.number);
      await inbox.approve(draft.number, 'Strategic account, admin approval given');
      await expect(inbox.toast.root).toContainText(`Quote ${draft.number} approved`);
    });

    await salesRep.step('sends the admin-approved quote and marks it accepted', async () => {
      await quote.open(draft.id);
      await expect(quote.field('approvedBy')).toHaveText(admin.displayName);
      await quote.send();
      await quote.markAccepted();
      await expect(quote.status).toHaveText('Accepted');
    });

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: deal.expected.grandTotalCents, paidCents: 0n });
  });

  test('a rejected quote goes back to Draft with the comment; the rep lowers the discount and wins approval', async ({ salesRep, salesManager, admin, finance, data }) => {
    await criteria('AC-L2C-13', 'AC-L2C-10');
    const first = oneLineDeal('25');
    const revised = oneLineDeal('12');
    const products = await stockPriceBook(admin, data, first);
    const revisedDeal = dealLines(products, revised);
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const draft = await draftQuote(salesRep, opportunity.id, dealLines(products, first));
    const quote = salesRep.at(QuotePage);
    const inbox = salesManager.at(ApprovalsInboxPage);
    const rejection = `25% is too much for ${data.tag}; 12% at most`;

    await salesRep.step('submits the quote with a 25% discount for approval', async () => {
      await quote.open(draft.id);
      await quote.submitForApproval();
      await expect(quote.status).toHaveText('Pending approval');
    });

    await salesManager.step('rejects the quote in the Approvals inbox with a comment', async () => {
      await inbox.open();
      await inbox.find(draft.number);
      await inbox.reject(draft.number, rejection);
      await expect(inbox.toast.root).toContainText(`Quote ${draft.number} rejected`);
    });

    await salesRep.step('finds the quote back in Draft with the manager\'s comment', async () => {
      await quote.open(draft.id);
      await expect(quote.status).toHaveText('Draft');
      await expect(quote.rejectionComment).toContainText(rejection);
    });

    await salesRep.step('lowers the discount to 12% and submits the quote again', async () => {
      await quote.editLine(revisedDeal.lines[0]!.input.sku, { discountPercent: '12' });
      await expect(quote.grandTotal).toHaveText(formatMoney(revisedDeal.expected.grandTotalCents));
      await expect(quote.field('approvalLevel')).toHaveText(APPROVER_LABEL.manager);
      await quote.submitForApproval();
      await expect(quote.status).toHaveText('Pending approval');
    });

    await salesManager.step('approves the revised quote', async () => {
      await inbox.open();
      await inbox.find(draft.number);
      await inbox.approve(draft.number, '12% is fine');
      await expect(inbox.toast.root).toContainText(`Quote ${draft.number} approved`);
    });

    await sendsAndCloses(salesRep, draft.id, 'sends the approved quote and marks it accepted');

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: revisedDeal.expected.grandTotalCents, paidCents: 0n });
  });

  test('the discount of an approved quote is locked: the rep cannot change it without a new approval', async ({ salesRep, salesManager, admin, finance, data }) => {
    await criteria('AC-L2C-14', 'AC-L2C-10');
    const deal = dealLines(await stockPriceBook(admin, data, oneLineDeal('20')), oneLineDeal('20'));
    const { opportunity } = await openOpportunity(salesRep, data, { stage: 'Negotiation' });
    const approved = await approvedQuote(salesRep, salesManager, await draftQuote(salesRep, opportunity.id, deal));
    const quote = salesRep.at(QuotePage);
    const sku = deal.lines[0]!.input.sku;

    await salesRep.step('opens the approved quote and finds its discount locked', async () => {
      await quote.open(approved.id);
      await expect(quote.status).toHaveText('Approved');
      await expect(quote.editDiscountControl(sku)).toBeDisabled();
      await expect(quote.addLineForm.root).toHaveCount(0);
    });

    await test.step(`The CRM refuses ${salesRep.name}'s discount change through the API and keeps the approved total`, async () => {
      const answer = await tryChangeLineDiscount(salesRep.api, approved.id, approved.lines[0]!.id, '30');
      expect(answer.status).toBe(403);
      const after = await getQuote(salesRep.api, approved.id);
      expect([after.status, after.lines[0]!.discountBp, after.grandTotalCents]).toEqual(['Approved', 2000, Number(deal.expected.grandTotalCents)]);
    });

    await sendsAndCloses(salesRep, approved.id, 'sends the quote at the approved discount and marks it accepted');

    await reconcileMoneyTrail(finance, opportunity.id, { wonCents: deal.expected.grandTotalCents, paidCents: 0n });
  });
});
