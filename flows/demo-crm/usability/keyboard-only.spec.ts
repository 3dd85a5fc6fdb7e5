import { portalTicketsMatching } from '../../../profiles/demo-crm/api/service.js';
import { leadsWithEmail } from '../../../profiles/demo-crm/api/sales-crm.js';
import { LeadFormPage } from '../../../profiles/demo-crm/pages/leads/lead-form-page.js';
import { EffortMeter } from '../../../profiles/demo-crm/usability/effort-meter.js';
import { KeyboardUser } from '../../../profiles/demo-crm/usability/keyboard.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { typicalLead, typicalPortalTicket } from '../../../profiles/demo-crm/usability/typical-input.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Keyboard-only use', { tag: '@usability' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Usability', feature: 'Keyboard', story: 'A whole task without a mouse', severity: 'critical', owner: 'qa-usability', tags: ['usability', 'accessibility', 'keyboard'] });
    await criteria('AC-USE-12');
  });

  test('a customer opens a portal ticket with the keyboard only, every focus stop visible', async ({ customer, data }) => {
    const meter = await EffortMeter.on(customer);
    const keys = new KeyboardUser(customer.page);
    const ticket = typicalPortalTicket(data);
    const form = customer.page.getByRole('form', { name: 'New ticket' });

    await customer.step('goes from the portal start page to the New ticket form with Tab and Enter', async () => {
      await customer.page.goto('/portal');
      await keys.tabTo(customer.page.getByRole('link', { name: 'New ticket' }), 'New ticket link');
      await keys.enterAndWaitForPage();
    });
    await customer.step('fills the form by typing, choosing priority and category by their names', async () => {
      await keys.tabTo(form.getByLabel('Priority'), 'Priority');
      await keys.type(ticket.priority);
      await keys.tabTo(form.getByLabel('Category'), 'Category');
      await keys.type(ticket.category);
      await keys.tabTo(form.getByLabel('Subject'), 'Subject');
      await keys.type(ticket.subject);
      await keys.tabTo(form.getByLabel('Description'), 'Description');
      await keys.type(ticket.description);
    });
    await customer.step('submits the ticket with Enter on Submit ticket', async () => {
      await keys.tabTo(form.getByRole('button', { name: 'Submit ticket' }), 'Submit ticket');
      await keys.enterAndWaitForPage();
    });

    await recordCount('AC-USE-12', meter.mouseClicks, 'mouse clicks', 'portal ticket by keyboard');
    await expect(customer.page.getByRole('heading', { level: 1 })).toHaveText(ticket.subject);
    expect((await portalTicketsMatching(customer.api, data.tag)).map((t) => [t.subject, t.priority, t.category])).toEqual([[ticket.subject, ticket.priority, ticket.category]]);
    expect(keys.invisibleFocus, 'controls whose focus is not visible').toEqual([]);
    expect(meter.mouseClicks, 'mouse clicks').toBe(0);
  });

  test('a sales rep creates a lead with the keyboard only, from the main navigation', async ({ salesRep, data }) => {
    const meter = await EffortMeter.on(salesRep);
    const keys = new KeyboardUser(salesRep.page);
    const lead = typicalLead(data);
    const main = salesRep.page.getByRole('main');

    await salesRep.step('reaches Leads in the main navigation and New lead with Tab and Enter', async () => {
      await salesRep.page.goto('/');
      await keys.tabTo(salesRep.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }), 'Leads in the navigation');
      await keys.enterAndWaitForPage();
      await keys.tabTo(main.getByRole('link', { name: 'New lead', exact: true }), 'New lead link');
      await keys.enterAndWaitForPage();
    });
    await salesRep.step('types the lead and saves it with Enter on Create lead', async () => {
      for (const [label, value] of [['First name', lead.firstName], ['Last name', lead.lastName], ['Company', lead.company], ['Email', lead.email], ['Phone', lead.phone], ['Source', lead.source]] as const) {
        await keys.tabTo(salesRep.at(LeadFormPage).form.field(label), label);
        await keys.type(value);
      }
      await keys.tabTo(main.getByRole('button', { name: 'Create lead' }), 'Create lead');
      await keys.enterAndWaitForPage();
    });

    await recordCount('AC-USE-12', meter.mouseClicks, 'mouse clicks', 'lead by keyboard');
    await expect(salesRep.page.getByRole('heading', { level: 1 })).toHaveText(`${lead.firstName} ${lead.lastName}`);
    expect((await leadsWithEmail(salesRep.api, lead.email)).map((l) => [l.company, l.phone, l.source])).toEqual([[lead.company, lead.phone, lead.source]]);
    expect(keys.invisibleFocus, 'controls whose focus is not visible').toEqual([]);
    expect(meter.mouseClicks, 'mouse clicks').toBe(0);
  });
});
