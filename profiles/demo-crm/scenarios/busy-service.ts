import { test } from '@playwright/test';
import type { Actor } from '../actor.js';
import {
  confirmResolution, createStaffTicket, openPortalTicket, rateTicket, replyPublicly, resolveTicket, takeTicket, ticketStep,
  type Ticket,
} from '../api/service.js';
import type { TestData } from '../data/test-data.js';

/**
 * A service desk with a ticket in every box the dashboards count, set up through the API by the
 * people who would do it: closed and rated tickets (confirmed, and closed automatically), an
 * unanswered P1 that has escalated itself, a breached P2, the queue, a pending ticket and a manager's
 * escalation, spread over two agents and two customers, with ratings whose averages differ per reader
 * (one of them an exact half, to show the rounding).
 */
export interface ServiceParties { agent: Actor; agent2: Actor; manager: Actor; customer: Actor; customer2: Actor }

export interface BusyService {
  /** an open ticket on the given account, worked by the first agent */
  onAccount: Ticket | undefined;
  tickets: Ticket[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Answered, resolved, confirmed by the customer and rated. */
async function ratedTicket(agent: Actor, customer: Actor, t: Ticket, rating: number): Promise<Ticket> {
  await takeTicket(agent.api, t.id);
  await replyPublicly(agent.api, t.id, 'Fixed on our side; please confirm.');
  await resolveTicket(agent.api, t.id, 'Fixed');
  await confirmResolution(customer.api, t.id);
  await rateTicket(customer.api, t.id, rating);
  return t;
}

export function busyService(p: ServiceParties, data: TestData, o: { openTicketOn?: number } = {}): Promise<BusyService> {
  return test.step('Given a busy service desk: rated, auto-closed, escalated, breached, queued and pending tickets (by API, as each role)', async () => {
    const portal = (customer: Actor, priority: 'P1' | 'P2' | 'P3' | 'P4', offsetMs = 0) =>
      openPortalTicket(customer.api.withClockOffset(offsetMs), data.ticket({ priority }));
    const tickets: Ticket[] = [];

    tickets.push(await ratedTicket(p.agent, p.customer, await portal(p.customer, 'P2'), 5));
    // resolved four days ago and never confirmed: closed automatically after three days, then rated
    const late = await portal(p.customer, 'P3', -5 * DAY_MS);
    await takeTicket(p.agent.api.withClockOffset(-5 * DAY_MS), late.id);
    await replyPublicly(p.agent.api.withClockOffset(-5 * DAY_MS), late.id, 'Looking into it.');
    await resolveTicket(p.agent.api.withClockOffset(-4 * DAY_MS), late.id, 'Workaround');
    await rateTicket(p.customer.api, late.id, 2);
    tickets.push(late);

    // unanswered for three hours: escalated by the clock and in breach
    tickets.push(await portal(p.customer2, 'P1', -3 * HOUR_MS));
    const globex = tickets[2]!.account.id;
    const breached = await createStaffTicket(p.agent2.api.withClockOffset(-2 * DAY_MS), globex, data.ticket({ priority: 'P2', channel: 'phone' }));
    await takeTicket(p.agent2.api.withClockOffset(-2 * DAY_MS), breached.id);
    tickets.push(breached);
    tickets.push(await createStaffTicket(p.agent.api, tickets[0]!.account.id, data.ticket({ priority: 'P4', channel: 'email' })));

    const pending = await portal(p.customer2, 'P3');
    await takeTicket(p.agent2.api, pending.id);
    await ticketStep(p.agent2.api, pending.id, 'pending');
    tickets.push(pending);
    tickets.push(await ratedTicket(p.agent2, p.customer2, await portal(p.customer2, 'P2'), 4));
    const escalated = await portal(p.customer, 'P3');
    await takeTicket(p.agent.api, escalated.id);
    await ticketStep(p.manager.api, escalated.id, 'escalate');
    tickets.push(escalated);

    let onAccount: Ticket | undefined;
    if (o.openTicketOn !== undefined) {
      onAccount = await createStaffTicket(p.agent.api, o.openTicketOn, data.ticket({ priority: 'P3', channel: 'phone' }));
      await takeTicket(p.agent.api, onAccount.id);
      tickets.push(onAccount);
    }
    return { onAccount, tickets };
  }, { box: true });
}
