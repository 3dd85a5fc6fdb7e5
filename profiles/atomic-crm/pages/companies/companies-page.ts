import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { choose } from '../components/choice.js';
import type { CompanyData } from '../../data/records.js';
import { CompanyPage } from './company-page.js';

/** Companies: the list of company cards, its search, and the New Company form. */
export class CompaniesPage extends AppShell {
  readonly newCompanyLink = this.main.getByRole('link', { name: 'New Company', exact: true });
  readonly search = this.main.getByRole('textbox', { name: 'Search', exact: true });
  readonly createButton = this.main.getByRole('button', { name: 'Create Company', exact: true });

  /** Loads the app at this list: how a flow starts. */
  async goto(): Promise<this> {
    await this.start('/#/companies', this.newCompanyLink);
    return this;
  }

  /** The list, through the main menu. */
  async open(): Promise<this> {
    await this.openSection('Companies');
    await this.newCompanyLink.waitFor();
    return this;
  }

  /** A company's card in the list. */
  card(name: string): Locator {
    return this.main.getByRole('link').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  /** Opens the list, fills New Company and creates it; resolves on the company's page. */
  async create(company: CompanyData): Promise<CompanyPage> {
    await this.open();
    await this.newCompanyLink.click();
    await this.main.getByRole('textbox', { name: 'Company name', exact: true }).fill(company.name);
    await choose(this.page, this.main.getByRole('combobox', { name: 'Sector', exact: true }), company.sector);
    await this.main.getByRole('textbox', { name: 'City', exact: true }).fill(company.city);
    await this.createButton.click();
    const page = new CompanyPage(this.page);
    await page.ready(company.name);
    return page;
  }

  /** Finds a company through the list's search and opens its page. */
  async openCompany(name: string): Promise<CompanyPage> {
    await this.open();
    await this.search.fill(name);
    // the list applies a search after a pause, by changing the address; a click before that would be
    // undone when the list catches up and navigates back to itself
    await this.page.waitForURL((url) => decodeURIComponent(url.hash).includes(`"q":${JSON.stringify(name)}`));
    await this.card(name).click();
    const page = new CompanyPage(this.page);
    await page.ready(name);
    return page;
  }
}
