import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { Dialog } from '../../../../pages/components/dialog.js';
import { pageLoad, press } from '../../../../pages/components/press.js';

export interface ConversionInput {
  opportunityName: string;
  /** YYYY-MM-DD */
  closeDate: string;
}

/** One lead: its status, fields, the status actions, conversion and disqualification. */
export class LeadDetailPage extends AppShell {
  readonly status = this.page.getByRole('main').getByTestId('status');
  readonly readOnlyNotice = this.page.getByTestId('read-only-notice');
  readonly editLink = this.page.getByRole('main').getByRole('link', { name: 'Edit', exact: true });
  readonly convertButton = this.page.getByRole('main').getByRole('button', { name: 'Convert lead', exact: true });
  readonly disqualifyButton = this.page.getByRole('main').getByRole('button', { name: 'Disqualify', exact: true });
  readonly errorSummary = this.page.getByRole('main').getByRole('alert');

  async open(leadId: number): Promise<void> {
    await this.goto(`/leads/${leadId}`);
  }

  /** The value of a detail field: name, company, email, phone, source, leadStatus, disqualifyReason, owner, converted… */
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  moveButton(status: 'Working' | 'Qualified'): Locator {
    return this.page.getByRole('main').getByRole('button', { name: `Move to ${status}`, exact: true });
  }

  /** The lead's id, from the page address (/leads/:id). */
  id(): number {
    const match = /\/leads\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`${this.page.url()} is not a lead page`);
    return Number(match[1]);
  }

  async moveTo(status: 'Working' | 'Qualified'): Promise<void> {
    await press(this.moveButton(status), pageLoad);
  }

  async convert(input: ConversionInput): Promise<void> {
    const dialog = new Dialog(this.page, 'Convert lead', pageLoad);
    await dialog.openWith(this.convertButton);
    await dialog.confirm('Convert', {
      'Also create an opportunity': { checked: true },
      'Opportunity name': input.opportunityName,
      'Expected close date': input.closeDate,
    });
  }

  async disqualify(reason: string): Promise<void> {
    const dialog = new Dialog(this.page, 'Disqualify lead', pageLoad);
    await dialog.openWith(this.disqualifyButton);
    await dialog.confirm('Disqualify', { Reason: reason });
  }

  /** Follows the link to the account, contact or opportunity the conversion created. */
  async openConverted(what: 'Account' | 'Contact' | 'Opportunity'): Promise<void> {
    await this.field(`converted${what}`).getByRole('link').click();
    await this.ready();
  }
}
