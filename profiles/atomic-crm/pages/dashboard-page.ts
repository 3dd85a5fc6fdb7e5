import type { Locator } from '@playwright/test';
import { AppShell } from './app-shell.js';
import { STARTUP_TIMEOUT_MS } from './startup.js';

/** The landing screen: Hot Contacts, Upcoming Deal Revenue, Latest Activity and Upcoming Tasks. */
export class DashboardPage extends AppShell {
  // page-relative: also used inside filters, which search within each candidate
  readonly upcomingTasksHeading = this.page.getByRole('heading', { name: 'Upcoming Tasks', exact: true });
  readonly latestActivityHeading = this.page.getByRole('heading', { name: 'Latest Activity', exact: true });
  /** the Upcoming Tasks column: the widest block holding its heading but none of the other widgets */
  readonly upcomingTasks = this.main.locator('div').filter({ has: this.upcomingTasksHeading }).filter({ hasNot: this.latestActivityHeading }).first();

  /** Loads the app at the dashboard (the heaviest screen to start on: prefer a list). */
  async goto(): Promise<this> {
    await this.start('/#/', this.upcomingTasksHeading);
    return this;
  }

  /** Back to the dashboard through the main menu. */
  async open(): Promise<this> {
    await this.openSection('Dashboard');
    // its four widgets render and fetch for a while, all of it on the page's one thread (a minute and
    // more on a busy machine); the screen is done when the app has stopped fetching
    await this.upcomingTasksHeading.waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.settled(STARTUP_TIMEOUT_MS);
    return this;
  }

  async ready(): Promise<void> {
    await this.upcomingTasksHeading.waitFor();
  }

  /** One of the signed-in user's tasks in Upcoming Tasks ("Follow-up Call back due 12/2/2026, 9:30:00 AM (Re: …)"). */
  upcomingTask(text: string): Locator {
    return this.upcomingTasks.locator('div:has(> [role="checkbox"])').filter({ hasText: text });
  }

  /** The checkbox that marks that task done. */
  upcomingTaskCheckbox(text: string): Locator {
    return this.upcomingTask(text).getByRole('checkbox');
  }
}
