import { staffTicket } from '../../profiles/demo-crm/api/service.js';
import { autoCloseAt, durationMs } from '../../profiles/demo-crm/domain/sla.js';
import { resolvedTicket } from '../../profiles/demo-crm/scenarios/service-tickets.js';
import { criteria, describeFlow, expect, test } from '../../profiles/demo-crm/test.js';
import { PortalTicketPage } from '../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { TicketPage } from '../../profiles/demo-crm/pages/tickets/ticket-page.js';

test.describe('Service ticket: automatic close', { tag: '@service-ticket' }, () => {
  test('a resolved ticket the customer does not confirm closes itself 3 days after resolution', async ({ customer, supportAgent, data, clock }) => {
    test.slow(); // several actors and pages: three times the default timeout on a busy machine
    await describeFlow({ epic: 'Service ticket', feature: 'Automatic close', story: 'Unconfirmed resolutions close after 3 days', severity: 'normal', owner: 'qa-service', tags: ['service-ticket'] });
    await criteria('AC-SVC-11');
    const { ticket: resolved, resolvedAt } = await resolvedTicket({ customer, agent: supportAgent, data, clock });
    const portal = customer.at(PortalTicketPage);
    const desk = supportAgent.at(TicketPage);
    const closesAt = autoCloseAt(resolvedAt);

    await clock.advanceTo(closesAt - durationMs({ minutes: 10 }), customer, supportAgent);
    await customer.step(`still finds ${resolved.number} Resolved ten minutes before 3 days have passed, with the automatic close explained`, async () => {
      await portal.open(resolved.id);
      await expect(portal.status).toHaveText('Resolved');
      await expect(portal.confirmButton).toBeVisible();
      await expect(portal.autoCloseNote).toContainText('3 days');
    });

    await clock.advanceTo(closesAt + durationMs({ minutes: 5 }), customer, supportAgent);
    await customer.step(`finds ${resolved.number} Closed five minutes after 3 days, and may now rate it`, async () => {
      await portal.open(resolved.id);
      await expect(portal.status).toHaveText('Closed');
      await expect(portal.confirmButton).toHaveCount(0);
      await expect(portal.ratingForm).toBeVisible();
    });

    await supportAgent.step(`sees ${resolved.number} closed automatically at the moment 3 days after resolution`, async () => {
      await desk.open(resolved.id);
      await expect(desk.status).toHaveText('Closed');
      await expect(desk.field('closed')).toContainText('(automatically)');
      expect(new Date(await desk.closedAt()).toISOString(), 'closed at resolution + 3 days').toBe(new Date(closesAt).toISOString());
      const closed = await staffTicket(supportAgent.api, resolved.id);
      expect([closed.status, closed.closeReason, closed.closedAt]).toEqual(['Closed', 'auto', new Date(closesAt).toISOString()]);
    });
  });
});
