import { AppShell } from '../app-shell.js';
import { pickRecord } from '../components/choice.js';
import { fullName, type ContactData } from '../../data/records.js';
import { ContactPage } from './contact-page.js';

/** Contacts: the list and the new contact form. */
export class ContactsPage extends AppShell {
  readonly createLink = this.main.getByRole('link', { name: 'Create contact', exact: true });
  readonly saveButton = this.main.getByRole('button', { name: 'Save', exact: true });

  /** Loads the app at this list: how a flow starts. */
  async goto(): Promise<this> {
    await this.start('/#/contacts', this.createLink);
    return this;
  }

  /** The list, through the main menu. */
  async open(): Promise<this> {
    await this.openSection('Contacts');
    await this.createLink.waitFor();
    return this;
  }

  /** Opens the list, fills the new contact form and saves; resolves on the contact's page. */
  async create(contact: ContactData): Promise<ContactPage> {
    await this.open();
    await this.createLink.click();
    await this.main.getByRole('textbox', { name: 'First name', exact: true }).fill(contact.firstName);
    await this.main.getByRole('textbox', { name: 'Last name', exact: true }).fill(contact.lastName);
    await this.main.getByRole('textbox', { name: 'Title', exact: true }).fill(contact.title);
    if (contact.company) await pickRecord(this.page, this.main.getByRole('combobox', { name: 'Company', exact: true }), contact.company);
    await this.main.getByRole('textbox', { name: 'Email', exact: true }).fill(contact.email);
    await this.saveButton.click();
    const page = new ContactPage(this.page);
    await page.ready(fullName(contact));
    return page;
  }

  /** Opens a contact's page at the address it had when it was created (see CompaniesPage.openCompany). */
  async openContact(address: string, name: string): Promise<ContactPage> {
    await this.visit(address);
    const page = new ContactPage(this.page);
    await page.ready(name);
    return page;
  }
}
