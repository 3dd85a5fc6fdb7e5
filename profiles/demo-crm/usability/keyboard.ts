import type { Locator, Page } from '@playwright/test';

/**
 * A user without a mouse: moves the focus with Tab, types, chooses in selects by typing, presses
 * Enter. Every focus stop must be visible (:focus-visible with an outline or a box shadow).
 */
export class KeyboardUser {
  /** focus stops where the focus was not visible */
  readonly invisibleFocus: string[] = [];

  constructor(readonly page: Page) {}

  /** Presses Tab until `target` has the focus; fails naming the target when `max` Tabs do not reach it. */
  async tabTo(target: Locator, name: string, max = 80): Promise<number> {
    for (let tabs = 1; tabs <= max; tabs += 1) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) {
        const visible = await target.evaluate((el) => {
          const style = getComputedStyle(el);
          return el.matches(':focus-visible') && (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none');
        });
        if (!visible) this.invisibleFocus.push(name);
        return tabs;
      }
    }
    throw new Error(`${name} cannot be reached with Tab (${max} presses)`);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Enter on the focused control, waiting for the page it loads. */
  async enterAndWaitForPage(): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), this.page.keyboard.press('Enter')]);
  }
}
