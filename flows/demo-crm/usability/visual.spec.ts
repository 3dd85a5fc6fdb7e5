import type { AppShell } from '../../../profiles/demo-crm/pages/app-shell.js';
import { DashboardPage } from '../../../profiles/demo-crm/pages/dashboard-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LoginPage } from '../../../profiles/demo-crm/pages/login-page.js';
import { PortalTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { PortalTicketsPage } from '../../../profiles/demo-crm/pages/portal/portal-tickets-page.js';
import { QuotePage } from '../../../profiles/demo-crm/pages/quotes/quote-page.js';
import { TicketPage } from '../../../profiles/demo-crm/pages/tickets/ticket-page.js';
import { freshCrmFixture, type FreshCrm } from '../../../profiles/demo-crm/scenarios/fresh-crm.js';
import { visualSalesRecords, visualServiceRecords } from '../../../profiles/demo-crm/scenarios/visual-screens.js';
import { approvedLook, SCREEN_SIZES, withoutFaultBanner, type ScreenSize } from '../../../profiles/demo-crm/usability/visual.js';
import { criteria, describeFlow, expect, test, type Actor } from '../../../profiles/demo-crm/test.js';

const ALL_SIZES: readonly ScreenSize[] = ['desktop', 'tablet', 'phone'];

/**
 * Opens a screen at each size and compares it with its approved baseline `<name>-<size>.png`, with
 * the screen's dates and times masked. Soft, so one run shows every screen that changed.
 */
async function expectApprovedLook(actor: Actor, screen: { title: string; name: string; page: AppShell; open: () => Promise<void> }, sizes: readonly ScreenSize[]): Promise<void> {
  for (const size of sizes) {
    await actor.step(`sees ${screen.title} as approved on a ${size} (${SCREEN_SIZES[size].width} px wide)`, async () => {
      await actor.page.setViewportSize(SCREEN_SIZES[size]);
      await screen.open();
      await withoutFaultBanner(actor.page);
      await expect.soft(actor.page, `${screen.title} on a ${size}`).toHaveScreenshot(`${screen.name}-${size}.png`, approvedLook([screen.page.moments]));
    });
  }
}

/** A CRM of the test's own (fresh, so the dashboard and lists show known figures), on a port of the visual range. */
const visualTest = test.extend<{ ownFreshCrm: FreshCrm }>({
  ownFreshCrm: freshCrmFixture('visual', 'visual'),
});

test.describe('Key screens look as approved, on a desktop, a tablet and a phone', { tag: ['@usability', '@visual'] }, () => {
  test.beforeEach(async () => {
    // the business screens start a CRM of their own and draw up to nine full pages
    test.slow();
    await describeFlow({ epic: 'Usability', feature: 'Visual baselines', story: 'Key screens look as approved', severity: 'normal', owner: 'qa-usability', tags: ['usability', 'layout', 'visual'] });
    await criteria('AC-USE-13', 'AC-USE-15');
  });

  test('the sign-in page looks as approved on a desktop, a tablet and a phone', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const login = new LoginPage(await context.newPage());
      for (const size of ALL_SIZES) {
        await test.step(`A visitor sees the sign-in page as approved on a ${size} (${SCREEN_SIZES[size].width} px wide)`, async () => {
          await login.page.setViewportSize(SCREEN_SIZES[size]);
          await login.goto();
          await withoutFaultBanner(login.page);
          await expect.soft(login.page, `sign-in page on a ${size}`).toHaveScreenshot(`sign-in-${size}.png`, approvedLook([]));
        });
      }
    } finally {
      await context.close();
    }
  });

  visualTest('a sales rep\'s dashboard, a lead and a quote with its lines look as approved; the dashboard and the quote also on a tablet and a phone', async ({ ownFreshCrm: own }) => {
    const rep = await own.actor('salesRep');
    const { lead, quote } = await visualSalesRecords(await own.actor('admin'), rep);
    const dashboard = rep.at(DashboardPage);
    const leadPage = rep.at(LeadDetailPage);
    const quotePage = rep.at(QuotePage);

    await expectApprovedLook(rep, { title: 'the dashboard', name: 'sales-rep-dashboard', page: dashboard, open: () => dashboard.open() }, ALL_SIZES);
    await expectApprovedLook(rep, { title: 'the lead', name: 'lead-detail', page: leadPage, open: () => leadPage.open(lead.id) }, ['desktop']);
    await expectApprovedLook(rep, { title: 'the quote with its lines and totals', name: 'quote-detail', page: quotePage, open: () => quotePage.open(quote.id) }, ALL_SIZES);
  });

  visualTest('a support agent\'s ticket, and the customer\'s ticket list and ticket in the portal, look as approved; the portal list also on a tablet and a phone', async ({ ownFreshCrm: own }) => {
    const agent = await own.actor('supportAgent');
    const customer = await own.actor('customer');
    const ticket = await visualServiceRecords(customer, agent);
    const ticketPage = agent.at(TicketPage);
    const portal = customer.at(PortalTicketsPage);
    const portalTicket = customer.at(PortalTicketPage);

    await expectApprovedLook(agent, { title: 'the ticket with its conversation, internal note and SLA', name: 'ticket-detail', page: ticketPage, open: () => ticketPage.open(ticket.id) }, ['desktop']);
    await expectApprovedLook(customer, { title: 'the portal\'s ticket list', name: 'portal-tickets', page: portal, open: () => portal.open() }, ALL_SIZES);
    await expectApprovedLook(customer, { title: 'the ticket in the portal, with the public conversation only', name: 'portal-ticket', page: portalTicket, open: () => portalTicket.open(ticket.id) }, ['desktop']);
  });
});
