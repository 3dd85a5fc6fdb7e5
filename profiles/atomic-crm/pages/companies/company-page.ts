import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';

/** One company (#/companies/:id/show): its name, Activity, its contacts and its deals (tabs). */
export class CompanyPage extends AppShell {
  readonly heading = this.main.getByRole('heading', { level: 5 });
  readonly tabs = this.main.getByRole('tablist');
  /** "1 contact", "2 contacts" */
  readonly contactsTab = this.tabs.getByRole('tab', { name: /^\d+ contacts?$/ });
  /** "1 deal", "2 deals"; the tab is there once the company has a deal */
  readonly dealsTab = this.tabs.getByRole('tab', { name: /^\d+ deals?$/ });
  readonly panel = this.main.getByRole('tabpanel');

  /** The company's page shows `name`. */
  async ready(name: string): Promise<void> {
    await this.main.getByRole('heading', { name, exact: true, level: 5 }).waitFor();
  }

  async showContacts(): Promise<Locator> {
    await this.contactsTab.click();
    return this.panel;
  }

  async showDeals(): Promise<Locator> {
    await this.dealsTab.click();
    return this.panel;
  }

  /** A contact listed under the contacts tab (open it first with showContacts). */
  contact(fullName: string): Locator {
    return this.panel.getByRole('link').filter({ hasText: fullName });
  }

  /** A deal listed under the deals tab (open it first with showDeals). */
  deal(name: string): Locator {
    return this.panel.getByRole('link').filter({ hasText: name });
  }
}
