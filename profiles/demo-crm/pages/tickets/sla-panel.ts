import type { Locator, Page } from '@playwright/test';

export type SlaClock = 'first-response' | 'resolution';

/**
 * The SLA panel of the staff ticket page: per clock a state badge (On track, Paused, Met,
 * Breached), the due time (`<time datetime>`, full precision) and the live countdown.
 */
export class SlaPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'SLA', exact: true });
  }

  state(clock: SlaClock): Locator {
    return this.root.getByTestId(`sla-${clock}`);
  }

  due(clock: SlaClock): Locator {
    return this.root.getByTestId(`sla-${clock}-due`);
  }

  countdown(clock: SlaClock): Locator {
    return this.root.getByTestId(`sla-${clock}-remaining`);
  }

  /** The due time as an instant (epoch ms), read from the machine-readable datetime. */
  async dueAt(clock: SlaClock): Promise<number> {
    const iso = await this.due(clock).getAttribute('datetime');
    const ms = iso === null ? NaN : Date.parse(iso);
    if (Number.isNaN(ms)) throw new Error(`The ${clock} due time has no valid datetime (got ${iso})`);
    return ms;
  }

  async countdownText(clock: SlaClock): Promise<string> {
    return (await this.countdown(clock).innerText()).trim();
  }
}
