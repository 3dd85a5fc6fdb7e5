import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';
import { choose } from '../components/choice.js';
import { CompanyPage } from '../companies/company-page.js';
import type { TaskData } from '../../data/records.js';

/** One contact (#/contacts/:id/show): name, company, the notes timeline and the Tasks aside. */
export class ContactPage extends AppShell {
  readonly heading = this.main.getByRole('heading', { level: 5 });
  readonly noteInput = this.main.getByRole('textbox', { name: 'Add a note', exact: true });
  readonly addNoteButton = this.main.getByRole('button', { name: 'Add this note', exact: true });
  readonly addTaskButton = this.main.getByRole('button', { name: 'Add task', exact: true });

  /** The contact's page shows `name`. */
  async ready(name: string): Promise<void> {
    await this.main.getByRole('heading', { name, exact: true, level: 5 }).waitFor();
  }

  /** The link to the contact's company, under the name ("Buyer at <company>"). */
  companyLink(name: string): Locator {
    return this.main.getByRole('link', { name, exact: true });
  }

  /** A note in the contact's timeline. */
  note(text: string): Locator {
    return this.main.getByRole('paragraph').filter({ hasText: text });
  }

  /** A task in the Tasks aside: "<type> <description> due <date>". */
  task(description: string): Locator {
    return this.main.locator('div:has(> [role="checkbox"])').filter({ hasText: description });
  }

  /** The checkbox that marks a task done (checked once it is done). */
  taskCheckbox(description: string): Locator {
    return this.task(description).getByRole('checkbox');
  }

  /** Adds a note and waits until it is in the timeline. */
  async addNote(text: string): Promise<void> {
    await this.noteInput.fill(text);
    await this.addNoteButton.click();
    await this.note(text).waitFor();
  }

  /** Adds a task from the Tasks aside and waits until it is listed there. */
  async addTask(task: TaskData): Promise<void> {
    await this.addTaskButton.click();
    const dialog = this.page.getByRole('dialog', { name: /^Create task for / });
    await dialog.getByRole('textbox', { name: 'Description', exact: true }).fill(task.description);
    await dialog.getByRole('textbox', { name: 'Due date', exact: true }).fill(task.due);
    await choose(this.page, dialog.getByRole('combobox', { name: 'Type', exact: true }), task.type);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.task(task.description).waitFor();
  }

  /** Ticks the task's checkbox and waits until the app shows it checked. */
  async markTaskDone(description: string): Promise<void> {
    const checkbox = this.taskCheckbox(description);
    await checkbox.click();
    await checkbox.and(this.page.locator('[aria-checked="true"]')).waitFor();
  }

  /** Follows the link to the contact's company; resolves on the company's page. */
  async openCompany(name: string): Promise<CompanyPage> {
    await this.companyLink(name).click();
    const company = new CompanyPage(this.page);
    await company.ready(name);
    return company;
  }
}
