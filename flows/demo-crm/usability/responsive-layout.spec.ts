import { openPortalTicket } from '../../../profiles/demo-crm/api/service.js';
import { createLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { ticketRequest } from '../../../profiles/demo-crm/data/service-tickets.js';
import { invoicedDeal } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import type { Actor } from '../../../profiles/demo-crm/test.js';
import { layoutProblems, WIDTHS } from '../../../profiles/demo-crm/usability/layout.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

async function tour(actor: Actor, paths: readonly string[], navigation: boolean): Promise<string[]> {
  const problems: string[] = [];
  for (const [size, viewport] of Object.entries(WIDTHS)) {
    await actor.step(`checks ${paths.length} screens at ${size} width (${viewport.width} px)`, async () => {
      await actor.page.setViewportSize(viewport);
      for (const path of paths) {
        await actor.page.goto(path);
        await actor.page.getByRole('heading', { level: 1 }).first().waitFor();
        problems.push(...await layoutProblems(actor.page, `${path} at ${viewport.width} px`, { navigation }));
      }
    });
  }
  return problems;
}

test.describe('Layout at tablet and phone widths', { tag: '@usability' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Usability', feature: 'Responsive layout', story: 'No sideways scrolling, navigation usable', severity: 'normal', owner: 'qa-usability', tags: ['usability', 'layout'] });
    await criteria('AC-USE-13');
  });

  test('the key screens of sales, finance, support and the portal fit 768 and 390 px without horizontal scrolling, with the navigation usable', async ({ salesRep, finance, supportAgent, customer, admin, data }) => {
    const lead = await createLead(salesRep.api, data.lead());
    const { invoice, opportunity } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));
    const ticket = await openPortalTicket(customer.api, ticketRequest(data));

    const problems = [
      ...await tour(salesRep, ['/', '/leads', '/leads/new', `/leads/${lead.id}`, '/opportunities/board', `/opportunities/${opportunity.id}`], true),
      ...await tour(finance, ['/', '/invoices', `/invoices/${invoice.id}`], true),
      ...await tour(supportAgent, ['/', '/tickets', `/tickets/${ticket.id}`], true),
      ...await tour(customer, ['/portal', '/portal/tickets/new', `/portal/tickets/${ticket.id}`], false),
    ];

    await salesRep.step('opens Leads from the main navigation on a phone', async () => {
      await salesRep.page.setViewportSize(WIDTHS.phone);
      await salesRep.page.goto('/');
      await salesRep.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
      await expect(salesRep.page.getByRole('heading', { level: 1 })).toHaveText('Leads');
    });

    await recordCount('AC-USE-13', problems.length, 'screens with horizontal scrolling or unusable navigation', 'sales, finance, support and portal screens at 768 and 390 px');
    expect(problems, 'layout problems').toEqual([]);
  });
});
