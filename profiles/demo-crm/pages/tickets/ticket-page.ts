import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { Dialog } from '../../../../pages/components/dialog.js';
import { pageLoad, press, pressTwice, type Settled } from '../../../../pages/components/press.js';
import { Conversation } from './conversation.js';
import { SlaPanel } from './sla-panel.js';

/**
 * The staff ticket page (/tickets/:id): details, SLA panel, conversation with the reply and
 * internal-note forms, the action bar (Take, Set pending customer, Set open, Resolve, Escalate,
 * Reassign) and the History tab. Every action waits for the page the CRM answers with.
 */
export class TicketPage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly sla = new SlaPanel(this.page);
  readonly conversation = new Conversation(this.page);
  /** a refused step (HTTP 409), explained */
  readonly problem = this.page.getByTestId('action-problem');
  readonly takeButton = this.button('Take');
  readonly pendingButton = this.button('Set pending customer');
  readonly setOpenButton = this.button('Set open');
  readonly resolveButton = this.button('Resolve');
  readonly escalateButton = this.button('Escalate');
  readonly reassignButton = this.button('Reassign');
  readonly replyBox = this.page.getByRole('textbox', { name: 'Public reply', exact: true });
  readonly noteBox = this.page.getByRole('textbox', { name: 'Internal note', exact: true });
  readonly replyButton = this.page.getByRole('button', { name: 'Reply', exact: true });
  /** what the reply form says when its answer did not come (network failure, no answer in time) */
  readonly replyProblem = this.page.locator('form', { has: this.replyBox }).getByTestId('submit-problem');
  readonly historyEntries = this.page.getByRole('list', { name: 'History' }).getByRole('listitem');

  async open(id: number): Promise<void> {
    await this.goto(`/tickets/${id}`);
  }

  /** A detail value (`number`, `priority`, `assignee`, `created`, `closed`, `satisfaction`, …). */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  /** The creation instant, from the machine-readable datetime of the Created field. */
  async createdAt(): Promise<number> {
    return this.instantOf('created');
  }

  /** When the ticket closed (the Closed field), confirmed or automatically. */
  async closedAt(): Promise<number> {
    return this.instantOf('closed');
  }

  async take(): Promise<void> {
    await press(this.takeButton, pageLoad);
  }

  /** Writes a public reply and presses Reply (`until`: another sign than the page load). */
  async replyToCustomer(text: string, until: Settled = pageLoad): Promise<void> {
    await this.replyBox.fill(text);
    await press(this.replyButton, until);
  }

  /** Presses Reply again with what the box still holds (`doubleClick`: an impatient user; `until`: another sign than the page load). */
  async replyAgain(o: { doubleClick?: boolean; until?: Settled } = {}): Promise<void> {
    const until = o.until ?? pageLoad;
    await (o.doubleClick ? pressTwice(this.replyButton, until) : press(this.replyButton, until));
  }

  async addInternalNote(text: string): Promise<void> {
    await this.noteBox.fill(text);
    await press(this.page.getByRole('button', { name: 'Add internal note', exact: true }), pageLoad);
  }

  async setPendingCustomer(): Promise<void> {
    await press(this.pendingButton, pageLoad);
  }

  async setOpen(): Promise<void> {
    await press(this.setOpenButton, pageLoad);
  }

  async resolve(resolutionCode: string): Promise<void> {
    const dialog = new Dialog(this.page, 'Resolve ticket', pageLoad);
    await dialog.openWith(this.resolveButton);
    await dialog.confirm('Resolve ticket', { 'Resolution code': { option: resolutionCode } });
  }

  async escalate(): Promise<void> {
    await press(this.escalateButton, pageLoad);
  }

  /** Reassigns to a support team member, chosen by the name the CRM shows. */
  async reassignTo(name: string): Promise<void> {
    const dialog = new Dialog(this.page, 'Reassign ticket', pageLoad);
    await dialog.openWith(this.reassignButton);
    await dialog.confirm('Reassign ticket', { Assignee: { option: name } });
  }

  async showHistory(): Promise<void> {
    const tab = this.page.getByRole('tab', { name: 'History', exact: true });
    await tab.click();
    await this.page.getByRole('tabpanel', { name: 'History' }).waitFor();
  }

  private async instantOf(key: string): Promise<number> {
    const iso = await this.field(key).locator('time').getAttribute('datetime');
    if (iso === null) throw new Error(`The ticket page shows no time in its ${key} field`);
    return Date.parse(iso);
  }

  private button(name: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name, exact: true });
  }
}
