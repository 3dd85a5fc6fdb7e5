import type { Locator, Page, Response } from '@playwright/test';
import { pageLoad, press } from '../../../pages/components/press.js';
import { LoginPage } from './login-page.js';
import { MainNav } from '../../../pages/components/main-nav.js';
import { Toast } from '../../../pages/components/toast.js';

export type AccessOutcome = 'allowed' | 'denied' | 'not-found' | 'error';

/** What an opened page shows, read in one browser round trip: the main heading and the marker test ids. */
export interface PageReading {
  headings: number;
  denied: number;
  notFound: number;
  errorPage: number;
  /** the main area's text (what a role could read on an allowed page) */
  mainText: string;
}

/**
 * What the CRM did with a request for a page. A denial is recognised only by the explicit
 * access-denied marker, and must come with HTTP 403, so a broken page cannot pass for a correct
 * denial; a page without the main heading, an error page or a 5xx is an error, never "allowed".
 */
export function judgeAccess(url: string, status: number, read: PageReading): { outcome: AccessOutcome; problems: string[] } {
  if (read.denied > 0) return { outcome: 'denied', problems: status === 403 ? [] : [`GET ${url}: access-denied page with HTTP ${status}, not 403`] };
  if (read.notFound > 0) return { outcome: 'not-found', problems: [] };
  if (status >= 500 || read.errorPage > 0 || read.headings === 0) {
    return { outcome: 'error', problems: [`GET ${url}: ${read.headings === 0 ? 'not a CRM screen (no main heading)' : 'error page'} (HTTP ${status})`] };
  }
  return { outcome: 'allowed', problems: status === 200 ? [] : [`GET ${url}: page shown with HTTP ${status}`] };
}

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
  /** Buttons and links of the main area that would delete, remove or deactivate something. */
  readonly deleteControls: Locator;
  /** Every date and time the main area shows (its <time> elements): screenshots mask them, they differ each run. */
  readonly moments: Locator;

  constructor(readonly page: Page) {
    this.nav = new MainNav(page);
    this.toast = new Toast(page);
    this.currentUser = page.getByTestId('current-user');
    this.logOutButton = page.getByRole('button', { name: 'Log out', exact: true });
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.accessDeniedMarker = page.getByTestId(PAGE_MARKERS.denied);
    this.notFoundMarker = page.getByTestId(PAGE_MARKERS.notFound);
    this.faultBanner = page.getByTestId('fault-banner');
    const main = page.getByRole('main');
    const destructive = { name: /\b(delete|remove|deactivate)\b/i };
    this.deleteControls = main.getByRole('button', destructive).or(main.getByRole('link', destructive));
    this.moments = main.locator('time');
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

  /** Opens `path` the way a user pasting a URL would, and says what the CRM did (see judgeAccess). */
  async visit(path: string): Promise<{ outcome: AccessOutcome; status: number | undefined }> {
    const response = await this.page.goto(path);
    const status = response?.status();
    return { outcome: judgeAccess(path, status ?? 0, await this.read()).outcome, status };
  }

  /** The page as loaded, in one browser round trip (the permission matrix reads some seven hundred). */
  read(): Promise<PageReading> {
    return this.page.evaluate((ids) => {
      const main = document.querySelector('main, [role="main"]');
      const count = (id: string) => document.querySelectorAll(`[data-testid="${id}"]`).length;
      return {
        headings: main?.querySelectorAll('h1').length ?? 0,
        denied: count(ids.denied), notFound: count(ids.notFound), errorPage: count(ids.errorPage),
        mainText: main instanceof HTMLElement ? main.innerText : '',
      };
    }, PAGE_MARKERS);
  }

  /** The text of every element under `scope` whose test id matches `prefix`, by test id, in one round trip. */
  protected async textsByTestId(scope: Locator, prefix: string): Promise<Map<string, string>> {
    const pairs = await scope.locator(`[data-testid^="${prefix}"]`).evaluateAll((elements) =>
      elements.map((e) => [e.getAttribute('data-testid') ?? '', (e as HTMLElement).innerText.trim()] as [string, string]));
    return new Map(pairs);
  }

  async logOut(portal = false): Promise<LoginPage> {
    await press(this.logOutButton, pageLoad);
    const login = new LoginPage(this.page, portal);
    await login.ready();
    return login;
  }
}
