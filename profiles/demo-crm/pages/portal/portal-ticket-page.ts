import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { pageLoad, press } from '../../../../pages/components/press.js';
import { Conversation } from '../tickets/conversation.js';

/**
 * A ticket in the customer portal (/portal/tickets/:id): details, the public conversation, the
 * reply form, Confirm resolution / Reopen, and the satisfaction rating once closed.
 */
export class PortalTicketPage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly conversation = new Conversation(this.page);
  readonly problem = this.page.getByTestId('action-problem');
  readonly autoCloseNote = this.page.getByTestId('auto-close-note');
  readonly confirmButton = this.button('Confirm resolution');
  readonly reopenButton = this.button('Reopen');
  readonly replyBox = this.page.getByRole('textbox', { name: 'Your reply', exact: true });
  readonly ratingForm = this.page.getByRole('region', { name: 'How did we do?' });

  async open(id: number): Promise<void> {
    await this.goto(`/portal/tickets/${id}`);
  }

  /** A detail value: `number`, `status`, `priority`, `assignee` ("Handled by"), `resolutionCode`, `satisfaction`. */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  /** Any mention of `text` in the main area (to prove something is not shown). */
  mentions(text: string): Locator {
    return this.page.getByRole('main').getByText(text);
  }

  async reply(text: string): Promise<void> {
    await this.replyBox.fill(text);
    await press(this.page.getByRole('button', { name: 'Send reply', exact: true }), pageLoad);
  }

  async confirmResolution(): Promise<void> {
    await press(this.confirmButton, pageLoad);
  }

  async reopen(): Promise<void> {
    await press(this.reopenButton, pageLoad);
  }

  async rate(stars: number): Promise<void> {
    await this.ratingForm.getByRole('combobox', { name: 'Satisfaction', exact: true }).selectOption({ label: `${stars} of 5` });
    await press(this.ratingForm.getByRole('button', { name: 'Rate', exact: true }), pageLoad);
  }

  private button(name: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name, exact: true });
  }
}
