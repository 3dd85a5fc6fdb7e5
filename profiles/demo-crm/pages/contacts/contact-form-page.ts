import { AppShell } from '../app-shell.js';
import { Form } from '../../../../pages/components/form.js';
import { pageLoad } from '../../../../pages/components/press.js';

export interface ContactFormInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
}

/** New contact form: the CRM answers with the contact's page, or this form with an error per field. */
export class ContactFormPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('main').getByRole('form'), pageLoad);

  async open(): Promise<void> {
    await this.goto('/contacts/new');
  }

  async create(contact: ContactFormInput): Promise<void> {
    await this.form.fill({
      'First name': contact.firstName, 'Last name': contact.lastName, Email: contact.email, Phone: contact.phone, 'Job title': contact.title,
    });
    await this.form.submit('Create contact');
  }
}
