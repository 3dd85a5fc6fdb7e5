import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad } from '../../../../pages/components/press.js';

export interface AccountFormInput {
  name: string;
  industry: string;
  website: string;
  phone: string;
  billingCity: string;
  billingCountry: string;
}

/** New account form: the CRM answers with the account's page, or this form with an error per field. */
export class AccountFormPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('main').getByRole('form'), pageLoad);

  async open(): Promise<void> {
    await this.goto('/accounts/new');
  }

  async create(account: AccountFormInput): Promise<void> {
    await this.form.fill({
      Name: account.name, Industry: account.industry, Website: account.website, Phone: account.phone,
      'Billing city': account.billingCity, 'Billing country': account.billingCountry,
    });
    await this.form.submit('Create account');
  }
}
