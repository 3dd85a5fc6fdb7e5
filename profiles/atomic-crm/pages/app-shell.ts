import type { Locator, Page } from '@playwright/test';
import { Notifications } from './components/notifications.js';
import { STARTUP_TIMEOUT_MS } from './startup.js';

export type Section = 'Dashboard' | 'Contacts' | 'Companies' | 'Deals';

/**
 * What every signed-in screen of Atomic CRM shares: the header with the main menu (Dashboard,
 * Contacts, Companies, Deals), the user menu behind the avatar (the user's name, Logout) and the
 * toasts. The demo keeps its data in the page, so screens are reached through these links, never by
 * loading a URL (a load would reset every record the test made).
 */
export class AppShell {
  readonly header: Locator;
  readonly menu: Locator;
  /** the avatar button; it has no accessible name, so it is known by the avatar inside it */
  readonly userMenuButton: Locator;
  readonly userMenu: Locator;
  readonly main: Locator;
  readonly notifications: Notifications;
  /** React-admin's loading indicator: the header's refresh icon spins while the app fetches */
  readonly loadingIndicator: Locator;

  constructor(readonly page: Page) {
    this.header = page.locator('header');
    this.menu = this.header.getByRole('navigation');
    this.userMenuButton = this.header.getByRole('button').filter({ has: page.locator('[data-slot="avatar"]') });
    this.userMenu = page.getByRole('menu');
    this.main = page.getByRole('main');
    this.notifications = new Notifications(page);
    this.loadingIndicator = this.header.locator('.animate-spin');
  }

  /**
   * Loads the app at `path` and waits for `screen` and for the app to stop fetching: the first thing
   * a flow does. Never after creating data: a page load resets the demo's in-page database.
   */
  protected async start(path: string, screen: Locator): Promise<void> {
    await this.page.goto(path, { waitUntil: 'commit' });
    await screen.waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.settled(STARTUP_TIMEOUT_MS);
  }

  /** Waits until the app has stopped fetching (the header's refresh icon no longer spins). */
  async settled(timeout?: number): Promise<void> {
    await this.loadingIndicator.waitFor({ state: 'hidden', timeout });
  }

  /** The address of the screen shown ("#/companies/12/show"): how a user comes back to a record later. */
  address(): string {
    return new URL(this.page.url()).hash;
  }

  /**
   * Goes to an address of the app, as a user following a bookmark would. Only the hash changes, so
   * there is no page load and the demo's in-page data stays.
   */
  protected async visit(address: string): Promise<void> {
    await this.page.evaluate((hash) => { window.location.hash = hash; }, address);
  }

  menuLink(section: Section): Locator {
    return this.menu.getByRole('link', { name: section, exact: true });
  }

  /** Follows a main-menu link (no page load: the app routes by the URL's hash). */
  async openSection(section: Section): Promise<void> {
    await this.menuLink(section).click();
  }

  /** The name in the user menu ("Jane Doe"); the menu is closed again afterwards. */
  async userName(): Promise<string> {
    await this.userMenuButton.click();
    const name = this.userMenu.getByRole('paragraph').first();
    const text = (await name.innerText()).trim();
    await this.page.keyboard.press('Escape');
    await this.userMenu.waitFor({ state: 'hidden' });
    return text;
  }

  /** Logout from the user menu; resolves on the sign-in screen. */
  async logOut(): Promise<void> {
    await this.userMenuButton.click();
    await this.userMenu.getByRole('menuitem', { name: 'Logout', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  }
}
