import type { Locator } from '@playwright/test';
import { AppShell } from './app-shell.js';

/** The signed-in user's notifications (opening the page marks them read). */
export class NotificationsPage extends AppShell {
  readonly list = this.page.getByRole('list', { name: 'Notifications' });
  readonly headerLink = this.page.getByRole('link', { name: /^Notifications/ });

  async open(): Promise<void> {
    await this.headerLink.click();
    await this.ready();
  }

  item(text: string | RegExp): Locator {
    return this.list.getByRole('listitem').filter({ hasText: text });
  }
}
