import type { Locator } from '@playwright/test';
import { pageLoad, press } from '../../../pages/components/press.js';
import { AppShell } from '../pages/app-shell.js';

/** The admin's Users screen (/admin/users): each user's status and the Activate / Deactivate buttons. */
export class UsersAdminPage extends AppShell {
  async open(username?: string): Promise<void> {
    await this.goto(`/admin/users${username ? `?q=${encodeURIComponent(username)}` : ''}`);
  }

  statusOf(username: string): Locator {
    return this.page.getByTestId(`user-status-${username}`);
  }

  async deactivate(username: string): Promise<void> {
    await press(this.page.getByRole('button', { name: `Deactivate ${username}`, exact: true }), pageLoad);
  }
}
