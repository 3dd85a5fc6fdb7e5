import { portalTicketsMatching, takeTicket, ticketsMatching, tryPortal, tryTicket } from '../../profiles/demo-crm/api/service.js';
import { messageText } from '../../profiles/demo-crm/data/service-tickets.js';
import { openedTicket } from '../../profiles/demo-crm/scenarios/service-tickets.js';
import { criteria, describeFlow, expect, test } from '../../profiles/demo-crm/test.js';
import { PortalTicketPage } from '../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { PortalTicketsPage } from '../../profiles/demo-crm/pages/portal/portal-tickets-page.js';
import { TicketListPage } from '../../profiles/demo-crm/pages/tickets/ticket-list-page.js';
import { TicketPage } from '../../profiles/demo-crm/pages/tickets/ticket-page.js';

test.describe('Service ticket: who sees which ticket', { tag: '@service-ticket' }, () => {
  test.beforeEach(async () => {
    await describeFlow({ epic: 'Service ticket', feature: 'Ticket visibility', story: 'Tickets stay within the account and the assignee', severity: 'blocker', owner: 'qa-service', tags: ['service-ticket', 'permissions'] });
  });

  test('a customer of another account can neither list, open nor fetch the ticket', async ({ customer, customer2, data, clock }) => {
    test.setTimeout(180_000);
    await criteria('AC-SVC-12');
    const { ticket } = await openedTicket({ customer, data, clock });
    const ownList = customer.at(PortalTicketsPage);
    const otherList = customer2.at(PortalTicketsPage);

    await customer.step(`finds ${ticket.number} in the portal list of their own account`, async () => {
      await ownList.open();
      await ownList.search(data.tag);
      await expect(ownList.status(ticket.number)).toHaveText('New');
    });

    await customer2.step(`searches the portal for ${ticket.number} and its subject and finds nothing`, async () => {
      await otherList.open();
      await otherList.search(data.tag);
      await expect(otherList.row(ticket.number)).toHaveCount(0);
      expect(await otherList.table.totalCount()).toBe(0);
      await otherList.search(ticket.number);
      expect(await otherList.table.totalCount()).toBe(0);
    });

    await customer2.step(`opens ${ticket.number} by its address and is refused without seeing it`, async () => {
      const refused = customer2.at(PortalTicketPage);
      expect(await refused.visit(`/portal/tickets/${ticket.id}`)).toEqual({ outcome: 'denied', status: 403 });
      await expect(refused.mentions(ticket.subject)).toHaveCount(0);
    });

    await customer2.step(`asks the portal API for ${ticket.number}, to reply to it and to list it, and is refused every time`, async () => {
      for (const attempt of [tryPortal(customer2.api, 'GET', `/${ticket.id}`), tryPortal(customer2.api, 'POST', `/${ticket.id}/replies`, { body: messageText(data, 'customer') })]) {
        const answer = await attempt;
        expect(answer.status).toBe(403);
        expect(JSON.stringify(answer.body)).not.toContain(ticket.subject);
      }
      expect(await portalTicketsMatching(customer2.api, data.tag)).toEqual([]);
      expect((await portalTicketsMatching(customer.api, data.tag)).map((t) => t.number)).toEqual([ticket.number]);
    });
  });

  test('a support agent cannot see a colleague’s ticket until it is escalated to the team', async ({ customer, supportAgent, supportAgent2, supportManager, data, clock }) => {
    test.setTimeout(180_000);
    await criteria('AC-SVC-13');
    const { ticket } = await openedTicket({ customer, data, clock });
    const colleagueList = supportAgent2.at(TicketListPage);
    const colleagueDesk = supportAgent2.at(TicketPage);

    await supportAgent2.step(`sees ${ticket.number} in the queue while nobody has taken it`, async () => {
      await colleagueList.openView('Ticket queue');
      await colleagueList.search(ticket.number);
      await expect(colleagueList.status(ticket.number)).toHaveText('New');
    });

    await test.step(`Precondition: ${supportAgent.name} takes ${ticket.number} (API)`, () => takeTicket(supportAgent.api, ticket.id));

    await supportAgent2.step(`no longer finds ${ticket.number} in any list and is refused by address and by API`, async () => {
      await colleagueList.openView('Tickets');
      await colleagueList.search(ticket.number);
      expect(await colleagueList.table.totalCount()).toBe(0);
      expect(await colleagueDesk.visit(`/tickets/${ticket.id}`)).toEqual({ outcome: 'denied', status: 403 });
      const fetched = await tryTicket(supportAgent2.api, 'GET', `/${ticket.id}`);
      expect(fetched.status).toBe(403);
      expect(JSON.stringify(fetched.body)).not.toContain(ticket.subject);
      expect((await tryTicket(supportAgent2.api, 'POST', `/${ticket.id}/replies`, { body: messageText(data, 'reply') })).status).toBe(403);
      expect(await ticketsMatching(supportAgent2.api, ticket.number)).toEqual([]);
      expect((await ticketsMatching(supportAgent.api, ticket.number)).map((t) => t.number)).toEqual([ticket.number]);
    });

    await supportManager.step(`escalates ${ticket.number} to the support team`, async () => {
      const desk = supportManager.at(TicketPage);
      await desk.open(ticket.id);
      await desk.escalate();
      await expect(desk.status).toHaveText('Escalated');
    });

    await supportAgent2.step(`now finds the escalated ${ticket.number}, opens it and may work on it`, async () => {
      await colleagueList.openView('Tickets');
      await colleagueList.search(ticket.number);
      await expect(colleagueList.status(ticket.number)).toHaveText('Escalated');
      await colleagueList.openTicket(ticket.number);
      await expect(colleagueDesk.heading).toHaveText(ticket.subject);
      await expect(colleagueDesk.field('assignee')).toHaveText(supportAgent.displayName);
      await expect(colleagueDesk.replyBox).toBeVisible();
    });
  });
});
