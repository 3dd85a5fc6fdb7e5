import { dealAmount } from '../../profiles/atomic-crm/data/formats.js';
import { fullName, type DealStage } from '../../profiles/atomic-crm/data/records.js';
import { CompaniesPage } from '../../profiles/atomic-crm/pages/companies/companies-page.js';
import { ContactsPage } from '../../profiles/atomic-crm/pages/contacts/contacts-page.js';
import { DealsPage } from '../../profiles/atomic-crm/pages/deals/deals-page.js';
import { describeFlow, expect, test } from '../../profiles/atomic-crm/test.js';

/** The stages a won deal goes through after Opportunity, each with the column it leaves. */
const PATH_TO_WON: readonly (readonly [from: DealStage, to: DealStage])[] = [
  ['Opportunity', 'Proposal Sent'],
  ['Proposal Sent', 'In Negotiation'],
  ['In Negotiation', 'Won'],
];

test.describe('Atomic CRM sales pipeline', { tag: ['@atomic-crm', '@pipeline'] }, () => {
  test('a new company’s deal goes from Opportunity to Won, its amount shown at every stage', async ({ admin, data, locale }) => {
    // some 25 screens; the demo renders slowly on a busy machine
    test.setTimeout(480_000);
    await describeFlow({ epic: 'Sales pipeline', feature: 'Deal stages', story: 'Company, contact and deal moved to Won', severity: 'critical', owner: 'qa-sales', tags: ['atomic-crm'] });

    const company = data.company();
    const contact = data.contact({ company: company.name });
    const deal = data.deal({ company: company.name, amount: 48_250 });
    // what the board shows, worked out the way the app formats it (compact USD): "$48.25K"
    const amount = dealAmount(deal.amount, locale);
    const board = admin.at(DealsPage);

    await admin.step('opens Atomic CRM at the companies', () => admin.at(CompaniesPage).goto());
    const companyAddress = await admin.step(`creates the company ${company.name}`, async () => (await admin.at(CompaniesPage).create(company)).address());
    await admin.step(`adds ${fullName(contact)} as a contact at ${company.name}`, () => admin.at(ContactsPage).create(contact));

    await admin.step(`opens the deal "${deal.name}" worth ${amount}`, async () => {
      await board.create(deal);
      await expect(board.cardIn('Opportunity', deal)).toContainText(amount);
    });

    for (const [from, to] of PATH_TO_WON) {
      await admin.step(`moves the deal from ${from} to ${to}`, async () => {
        await board.moveTo(deal, to);
        await expect(board.cardIn(to, deal), `the card is in the ${to} column`).toBeVisible();
        await expect(board.cardIn(from, deal), `the card has left the ${from} column`).toHaveCount(0);
        await expect(board.cardIn(to, deal), `the card shows the deal's amount`).toContainText(amount);
      });
    }

    await admin.step(`finds the won deal and ${fullName(contact)} on ${company.name}’s page`, async () => {
      const companyPage = await admin.at(CompaniesPage).openCompany(companyAddress, company.name);
      await companyPage.showDeals();
      await expect(companyPage.deal(deal.name)).toContainText(`Won, ${amount}`);
      await companyPage.showContacts();
      await expect(companyPage.contact(fullName(contact))).toContainText(contact.title);
    });
  });
});
