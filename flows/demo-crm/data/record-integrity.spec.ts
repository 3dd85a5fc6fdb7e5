import { z } from 'zod';
import { createQuote, getQuote, invoicesOfAccount } from '../../../profiles/demo-crm/api/revenue.js';
import { createOpportunity, getAccount, getLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { integritySweep } from '../../../profiles/demo-crm/checks/integrity-sweep.js';
import { DOCUMENTED_REMOVALS, isRemoval, REFUSALS } from '../../../profiles/demo-crm/domain/deletion-rules.js';
import { formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import { AccountDetailPage } from '../../../profiles/demo-crm/pages/accounts/account-detail-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { ProductFormPage } from '../../../profiles/demo-crm/pages/products/product-form-page.js';
import { QuotePage } from '../../../profiles/demo-crm/pages/quotes/quote-page.js';
import { SlaBoardPage } from '../../../profiles/demo-crm/pages/service/sla-board-page.js';
import { busyOwnCrm } from '../../../profiles/demo-crm/scenarios/busy-crm.js';
import { departingStaff } from '../../../profiles/demo-crm/scenarios/departing-staff.js';
import { UsersAdminPage } from '../../../profiles/demo-crm/security/users-admin-page.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';

const refusal = z.object({ message: z.string().optional(), fields: z.record(z.string(), z.string()).optional() });

test.describe('Data accuracy: nothing others depend on disappears, and every total adds up', { tag: '@data-accuracy' }, () => {
  test('records others depend on are never deleted or deactivated from under them, and an API sweep finds no orphan and no total that disagrees with its parts', async ({ browser, data }, testInfo) => {
    // its own CRM, some 150 API calls to fill it, a dozen screens and a sweep of every record
    test.setTimeout(300_000);
    await describeFlow({ epic: 'Data accuracy', feature: 'Record integrity', story: 'Nothing others depend on disappears', severity: 'critical', owner: 'qa-data', tags: ['data-accuracy', 'integrity'] });
    await criteria('AC-DA-05');
    const busy = await busyOwnCrm({ browser, testInfo, data, ports: 'integrity' });
    /** every broken rule, counted for the figure and listed when the test fails */
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => void (ok || problems.push(problem));
    try {
      const [admin, rep, supportManager] = [await busy.actor('admin'), await busy.actor('salesRep'), await busy.actor('supportManager')];
      const { sales } = busy;
      const [accountId] = sales.accounts as [number];

      await test.step('The CRM offers a delete or a deactivation only where its documents allow one', async () => {
        const { routes } = await admin.api.get('/api/test/routes', undefined, z.object({ routes: z.array(z.object({ method: z.string(), path: z.string() })) }));
        for (const r of routes.filter(isRemoval)) check(DOCUMENTED_REMOVALS.includes(`${r.method} ${r.path}`), `${r.method} ${r.path} deletes or retires records, which the docs never allow`);
      });

      await admin.step(`opens account ${accountId}, which has an overdue invoice and an open ticket, and is offered no way to delete it`, async () => {
        await admin.at(AccountDetailPage).open(accountId);
        check(await admin.at(AccountDetailPage).deleteControls.count() === 0, `account ${accountId}'s page offers a delete`);
        const answer = await admin.api.send('DELETE', `/api/accounts/${accountId}`);
        check(answer.status >= 400, `DELETE /api/accounts/${accountId} answered ${answer.status}`);
        check((await invoicesOfAccount(admin.api, accountId)).some((i) => i.id === sales.overdueInvoice.id), `account ${accountId} lost its invoice ${sales.overdueInvoice.number}`);
        check((await getAccount(admin.api, accountId)).openBalance === sales.overdueInvoice.balanceCents, `account ${accountId}'s open balance is no longer that of its overdue invoice`);
      });

      await rep.step('opens the lead that became that account and finds it read-only, with no delete', async () => {
        const page = rep.at(LeadDetailPage);
        await page.open(sales.convertedLead.id);
        check(await page.readOnlyNotice.isVisible(), 'the converted lead does not say why it cannot change');
        check(await page.deleteControls.count() === 0, 'the converted lead\'s page offers a delete');
        const answer = await rep.api.send('DELETE', `/api/leads/${sales.convertedLead.id}`);
        check(answer.status === 409 && refusal.parse(answer.body).message === REFUSALS.convertedLead, `DELETE of the converted lead answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
        check((await getLead(rep.api, sales.convertedLead.id)).status === 'Converted', 'the converted lead is gone or changed');
      });

      const quote = sales.paidDeal.quote;
      await rep.step(`opens quote ${quote.number} (accepted, ordered, invoiced and paid) and can remove none of its lines`, async () => {
        const page = rep.at(QuotePage);
        await page.open(quote.id);
        check(await page.deleteControls.count() === 0, `quote ${quote.number} offers to remove a line`);
        const answer = await rep.api.send('DELETE', `/api/quotes/${quote.id}/lines/${quote.lines[0]!.id}`);
        check(answer.status === 409 && refusal.parse(answer.body).message === REFUSALS.lineOfAcceptedQuote, `removing a line of the accepted quote answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
        const after = await getQuote(rep.api, quote.id);
        check(after.lines.length === quote.lines.length && after.grandTotalCents === quote.grandTotalCents, `quote ${quote.number} changed under its order: ${after.lines.length} lines, ${formatMoney(after.grandTotalCents)}`);
      });

      const retired = sales.products[1]!;
      await admin.step(`retires product ${retired.sku}, which is on accepted quotes`, async () => {
        const form = admin.at(ProductFormPage);
        await form.openEdit(retired.id);
        await form.retire();
      });
      await rep.step(`finds ${retired.sku} still on quote ${quote.number} with its total, and no longer offered for a new quote`, async () => {
        const page = rep.at(QuotePage);
        await page.open(quote.id);
        check(await page.line(retired.sku).count() === 1, `the retired ${retired.sku} left quote ${quote.number}`);
        const shown = (await page.grandTotal.innerText()).trim();
        check(shown === formatMoney(quote.grandTotalCents), `quote ${quote.number} shows ${shown}, not the ${formatMoney(quote.grandTotalCents)} of its order`);
        const next = await createOpportunity(rep.api, { name: data.tagged('next deal'), accountId, amountCents: 0, closeDate: data.dateAfter(90) });
        const draft = await createQuote(rep.api, next.id);
        await page.open(draft.id);
        check(await page.productOffered(retired.sku).count() === 0, `the Add line form still offers the retired ${retired.sku}`);
        const answer = await rep.api.send('POST', `/api/quotes/${draft.id}/lines`, { data: { productId: retired.id, quantity: 1, discountPercent: '0' } });
        check(answer.status === 400 && refusal.parse(answer.body).fields?.productId === REFUSALS.retiredProduct, `adding the retired product answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
      });

      const departing = await departingStaff({ admin, supportManager, data, ticketAccountId: busy.service.tickets[0]!.account.id });
      await admin.step(`deactivates ${departing.rep.username} (owns an account) and ${departing.agent.username} (holds an open ticket) on the Users screen`, async () => {
        const users = admin.at(UsersAdminPage);
        for (const who of [departing.rep, departing.agent]) {
          await users.open(who.username);
          await users.deactivate(who.username);
          await expect(users.statusOf(who.username)).toHaveText('Inactive');
        }
      });
      await supportManager.step(`still sees ${departing.agent.displayName}'s open ticket on the SLA board, under the inactive agent`, async () => {
        const board = supportManager.at(SlaBoardPage);
        await board.openByAddress();
        check(await board.openLoadOf(`${departing.agent.displayName} (inactive)`).catch(() => 0) === 1, 'the SLA board\'s Agent load lost the departed agent\'s open ticket');
      });

      await test.step(`The departed rep's account keeps its owner, and no account can be handed to ${departing.rep.username} any more (API)`, async () => {
        const kept = await getAccount(admin.api, departing.accountId);
        check(kept.ownerId === departing.rep.id, `the departed rep's account changed owner to ${kept.ownerId}`);
        const handOver = await admin.api.send('PATCH', `/api/accounts/${accountId}`, { data: { ownerId: departing.rep.id } });
        check(handOver.status === 400 && Boolean(refusal.parse(handOver.body).fields?.ownerId), `giving an account to the deactivated rep answered ${handOver.status}`);
      });

      const sweep = await test.step('An integrity sweep walks every list of the API as the admin: no orphan, no total that disagrees with its parts', () => integritySweep(admin.api));

      await testInfo.attach('integrity sweep', { body: JSON.stringify(sweep, null, 2), contentType: 'application/json' });
      await recordCount('AC-DA-05', problems.length + sweep.findings.length, 'orphans or totals that disagree with their parts', `${sweep.checks} sweep checks over ${Object.keys(sweep.walked).length} lists, and the refusals`);
      expect(Object.keys(sweep.walked), 'the sweep walked the lists of the API').toEqual(expect.arrayContaining(['accounts', 'quotes', 'orders', 'invoices', 'payments', 'tickets']));
      expect([...problems, ...sweep.findings], 'what others depend on is refused with its reason or handled as documented; no record points at a missing record; every total equals its parts').toEqual([]);
    } finally {
      await busy.close();
    }
  });
});
