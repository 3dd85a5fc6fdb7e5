import { tryPortal } from '../../profiles/demo-crm/api/service.js';
import { expectSlaClock } from '../../profiles/demo-crm/checks/service-sla.js';
import { durationMs, firstResponseDue, reopenDeadline, resolutionDue, windowOf, type TimeWindow } from '../../profiles/demo-crm/domain/sla.js';
import { resolvedTicket } from '../../profiles/demo-crm/scenarios/service-tickets.js';
import { criteria, describeFlow, expect, test } from '../../profiles/demo-crm/test.js';
import { PortalTicketPage } from '../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { TicketPage } from '../../profiles/demo-crm/pages/tickets/ticket-page.js';

test.describe('Service ticket: reopening', { tag: '@service-ticket' }, () => {
  test.beforeEach(async () => {
    // several actors and pages per test: three times the default timeout on a busy machine
    test.slow();
    await describeFlow({ epic: 'Service ticket', feature: 'Reopen window', story: 'Customers reopen within 7 days of resolution', severity: 'critical', owner: 'qa-service', tags: ['service-ticket'] });
  });

  test('a customer reopens a ticket 6 days 23 hours after resolution and the SLA starts again', async ({ customer, supportAgent, data, clock }) => {
    await criteria('AC-SVC-09');
    const { ticket, resolvedAt } = await resolvedTicket({ customer, agent: supportAgent, data, clock, request: { priority: 'P3' } });
    const portal = customer.at(PortalTicketPage);
    const desk = supportAgent.at(TicketPage);

    await clock.advanceTo(resolvedAt + durationMs({ days: 6, hours: 23 }), customer, supportAgent);
    const reopened = await customer.step(`reopens ${ticket.number}, which had closed itself after 3 days`, () => clock.during(customer, async () => {
      await portal.open(ticket.id);
      await expect(portal.status).toHaveText('Closed');
      await portal.reopen();
      await expect(portal.status).toHaveText('Reopened');
      await expect(portal.toast.root).toContainText('reopened');
    }));

    await supportAgent.step(`sees ${ticket.number} Reopened with both SLA clocks restarted from the reopening`, async () => {
      await desk.open(ticket.id);
      await expect(desk.status).toHaveText('Reopened');
      await expect(desk.field('resolutionCode')).toHaveText('—');
      const from = (due: (start: number) => number): TimeWindow => windowOf(due(reopened.at.earliest), due(reopened.at.latest));
      const now = () => clock.now(supportAgent);
      await expectSlaClock(desk.sla, 'first-response', { state: 'On track', due: from((t) => firstResponseDue('P3', t)), now });
      await expectSlaClock(desk.sla, 'resolution', { state: 'On track', due: from((t) => resolutionDue('P3', t)), now });
    });
  });

  test('a customer cannot reopen a ticket more than 7 days after resolution, even from a page opened in time', async ({ customer, supportAgent, data, clock }) => {
    await criteria('AC-SVC-10');
    const { ticket, resolvedAt } = await resolvedTicket({ customer, agent: supportAgent, data, clock, request: { priority: 'P3' } });
    const portal = customer.at(PortalTicketPage);

    await clock.advanceTo(resolvedAt + durationMs({ days: 6 }), customer, supportAgent);
    await customer.step(`opens ${ticket.number} on day 6, when Reopen is still offered`, async () => {
      await portal.open(ticket.id);
      await expect(portal.status).toHaveText('Closed');
      await expect(portal.reopenButton).toBeVisible();
    });

    await clock.advanceTo(reopenDeadline(resolvedAt) + durationMs({ minutes: 5 }), customer, supportAgent);
    await customer.step('presses Reopen on the page left open past the 7-day window and is told to open a new ticket', async () => {
      await portal.reopen();
      await expect(portal.problem).toContainText('can no longer be reopened');
      await expect(portal.status).toHaveText('Closed');
      await expect(portal.reopenButton).toHaveCount(0);
    });

    await customer.step('cannot reopen it through the portal API either', async () => {
      const refused = await tryPortal(customer.api, 'POST', `/${ticket.id}/reopen`);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain('can no longer be reopened');
    });
  });
});
