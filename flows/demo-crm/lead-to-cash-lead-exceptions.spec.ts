import { createLead, getLead, leadsWithEmail, setLeadStatus, tryConvertLead } from '../../profiles/demo-crm/api/sales-crm.js';
import { reconcileLeadMoneyTrail } from '../../profiles/demo-crm/checks/money-trail.js';
import { criteria, describeFlow, expect, test } from '../../profiles/demo-crm/test.js';
import { LeadDetailPage } from '../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../profiles/demo-crm/pages/leads/lead-list-page.js';

test.describe('Lead to cash: leads that must not become deals', { tag: '@lead-to-cash' }, () => {
  test.beforeEach(async () => {
    // two people, each in their own browser, over several screens: three times the usual budget
    test.slow();
    await describeFlow({ epic: 'Lead to cash', feature: 'Lead exceptions', severity: 'critical', owner: 'qa-sales' });
  });

  test('a disqualified lead keeps its reason and can no longer be converted', async ({ salesRep, data }) => {
    await criteria('AC-L2C-15', 'AC-L2C-10');

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

    await reconcileLeadMoneyTrail(salesRep, lead.id, { wonCents: null, paidCents: 0n });
  });

  test('a second lead with the same email is flagged as a possible duplicate before it is saved', async ({ salesRep, salesRep2, admin, data }) => {
    await criteria('AC-L2C-16', 'AC-L2C-10');

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

    const [first, second] = await leadsWithEmail(admin.api, original.email);
    await reconcileLeadMoneyTrail(admin, first!.id, { wonCents: null, paidCents: 0n });
    await reconcileLeadMoneyTrail(admin, second!.id, { wonCents: null, paidCents: 0n });
  });
});
