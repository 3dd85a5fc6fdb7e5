import { AppShell } from '../app-shell.js';
import { pageLoad, type Settled } from '../../../../pages/components/press.js';
import { Form } from '../../../../pages/components/form.js';
import type { LeadData } from '../../data/schemas.js';

/** New lead / edit lead form, with the duplicate-email warning the CRM shows before saving. */
export class LeadFormPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('main').getByRole('form'), pageLoad);
  readonly duplicateWarning = this.page.getByTestId('duplicate-warning');
  /** what the form says when its answer did not come (network failure, no answer in time) */
  readonly submitProblem = this.form.root.getByTestId('submit-problem');

  async fill(lead: LeadData): Promise<void> {
    await this.form.fill({
      'First name': lead.firstName,
      'Last name': lead.lastName,
      Company: lead.company,
      Email: lead.email,
      Phone: lead.phone,
      Source: { option: lead.source },
    });
  }

  /** Presses Create lead; the CRM answers with the lead's page, or this form with a warning or errors (`until`: another sign). */
  async create(until: Settled = pageLoad): Promise<void> {
    await this.form.submit('Create lead', until);
  }

  /** Confirms a lead the CRM warned about (same email as an existing lead). */
  async saveAnyway(): Promise<void> {
    await this.form.submit('Save anyway');
  }
}
