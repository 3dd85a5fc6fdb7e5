import { slaBoardTickets, staffTicket } from '../../profiles/demo-crm/api/service.js';
import { expectSlaClock } from '../../profiles/demo-crm/checks/service-sla.js';
import { messageText } from '../../profiles/demo-crm/data/service-tickets.js';
import { durationMs, exactly, firstResponseDue, resolutionDue } from '../../profiles/demo-crm/domain/sla.js';
import { openedTicket } from '../../profiles/demo-crm/scenarios/service-tickets.js';
import { criteria, describeFlow, expect, test } from '../../profiles/demo-crm/test.js';
import { NotificationsPage } from '../../profiles/demo-crm/pages/notifications-page.js';
import { SlaBoardPage } from '../../profiles/demo-crm/pages/service/sla-board-page.js';
import { TicketListPage } from '../../profiles/demo-crm/pages/tickets/ticket-list-page.js';
import { TicketPage } from '../../profiles/demo-crm/pages/tickets/ticket-page.js';

test.describe('Service ticket: P1 escalation', { tag: '@service-ticket' }, () => {
  test('an unanswered P1 escalates itself at its first-response due time; the manager hands it to a second agent who resolves it', async ({ customer, supportAgent2, supportManager, data, clock }) => {
    test.setTimeout(240_000);
    await describeFlow({ epic: 'Service ticket', feature: 'SLA escalation', story: 'P1 without first response escalates and is reassigned', severity: 'critical', owner: 'qa-service', tags: ['service-ticket'] });
    await criteria('AC-SVC-07', 'AC-SVC-08');

    const answer = messageText(data, 'reply');
    const board = supportManager.at(SlaBoardPage);
    const managerDesk = supportManager.at(TicketPage);
    const secondDesk = supportAgent2.at(TicketPage);
    const scene = [customer, supportAgent2, supportManager];

    const { ticket: { id, number }, createdAt: created } = await openedTicket({ customer, data, clock, request: { priority: 'P1' } });
    const dueFirst = firstResponseDue('P1', created);

    await clock.advanceTo(dueFirst - durationMs({ minutes: 2 }), ...scene);
    await supportManager.step(`sees ${number} on the SLA board still within its first-response time, two minutes before it is due`, async () => {
      await board.open();
      await expect(board.openRow(number)).toBeVisible();
      await expect(board.clockState(number, 'first-response')).toHaveText('On track');
      await expect(board.breachRow(number)).toHaveCount(0);
      expect(new Date(await board.nextDueAt(number)).toISOString(), 'next due: the first response, 1 hour after creation').toBe(new Date(dueFirst).toISOString());
    });

    await clock.advanceTo(dueFirst + durationMs({ minutes: 1 }), ...scene);
    await supportManager.step(`sees ${number} escalated and flagged as a first-response breach one minute after its due time`, async () => {
      await board.open();
      await expect(board.breachRow(number)).toBeVisible();
      await expect(board.breachStatus(number)).toHaveText('Escalated');
      await expect(board.clockState(number, 'first-response')).toHaveText('Breached');
      await board.openTicket(number);
      await expect(managerDesk.status).toHaveText('Escalated');
      await expectSlaClock(managerDesk.sla, 'first-response', { state: 'Breached', due: exactly(dueFirst), now: () => clock.now(supportManager) });
    });

    await supportManager.step(`finds a notification that ${number} escalated automatically`, async () => {
      const inbox = supportManager.at(NotificationsPage);
      await inbox.open();
      await expect(inbox.item(number)).toContainText('escalated automatically');
      await expect(inbox.item(number)).toHaveCount(1);
    });

    await supportManager.step(`reassigns ${number} to ${supportAgent2.displayName}`, async () => {
      await managerDesk.open(id);
      await managerDesk.reassignTo(supportAgent2.displayName);
      await expect(managerDesk.field('assignee')).toHaveText(supportAgent2.displayName);
      await expect(managerDesk.status).toHaveText('Escalated');
    });

    await supportAgent2.step(`finds ${number} in My tickets, answers the customer and resolves it with Workaround`, async () => {
      const mine = supportAgent2.at(TicketListPage);
      await mine.openView('My tickets');
      await mine.search(number);
      await expect(mine.status(number)).toHaveText('Escalated');
      await mine.openTicket(number);
      await secondDesk.replyToCustomer(answer);
      await expect(secondDesk.sla.state('first-response')).toHaveText('Breached');
      await secondDesk.resolve('Workaround');
      await expect(secondDesk.status).toHaveText('Resolved');
      await expect(secondDesk.field('resolutionCode')).toHaveText('Workaround');
      await expect(secondDesk.sla.state('resolution')).toHaveText('Met');
    });

    await test.step(`Afterwards: ${number} has left the SLA board, its first response breached and its resolution met (API)`, async () => {
      const onBoard = await slaBoardTickets(supportManager.api);
      expect(onBoard.open).not.toContain(number);
      expect(onBoard.breaches).not.toContain(number);
      const resolved = await staffTicket(supportManager.api, id);
      expect(resolved.assignee?.name).toBe(supportAgent2.displayName);
      expect(Date.parse(resolved.sla.resolution.dueAt)).toBe(resolutionDue('P1', created));
      expect([resolved.sla.firstResponse.breached, resolved.sla.resolution.breached]).toEqual([true, false]);
    });
  });
});
