import { auditTrailOf } from '../../profiles/demo-crm/api/audit-log.js';
import { portalTicket, staffTicket } from '../../profiles/demo-crm/api/service.js';
import { serviceDeskFromRecords } from '../../profiles/demo-crm/checks/service-dashboard.js';
import { expectPausedCountdown, expectSlaClock } from '../../profiles/demo-crm/checks/service-sla.js';
import { messageText, ticketRequest } from '../../profiles/demo-crm/data/service-tickets.js';
import { exactly, firstResponseDue, resolutionDue, resolutionDueWindow, windowOf } from '../../profiles/demo-crm/domain/sla.js';
import { auditNameOf, criteria, describeFlow, eventually, expect, test } from '../../profiles/demo-crm/test.js';
import { AuditLogPage } from '../../profiles/demo-crm/pages/audit-log-page.js';
import { DashboardPage } from '../../profiles/demo-crm/pages/dashboard-page.js';
import { PortalTicketPage } from '../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { PortalTicketsPage } from '../../profiles/demo-crm/pages/portal/portal-tickets-page.js';
import { ServiceDeskWidget } from '../../profiles/demo-crm/pages/service/service-desk-widget.js';
import { TicketListPage } from '../../profiles/demo-crm/pages/tickets/ticket-list-page.js';
import { TicketPage } from '../../profiles/demo-crm/pages/tickets/ticket-page.js';

test.describe('Service ticket', { tag: '@service-ticket' }, () => {
  test('a customer’s P2 ticket goes from the portal through support to a confirmed, rated closure', async ({ customer, supportAgent, supportManager, auditor, data, clock }) => {
    test.setTimeout(300_000);
    await describeFlow({ epic: 'Service ticket', feature: 'Main flow', story: 'Portal ticket to confirmed closure, with an SLA pause', severity: 'blocker', owner: 'qa-service', tags: ['service-ticket'] });
    await criteria('AC-SVC-01', 'AC-SVC-02', 'AC-SVC-03', 'AC-SVC-04', 'AC-SVC-05', 'AC-SVC-06');

    const request = ticketRequest(data, { priority: 'P2' });
    const reply = messageText(data, 'reply');
    const note = messageText(data, 'note');
    const answer = messageText(data, 'customer');
    const rating = data.faker.number.int({ min: 1, max: 5 });
    const portalList = customer.at(PortalTicketsPage);
    const portalTicketPage = customer.at(PortalTicketPage);
    const queue = supportAgent.at(TicketListPage);
    const desk = supportAgent.at(TicketPage);
    const everyone = [customer, supportAgent, supportManager, auditor];

    const opened = await customer.step(`opens a P2 ticket in the portal: "${request.subject}"`, () => clock.during(customer, async () => {
      await portalList.open();
      const form = await portalList.startNewTicket();
      await form.submit(request);
      await expect(portalTicketPage.heading).toHaveText(request.subject);
      await expect(portalTicketPage.status).toHaveText('New');
      await expect(portalTicketPage.conversation.description).toContainText(request.description.split('\n').at(-1) ?? '');
      return form.createdTicketId();
    }));
    const id = opened.value;
    const number = (await portalTicket(customer.api, id)).number;

    const created = await supportAgent.step(`finds ${number} in the support queue as New, with due times from the SLA table`, async () => {
      await queue.openView('Ticket queue');
      await queue.search(number);
      await expect(queue.status(number)).toHaveText('New');
      await expect(queue.slaState(number)).toHaveText('On track');
      await queue.openTicket(number);
      const created = await desk.createdAt();
      expect(created, 'created while the customer submitted').toBeGreaterThanOrEqual(opened.at.earliest);
      expect(created).toBeLessThanOrEqual(opened.at.latest);
      const now = () => clock.now(supportAgent);
      await expectSlaClock(desk.sla, 'first-response', { state: 'On track', due: exactly(firstResponseDue('P2', created)), now });
      await expectSlaClock(desk.sla, 'resolution', { state: 'On track', due: exactly(resolutionDue('P2', created)), now });
      return created;
    });

    await supportAgent.step('takes the ticket, replies to the customer and adds an internal note', async () => {
      await desk.take();
      await expect(desk.status).toHaveText('Open');
      await expect(desk.field('assignee')).toHaveText(supportAgent.displayName);
      await desk.replyToCustomer(reply);
      await desk.addInternalNote(note);
      await expect(desk.conversation.kindOf(reply)).toHaveText('Public reply');
      await expect(desk.conversation.kindOf(note)).toHaveText('Internal note');
      await expect(desk.conversation.message(note)).toContainText(supportAgent.displayName);
      await expect(desk.sla.state('first-response')).toHaveText('Met');
    });

    await customer.step('reads the agent’s reply in the portal and never sees the internal note', async () => {
      await portalTicketPage.open(id);
      await expect(portalTicketPage.status).toHaveText('Open');
      await expect(portalTicketPage.field('assignee')).toHaveText(supportAgent.displayName);
      await expect(portalTicketPage.conversation.kindOf(reply)).toHaveText('Public reply');
      await expect(portalTicketPage.conversation.message(reply)).toContainText(supportAgent.displayName);
      await expect(portalTicketPage.conversation.message(note)).toHaveCount(0);
      await expect(portalTicketPage.conversation.internalNotes).toHaveCount(0);
      await expect(portalTicketPage.mentions(note.slice(0, 40))).toHaveCount(0);
      const seen = await portalTicket(customer.api, id);
      expect(seen.messages.map((m) => m.kind), 'the portal API carries public replies only').toEqual(['public']);
      expect(JSON.stringify(seen)).not.toContain(note.slice(0, 40));
    });

    const pending = await supportAgent.step('sets the ticket to Pending customer: the resolution clock pauses', () => clock.during(supportAgent, async () => {
      await desk.open(id);
      await desk.setPendingCustomer();
      await expect(desk.status).toHaveText('Pending customer');
    }));
    // While paused, what is left stays what was left when the pause began.
    const leftAtPause = windowOf(resolutionDue('P2', created) - pending.at.latest, resolutionDue('P2', created) - pending.at.earliest);

    await clock.advance({ hours: 6 }, ...everyone);
    await supportAgent.step('checks after 6 hours pending that no resolution time was used up', async () => {
      await desk.open(id);
      await expect(desk.status).toHaveText('Pending customer');
      await expect(desk.sla.state('resolution')).toHaveText('Paused');
      await expectPausedCountdown(desk.sla, 'resolution', leftAtPause);
    });

    const answered = await customer.step('answers the agent in the portal: the ticket returns to Open', () => clock.during(customer, async () => {
      await portalTicketPage.open(id);
      await expect(portalTicketPage.status).toHaveText('Pending customer');
      await portalTicketPage.reply(answer);
      await expect(portalTicketPage.status).toHaveText('Open');
      await expect(portalTicketPage.conversation.message(answer)).toContainText('You');
    }));

    await supportAgent.step('sees the resolution due time moved by exactly the time spent pending', async () => {
      await desk.open(id);
      await expect(desk.status).toHaveText('Open');
      await expect(desk.conversation.message(answer)).toBeVisible();
      const due = resolutionDueWindow('P2', created, [{ from: pending.at, to: answered.at }]);
      await expectSlaClock(desk.sla, 'resolution', { state: 'On track', due, now: () => clock.now(supportAgent) });
    });

    await supportAgent.step('resolves the ticket with resolution code Fixed', async () => {
      await desk.resolve('Fixed');
      await expect(desk.status).toHaveText('Resolved');
      await expect(desk.field('resolutionCode')).toHaveText('Fixed');
    });

    await customer.step(`confirms the resolution and rates the support ${rating} of 5`, async () => {
      await portalTicketPage.open(id);
      await expect(portalTicketPage.status).toHaveText('Resolved');
      await portalTicketPage.confirmResolution();
      await expect(portalTicketPage.status).toHaveText('Closed');
      await portalTicketPage.rate(rating);
      await expect(portalTicketPage.field('satisfaction')).toHaveText(`${rating} of 5`);
      await expect(portalTicketPage.ratingForm).toHaveCount(0);
    });

    await supportManager.step('sees the closed count and the average satisfaction on the dashboard agree with the tickets', async () => {
      const closedTicket = await staffTicket(supportManager.api, id);
      expect([closedTicket.status, closedTicket.closeReason, closedTicket.satisfaction]).toEqual(['Closed', 'confirmed', rating]);
      const dashboard = supportManager.at(DashboardPage);
      const widget = new ServiceDeskWidget(supportManager.page);
      // Other tests close and rate tickets meanwhile: read the screen and the records until one pair agrees.
      await eventually(async () => {
        await dashboard.open();
        expect(await widget.readings()).toEqual(await serviceDeskFromRecords(supportManager.api));
      }, { timeout: 30_000, message: 'the service desk widget agrees with the ticket records' });
    });

    await auditor.step('reads every step of the ticket, with its actor, in the audit log', async () => {
      const log = auditor.at(AuditLogPage);
      await log.goto('/');
      await log.open();
      await log.showRecord('ticket', id);
      await log.table.sortBy('When', 'ascending');
      const [cust, agent] = [auditNameOf(customer), auditNameOf(supportAgent)];
      const steps = [[cust, 'create'], [agent, 'update'], [agent, 'reply'], [agent, 'internal_note'], [agent, 'update'], [cust, 'reply'], [agent, 'update'], [cust, 'update'], [cust, 'rate']];
      const actors = await log.table.columnValues('Actor');
      const actions = await log.table.columnValues('Action');
      expect(actors.map((actor, i) => [actor, actions[i]])).toEqual(steps);
      const statuses = (await auditTrailOf(auditor.api, 'ticket', id)).flatMap((e) => (e.changes?.status ? [e.changes.status.to] : []));
      expect(statuses).toEqual(['Open', 'Pending customer', 'Open', 'Resolved', 'Closed']);
    });
  });
});
