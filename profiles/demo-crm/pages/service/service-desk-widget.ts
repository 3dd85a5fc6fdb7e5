import type { Locator, Page } from '@playwright/test';

/** The "Service desk" widget of the staff dashboard. */
export class ServiceDeskWidget {
  readonly root: Locator;
  readonly closedTickets: Locator;
  readonly averageSatisfaction: Locator;
  readonly breaches: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Service desk', exact: true });
    this.closedTickets = this.root.getByTestId('metric-tickets-closed');
    this.averageSatisfaction = this.root.getByTestId('metric-avg-satisfaction');
    this.breaches = this.root.getByTestId('metric-sla-breaches');
  }

  openByPriority(priority: 'P1' | 'P2' | 'P3' | 'P4'): Locator {
    return this.root.getByTestId(`metric-tickets-open-${priority.toLowerCase()}`);
  }

  /** What the widget says: closed count, "4.3 / 5" and how many ratings that average is over. */
  async readings(): Promise<{ closed: number; average: string; rated: number }> {
    const closed = Number((await this.closedTickets.innerText()).trim());
    const average = (await this.averageSatisfaction.innerText()).trim();
    const label = await this.root.getByRole('term').filter({ hasText: /^Average satisfaction/ }).innerText();
    const rated = /\((\d+) rated\)/.exec(label)?.[1];
    if (rated === undefined) throw new Error(`The satisfaction metric does not say how many tickets were rated ("${label}")`);
    return { closed, average, rated: Number(rated) };
  }
}
