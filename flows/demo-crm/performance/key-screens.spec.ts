import { ReferenceVolume } from '../../../profiles/demo-crm/domain/reference-volume.js';
import { AccountListPage } from '../../../profiles/demo-crm/pages/accounts/account-list-page.js';
import { DashboardPage } from '../../../profiles/demo-crm/pages/dashboard-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { OpportunityListPage } from '../../../profiles/demo-crm/pages/opportunities/opportunity-list-page.js';
import { PortalTicketsPage } from '../../../profiles/demo-crm/pages/portal/portal-tickets-page.js';
import { ServiceDeskWidget } from '../../../profiles/demo-crm/pages/service/service-desk-widget.js';
import { TicketListPage } from '../../../profiles/demo-crm/pages/tickets/ticket-list-page.js';
import { MEASURING_TRACE, SAMPLES } from '../../../profiles/demo-crm/performance/screen-timer.js';
import { onVolumeCrm } from '../../../profiles/demo-crm/performance/timed-crm.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** The reference volume of AC-PERF-01 and AC-PERF-05: 10,000 of every object. */
const VOLUME = new ReferenceVolume(10_000);
const times = `${SAMPLES + 1} times (the first warms up)`;

test.use({ trace: MEASURING_TRACE });

test.describe('Performance: the key screens at the reference volume', { tag: '@performance' }, () => {
  test('the lists, the ticket queue, the portal and the dashboards are timed in the browser and show every record of the reader', async ({ browser, data }) => {
    test.setTimeout(240_000);
    await describeFlow({ epic: 'Performance', feature: 'Response-time budgets', story: 'Lists and dashboards with 10,000 records of each object', severity: 'normal', owner: 'qa-performance', tags: ['performance'] });
    await criteria('AC-PERF-01', 'AC-PERF-05');
    const volume = VOLUME.describe();

    await onVolumeCrm(browser, { name: `perf-screens-${data.tag}`, volume: { records: VOLUME.n }, described: volume }, async ({ cast, timer }) => {
      const rep = await cast.get('salesRep');
      const leads = rep.at(LeadListPage);
      await rep.step(`opens the Leads list ${times}`, () => timer.time(rep, { screen: 'leads list', criterion: 'AC-PERF-01', volume, act: () => leads.open(), content: leads.table.table }));
      expect(await leads.table.totalCount(), "the rep's leads: 3 of the seed data and every even bulk run").toBe(VOLUME.ownedBy('rep.li', 'leads'));

      const accounts = rep.at(AccountListPage);
      await rep.step(`opens the Accounts list ${times}`, () => timer.time(rep, { screen: 'accounts list', criterion: 'AC-PERF-01', volume, act: () => accounts.open(), content: accounts.table.table }));
      expect(await accounts.table.totalCount(), "the rep's accounts").toBe(VOLUME.ownedBy('rep.li', 'accounts'));

      const opportunities = rep.at(OpportunityListPage);
      await rep.step(`opens the Opportunities list ${times}`, () => timer.time(rep, { screen: 'opportunities list', criterion: 'AC-PERF-01', volume, act: () => opportunities.open(), content: opportunities.table.table }));
      expect(await opportunities.table.totalCount(), "the rep's opportunities").toBe(VOLUME.ownedBy('rep.li', 'opportunities'));

      const supportManager = await cast.get('supportManager');
      const allTickets = supportManager.at(TicketListPage);
      await supportManager.step(`opens the Tickets list ${times}`, () => timer.time(supportManager, { screen: 'tickets list', criterion: 'AC-PERF-01', volume, act: () => allTickets.openView('Tickets'), content: allTickets.table.table }));
      expect(await allTickets.table.totalCount(), 'every ticket: the support manager sees them all').toBe(VOLUME.tickets());

      const agent = await cast.get('supportAgent');
      const queue = agent.at(TicketListPage);
      await agent.step(`opens the Ticket queue ${times}`, () => timer.time(agent, { screen: 'ticket queue', criterion: 'AC-PERF-01', volume, act: () => queue.openView('Ticket queue'), content: () => queue.table.table }));
      expect(await queue.table.totalCount(), 'the queue: every New, unassigned ticket').toBe(VOLUME.queuedTickets());

      const customer = await cast.get('customer');
      const portal = customer.at(PortalTicketsPage);
      await customer.step(`opens the portal's ticket list ${times}`, () => timer.time(customer, { screen: 'portal ticket list', criterion: 'AC-PERF-01', volume, act: () => portal.open(), content: portal.table.table }));
      expect(await portal.table.totalCount(), "the tickets of the customer's own account").toBe(VOLUME.portalTicketsOfAcme());

      const salesManager = await cast.get('salesManager');
      const salesDashboard = salesManager.at(DashboardPage);
      await salesManager.step(`opens the dashboard ${times}`, () => timer.time(salesManager, { screen: 'sales dashboard', criterion: 'AC-PERF-05', volume, act: () => salesDashboard.open(), content: salesDashboard.widget('Pipeline by stage') }));
      expect((await salesDashboard.readings()).find((m) => m.id === 'pipeline-total')?.label, "the team's open pipeline counts every open opportunity").toBe(`Open pipeline (${VOLUME.openOpportunities()})`);

      const serviceDashboard = supportManager.at(DashboardPage);
      const serviceDesk = supportManager.at(ServiceDeskWidget);
      await supportManager.step(`opens the dashboard ${times}`, () => timer.time(supportManager, { screen: 'service dashboard', criterion: 'AC-PERF-05', volume, act: () => serviceDashboard.open(), content: serviceDesk.root }));
      await expect(serviceDesk.closedTickets, 'the closed tickets: every bulk ticket not in the queue').toHaveText(String(VOLUME.closedTickets()));
    });
  });
});
