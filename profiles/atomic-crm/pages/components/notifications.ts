import type { Locator, Page } from '@playwright/test';

/** The toasts in the bottom corner (sonner): "Element created", "Deal updated", "Task added"… */
export class Notifications {
  readonly region: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: /^Notifications/ });
  }

  /** The toast saying `text`, once shown. */
  toast(text: string | RegExp): Locator {
    return this.region.getByRole('listitem').filter({ hasText: text });
  }

  async waitFor(text: string | RegExp): Promise<void> {
    await this.toast(text).first().waitFor();
  }
}
