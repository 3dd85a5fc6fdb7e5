import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';

/**
 * The support manager's SLA board (/service/sla): summary counts, the tickets in breach, every open
 * ticket by next due time, and the load per agent.
 */
export class SlaBoardPage extends AppShell {
  readonly breaches = this.page.getByRole('table', { name: 'SLA breaches', exact: true });
  readonly openTickets = this.page.getByRole('table', { name: 'Open tickets by next due time', exact: true });
  readonly agentLoad = this.page.getByRole('table', { name: 'Agent load', exact: true });
  readonly breachCount = this.page.getByTestId('board-breach-count');
  readonly firstResponseBreachCount = this.page.getByTestId('board-first-response-breaches');

  /** From the ticket list, as a manager does. */
  async open(): Promise<void> {
    await this.goto('/tickets');
    await this.page.getByRole('main').getByRole('link', { name: 'SLA board', exact: true }).click();
    await this.heading.filter({ hasText: 'SLA board' }).waitFor();
  }

  /** By its address, as a manager's bookmark does. */
  async openByAddress(): Promise<void> {
    await this.goto('/service/sla');
  }

  /** The summary's counts as shown, by test id (board-open-count, board-open-p1 …, board-breach-count …). */
  async summary(): Promise<Map<string, string>> {
    return this.textsByTestId(this.page.getByTestId('board-summary'), 'board-');
  }

  breachRow(number: string): Locator {
    return this.breaches.getByRole('row').filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  }

  openRow(number: string): Locator {
    return this.openTickets.getByRole('row').filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  }

  /** The first-response / resolution clock badge of a ticket (the same in both tables). */
  clockState(number: string, clock: 'first-response' | 'resolution'): Locator {
    return this.breachRow(number).or(this.openRow(number)).first().getByTestId(`board-${clock}-${number}`);
  }

  /** The next due time the board counts down to for a ticket (epoch ms, from its datetime). */
  async nextDueAt(number: string): Promise<number> {
    const iso = await this.breachRow(number).or(this.openRow(number)).first().locator('time').getAttribute('datetime');
    if (iso === null) throw new Error(`The SLA board shows no due time for ${number}`);
    return Date.parse(iso);
  }

  /** A ticket's status as the breach table shows it. */
  breachStatus(number: string): Locator {
    return this.breaches.getByTestId(`board-status-${number}`);
  }

  /** Open tickets assigned to an agent ("Unassigned" for the queue), as a number. */
  async openLoadOf(agentName: string): Promise<number> {
    const row = this.agentLoad.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: agentName, exact: true }) });
    return Number((await row.getByRole('cell').first().innerText()).trim());
  }

  async openTicket(number: string): Promise<void> {
    await this.breachRow(number).or(this.openRow(number)).first().getByRole('link', { name: number, exact: true }).click();
    await this.heading.waitFor();
  }
}
