import { createLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { recordPayment, tryChangeLineDiscount } from '../../../profiles/demo-crm/api/revenue.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { dealLines, draftQuote, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { createThrowawayUser, setUserActive } from '../../../profiles/demo-crm/security/raw-http.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { auditNameOf, criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

interface Entry { at: string; actor: string; action: string; object: string; recordId: string | null; summary: string | null; changes: Record<string, { from: unknown; to: unknown }> | null }

test.describe('Audit trail of denials and sensitive changes', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Audit', story: 'Who did what, and when', severity: 'critical', owner: 'qa-security', tags: ['security', 'audit'] });
    await criteria('AC-SEC-06');
  });

  test('denied access, a discount change, a payment, a deletion and a deactivation are each in the audit log with their actor and time', async ({ admin, salesRep, finance, auditor, data }) => {
    const since = Date.now();
    const entries = async (query: Record<string, string>): Promise<Entry[]> =>
      ((await auditor.api.get('/api/audit', { ...query, pageSize: 100 })) as { items: Entry[] }).items.filter((e) => Date.parse(e.at) >= since - 1_000);
    const until = () => Date.now() + 1_000;
    const outsideWindow = (list: Entry[]) => list.filter((e) => Date.parse(e.at) < since - 1_000 || Date.parse(e.at) > until());

    await salesRep.step('opens the Users screen and the users API, which the role may not', async () => {
      const response = await salesRep.page.goto('/admin/users');
      expect(response?.status()).toBe(403);
      expect((await salesRep.api.send('GET', '/api/users')).status).toBe(403);
    });

    const lines = oneLineDeal('5');
    const deal = dealLines(await stockPriceBook(admin, data, lines), lines);
    const { opportunity } = await openOpportunity(salesRep, data);
    const quote = await draftQuote(salesRep, opportunity.id, deal);
    const line = quote.lines[0]!;
    await salesRep.step(`changes the line discount on ${quote.number} from 5 % to 8 %`, async () => {
      expect((await tryChangeLineDiscount(salesRep.api, quote.id, line.id, '8')).status).toBe(200);
    });

    const billed = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, lines);
    await finance.step(`records a payment of $10.00 on ${billed.invoice.number}`, async () => {
      await recordPayment(finance.api, billed.invoice.id, { amountCents: 1_000, paidOn: data.dateAfter(0), method: 'Card' });
    });

    const lead = await createLead(salesRep.api, data.lead());
    await salesRep.step('deletes a lead of their own', async () => {
      expect((await salesRep.api.send('DELETE', `/api/leads/${lead.id}`)).status).toBe(204);
    });

    const user = await createThrowawayUser(admin, { role: 'sales_rep', team: 'sales', tag: data.tag });
    await admin.step(`deactivates the user ${user.username}`, async () => {
      expect((await setUserActive(admin, user.id, false)).status).toBe(200);
    });

    const rep = auditNameOf(salesRep);
    await auditor.step('finds each of them in the audit log, under the user who did it, stamped within the test', async () => {
      const denied = await entries({ actor: rep, action: 'permission_denied', object: 'user' });
      expect(denied.map((e) => e.summary), 'denials of the Users screen and API to the rep').toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/admin\/users /), expect.stringMatching(/^GET \/api\/users /)]));

      const discount = (await entries({ object: 'quote', recordId: String(quote.id) })).filter((e) => JSON.stringify(e.changes).includes('discount'));
      expect(discount.map((e) => ({ actor: e.actor, changes: e.changes })), 'the discount change').toEqual([{ actor: rep, changes: { discount_bp: { from: 500, to: 800 } } }]);

      const payments = (await entries({ object: 'payment', action: 'create' })).filter((e) => e.summary?.includes(billed.invoice.number));
      expect(payments.map((e) => [e.actor, e.summary]), 'the payment').toEqual([[auditNameOf(finance), expect.stringMatching(/^\$10\.00 on /)]]);

      const deletion = await entries({ object: 'lead', recordId: String(lead.id), action: 'delete' });
      expect(deletion.map((e) => e.actor), 'the deletion').toEqual([rep]);

      const deactivation = await entries({ object: 'user', recordId: String(user.id), action: 'update' });
      expect(deactivation.map((e) => [e.actor, e.changes]), 'the deactivation').toEqual([[auditNameOf(admin), { active: { from: true, to: false } }]]);

      await recordCount('AC-SEC-06', [denied.length >= 2, discount.length === 1, payments.length === 1, deletion.length === 1, deactivation.length === 1].filter((ok) => !ok).length, 'denials or sensitive changes missing from the audit log', 'denied page and API call, discount change, payment, deletion, deactivation');
      expect(outsideWindow([...denied, ...discount, ...payments, ...deletion, ...deactivation]), 'entries stamped outside the time the test ran').toEqual([]);
    });
  });
});
