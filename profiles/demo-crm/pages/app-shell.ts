import type { Locator, Page, Response } from '@playwright/test';
import { pageLoad, press } from '../../../pages/components/press.js';
import { LoginPage } from './login-page.js';
import { MainNav } from '../../../pages/components/main-nav.js';
import { Toast } from '../../../pages/components/toast.js';

export type AccessOutcome = 'allowed' | 'denied' | 'not-found';

/** The test ids of the markers a CRM page carries instead of its content. */
export const PAGE_MARKERS = { denied: 'access-denied', notFound: 'not-found', errorPage: 'error-page' } as const;

/**
 * What every signed-in screen shares: the header (current user, Log out), the main navigation,
 * the toast, and the one heading of the main area. Screen page objects build on it.
 */
export class AppShell {
  readonly nav: MainNav;
  readonly toast: Toast;
  readonly currentUser: Locator;
  readonly logOutButton: Locator;
  readonly heading: Locator;
  readonly accessDeniedMarker: Locator;
  readonly notFoundMarker: Locator;
  readonly faultBanner: Locator;

  constructor(readonly page: Page) {
    this.nav = new MainNav(page);
    this.toast = new Toast(page);
    this.currentUser = page.getByTestId('current-user');
    this.logOutButton = page.getByRole('button', { name: 'Log out', exact: true });
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.accessDeniedMarker = page.getByTestId(PAGE_MARKERS.denied);
    this.notFoundMarker = page.getByTestId(PAGE_MARKERS.notFound);
    this.faultBanner = page.getByTestId('fault-banner');
  }

  /** Opens a CRM path and waits for its main heading. */
  async goto(path: string): Promise<Response | null> {
    const response = await this.page.goto(path);
    await this.ready();
    return response;
  }

  /** The screen's main content is there. */
  async ready(): Promise<void> {
    await this.heading.waitFor();
  }

  async title(): Promise<string> {
    await this.ready();
    return (await this.heading.innerText()).trim();
  }

  async userName(): Promise<string> {
    return (await this.currentUser.innerText()).trim();
  }

  /**
   * Opens `path` the way a user pasting a URL would, and says what the CRM did. A denial is
   * recognised only by the explicit access-denied marker once the page has loaded, never by a
   * missing heading, so a broken page cannot pass for a correct denial.
   */
  async visit(path: string): Promise<{ outcome: AccessOutcome; status: number | undefined }> {
    const response = await this.page.goto(path);
    await this.ready();
    const status = response?.status();
    if ((await this.accessDeniedMarker.count()) > 0) return { outcome: 'denied', status };
    if ((await this.notFoundMarker.count()) > 0) return { outcome: 'not-found', status };
    return { outcome: 'allowed', status };
  }

  async logOut(portal = false): Promise<LoginPage> {
    await press(this.logOutButton, pageLoad);
    const login = new LoginPage(this.page, portal);
    await login.ready();
    return login;
  }
}
