import type { Locator, Page } from '@playwright/test';
import { fillSecret } from '../../../pages/components/secret-input.js';
import { DashboardPage } from './dashboard-page.js';
import { STARTUP_TIMEOUT_MS } from './startup.js';

/**
 * The sign-in screen (/#/login). The demo accepts any email and ignores the password; an email of
 * one of its users signs in as that user, any other as the administrator Jane Doe.
 */
export class LoginPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in', exact: true });
    this.email = page.getByRole('textbox', { name: 'Email', exact: true });
    this.password = page.getByRole('textbox', { name: 'Password', exact: true });
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
  }

  /** Opens the sign-in screen. The only page load a profile does: nothing is in the page yet. */
  async goto(): Promise<this> {
    await this.page.goto('/#/login', { waitUntil: 'commit' });
    await this.heading.waitFor({ timeout: STARTUP_TIMEOUT_MS });
    return this;
  }

  /** Signs in and waits for the dashboard. */
  async signIn(email: string, password: string): Promise<DashboardPage> {
    await this.email.fill(email);
    await fillSecret(this.password, password);
    await this.signInButton.click();
    const dashboard = new DashboardPage(this.page);
    // the first render of the dashboard after signing in is the app's heaviest moment
    await dashboard.upcomingTasksHeading.waitFor({ timeout: STARTUP_TIMEOUT_MS });
    return dashboard;
  }
}
