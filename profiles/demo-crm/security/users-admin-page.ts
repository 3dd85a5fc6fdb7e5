import type { Locator } from '@playwright/test';
import { Dialog } from '../../../pages/components/dialog.js';
import { Form } from '../../../pages/components/form.js';
import { pageLoad, press } from '../../../pages/components/press.js';
import { AppShell } from '../pages/app-shell.js';

/** The admin's Users screen (/admin/users): each user's role and status, the Activate / Deactivate, Change role and Sign out everywhere buttons. */
export class UsersAdminPage extends AppShell {
  readonly newUser = new Form(this.page, this.page.getByRole('region', { name: 'New user' }), pageLoad);

  async open(username?: string): Promise<void> {
    await this.goto(`/admin/users${username ? `?q=${encodeURIComponent(username)}` : ''}`);
  }

  statusOf(username: string): Locator {
    return this.page.getByTestId(`user-status-${username}`);
  }

  roleOf(username: string): Locator {
    return this.page.getByTestId(`user-role-${username}`);
  }

  async deactivate(username: string): Promise<void> {
    await press(this.page.getByRole('button', { name: `Deactivate ${username}`, exact: true }), pageLoad);
  }

  /** Picks the new role in the user's Change role dialog (`role` as the CRM names it, e.g. sales_rep) and confirms. */
  async changeRole(username: string, role: string): Promise<void> {
    const dialog = new Dialog(this.page, `Change the role of ${username}`, pageLoad);
    await dialog.openWith(this.page.getByRole('button', { name: `Change role of ${username}`, exact: true }));
    await dialog.confirm('Change role', { 'New role': { option: role.replace('_', ' ') } });
  }

  /** Ends every session of the user: the row's Sign out everywhere, confirmed in its dialog. */
  async signOutEverywhere(username: string): Promise<void> {
    const dialog = new Dialog(this.page, `Sign out ${username} everywhere`, pageLoad);
    await dialog.openWith(this.page.getByRole('button', { name: `Sign out ${username} everywhere`, exact: true }));
    await dialog.confirm('Sign out everywhere');
  }

  /** Fills the New user form (`role` as the CRM names it, e.g. sales_rep) and presses Create user. */
  async createUser(u: { username: string; displayName: string; email: string; role: string; password: string }): Promise<void> {
    await this.newUser.fill({ Username: u.username, 'Display name': u.displayName, Email: u.email, Role: { option: u.role.replace('_', ' ') }, 'Initial password': u.password });
    await this.newUser.submit('Create user');
  }
}
