import type { Locator, Page } from '@playwright/test';

/** The left navigation: one link per area the signed-in role may open. */
export class MainNav {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('navigation', { name: 'Main' });
  }

  link(label: string): Locator {
    return this.root.getByRole('link', { name: label, exact: true });
  }

  async open(label: string): Promise<void> {
    await this.link(label).click();
    await this.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  }

  /** The labels of the areas this role is offered, in menu order (empty when there is no menu). */
  async labels(): Promise<string[]> {
    if ((await this.root.count()) === 0) return [];
    return (await this.root.getByRole('link').allInnerTexts()).map((t) => t.trim());
  }
}
