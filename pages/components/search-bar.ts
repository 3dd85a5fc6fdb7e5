import type { Locator, Page } from '@playwright/test';
import { labelled } from './labelled.js';

/** The search and filter form above a list (role=search). */
export class SearchBar {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('search');
  }

  /** Searches (and optionally filters) and waits for the list page to reload with that query. */
  async search(text: string, filters: Record<string, string> = {}): Promise<void> {
    await labelled(this.root, 'Search').fill(text);
    for (const [label, option] of Object.entries(filters)) {
      await labelled(this.root, label).selectOption({ label: option });
    }
    await Promise.all([this.page.waitForURL((url) => url.searchParams.get('q') === text), this.root.getByRole('button', { name: 'Apply' }).click()]);
  }

  async filter(label: string, option: string): Promise<void> {
    await labelled(this.root, label).selectOption({ label: option });
    await Promise.all([this.page.waitForURL(/\?/), this.root.getByRole('button', { name: 'Apply' }).click()]);
  }
}
