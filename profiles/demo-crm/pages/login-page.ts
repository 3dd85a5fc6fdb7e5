import type { Locator, Page } from '@playwright/test';
import { pageLoad, press } from '../../../pages/components/press.js';
import { homePathFor, loginPathFor } from '../routes.js';
import { labelled } from '../../../pages/components/labelled.js';
import { fillSecret } from '../../../pages/components/secret-input.js';

/** The staff sign-in page (/login) or, with `portal`, the customer portal's (/portal/login). */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  readonly error: Locator;

  constructor(
    readonly page: Page,
    readonly portal = false,
  ) {
    this.username = labelled(page, 'Username');
    this.password = labelled(page, 'Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<this> {
    await this.page.goto(loginPathFor(this.portal));
    await this.ready();
    return this;
  }

  /** Opens the sign-in page as a link that asks to go on to `next` after signing in would (`?next=`). */
  async gotoWithNext(next: string): Promise<this> {
    await this.page.goto(`${loginPathFor(this.portal)}?next=${encodeURIComponent(next)}`);
    await this.ready();
    return this;
  }

  async ready(): Promise<void> {
    await this.signInButton.waitFor();
  }

  /** Submits the form and waits for the answer page, whichever it is. */
  async submit(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await fillSecret(this.password, password);
    await press(this.signInButton, pageLoad);
  }

  /**
   * Submits the form and returns where the CRM's answer sends the browser: its Location, resolved as a
   * browser resolves it (a backslash read as a slash, tabs dropped). Read from the answer itself,
   * because a browser may refuse to follow it (the CRM's CSP form-action stops a form's redirect to
   * another site) and another site never loads here anyway.
   */
  async submitForRedirect(username: string, password: string): Promise<URL | undefined> {
    const signInPage = new URL(this.page.url());
    const isSignInPost = (url: URL) => url.origin === signInPage.origin && url.pathname === signInPage.pathname;
    let answered!: (location: string | undefined) => void;
    const location = new Promise<string | undefined>((resolve) => (answered = resolve));
    // registered before the click, so the post cannot pass unseen
    await this.page.route(isSignInPost, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const response = await route.fetch({ maxRedirects: 0 });
      answered(response.headers().location);
      return route.fulfill({ response });
    });
    await this.username.fill(username);
    await fillSecret(this.password, password);
    const [sentTo] = await Promise.all([location, this.signInButton.click()]);
    await this.page.unroute(isSignInPost);
    return sentTo === undefined ? undefined : new URL(sentTo, signInPage);
  }

  /** Signs in and waits for the landing page (the dashboard, or the portal's ticket list). */
  async signIn(username: string, password: string): Promise<void> {
    await this.submit(username, password);
    const home = homePathFor(this.portal);
    if (new URL(this.page.url()).pathname !== home) {
      const message = (await this.error.count()) > 0 ? (await this.error.first().innerText()).trim() : 'no error message shown';
      throw new Error(`Sign-in as "${username}" did not reach ${home}; the page says: ${message}`);
    }
    await this.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  }

  /** The role=alert message the page shows now, or null when it shows none (the sign-in went through). */
  async shownError(): Promise<string | null> {
    return (await this.error.count()) > 0 ? (await this.error.first().innerText()).trim() : null;
  }

  /** The role=alert message of a refused sign-in. */
  async errorMessage(): Promise<string> {
    await this.error.first().waitFor();
    return (await this.error.first().innerText()).trim();
  }
}
