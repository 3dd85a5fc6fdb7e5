import { openPortalTicket } from '../../../profiles/demo-crm/api/service.js';
import { createLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { ticketRequest } from '../../../profiles/demo-crm/data/service-tickets.js';
import { invoicedDeal } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import type { Actor } from '../../../profiles/demo-crm/test.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { TEXT_SIZES, textSizeProblems } from '../../../profiles/demo-crm/usability/text-size.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

async function measure(actor: Actor, paths: readonly string[]): Promise<string[]> {
  return actor.step(`measures the text on ${paths.length} screens: ${paths.join(', ')}`, async () => {
    const problems: string[] = [];
    for (const path of paths) {
      await actor.page.goto(path);
      await actor.page.getByRole('heading', { level: 1 }).first().waitFor();
      problems.push(...await textSizeProblems(actor.page, path));
    }
    return problems;
  });
}

test.describe('Text size', { tag: '@usability' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Usability', feature: 'Visual comfort', story: 'Text large enough to read', severity: 'normal', owner: 'qa-usability', tags: ['usability', 'readability'] });
    await criteria('AC-USE-16');
  });

  test(`the key screens of sales, finance, support and the portal show what users read and type at ${TEXT_SIZES.reading} px or more, and no text under ${TEXT_SIZES.smallest} px`, async ({ salesRep, finance, supportAgent, customer, admin, data }) => {
    const lead = await createLead(salesRep.api, data.lead());
    const { invoice, opportunity } = await invoicedDeal({ admin, rep: salesRep, clerk: finance }, data, oneLineDeal('5'));
    const ticket = await openPortalTicket(customer.api, ticketRequest(data));

    const screens: [Actor, string[]][] = [
      [salesRep, ['/', '/leads', '/leads/new', `/leads/${lead.id}`, '/opportunities/board', `/opportunities/${opportunity.id}`]],
      [finance, ['/', '/invoices', `/invoices/${invoice.id}`, '/payments']],
      [supportAgent, ['/', '/tickets', `/tickets/${ticket.id}`]],
      [customer, ['/portal', '/portal/tickets/new', `/portal/tickets/${ticket.id}`]],
    ];
    const problems: string[] = [];
    for (const [actor, paths] of screens) problems.push(...await measure(actor, paths));
    const count = screens.reduce((n, [, paths]) => n + paths.length, 0);

    await recordCount('AC-USE-16', problems.length, 'kinds of text under their minimum size', `${count} screens of four roles at ${TEXT_SIZES.reading} px (table cells, record values, form inputs) and ${TEXT_SIZES.smallest} px (all other text)`);
    expect(problems, 'text smaller than its minimum').toEqual([]);
  });
});
