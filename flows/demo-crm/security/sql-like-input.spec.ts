import { getLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { SQL_PAYLOADS } from '../../../profiles/demo-crm/security/payloads.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('SQL-like input', { tag: '@security' }, () => {
  test('SQL-like text typed into leads is kept as typed, and a search for it finds exactly the lead that holds it', async ({ salesRep, data }) => {
    await describeFlow({ epic: 'Security', feature: 'Injection', story: 'SQL-like text is data, never part of a query', severity: 'blocker', owner: 'qa-security', tags: ['security', 'sql'] });
    await criteria('AC-SEC-08');
    const leads = SQL_PAYLOADS.map((p) => data.lead({ company: `${data.tag} ${p.text}` }));
    const list = salesRep.at(LeadListPage);
    const detail = salesRep.at(LeadDetailPage);
    const ids: number[] = [];

    for (const lead of leads) {
      await salesRep.step(`types the company "${lead.company}" on the New lead form and saves it`, async () => {
        await list.open();
        const form = await list.startNewLead();
        await form.fill(lead);
        await form.create();
        await expect(detail.field('company')).toHaveText(lead.company);
        ids.push(detail.id());
      });
    }

    await salesRep.step(`searches the leads for "${data.tag}" and finds exactly the ${leads.length} leads`, async () => {
      await list.open();
      await list.search(data.tag);
      await expect(list.table.rows()).toHaveCount(leads.length);
      for (const lead of leads) await expect(list.row(lead.email)).toContainText(lead.company);
    });

    for (const lead of leads) {
      await salesRep.step(`searches for "${lead.company}" and finds that one lead`, async () => {
        await list.search(lead.company);
        await expect(list.table.rows()).toHaveCount(1);
        await expect(list.row(lead.email)).toContainText(lead.company);
      });
    }

    await salesRep.step('reads the leads back through the API: every company exactly as typed', async () => {
      const stored = await Promise.all(ids.map((id) => getLead(salesRep.api, id)));
      expect(stored.map((l) => l.company)).toEqual(leads.map((l) => l.company));
    });
  });
});
