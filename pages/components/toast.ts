import type { Locator, Page } from '@playwright/test';

/** The confirmation shown after a successful action (role=status). */
export class Toast {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('toast');
  }

  /** The message, once the toast is shown. */
  async message(): Promise<string> {
    await this.root.waitFor();
    return (await this.root.innerText()).replace(/×\s*$/, '').trim();
  }

  async dismiss(): Promise<void> {
    await this.root.getByRole('button', { name: 'Dismiss' }).click();
    await this.root.waitFor({ state: 'hidden' });
  }
}
