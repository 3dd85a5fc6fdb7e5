import type { Locator, Page } from '@playwright/test';

/**
 * What tells the user an action is done: an element that appears (a toast, the show page's
 * heading, a card in its new column), or something to wait for on the page, started before the click
 * so it cannot be missed (`pageLoad` for a server-rendered CRM that answers a posted form with a new
 * document; a single-page app never fires one).
 */
export type Settled = Locator | ((page: Page) => Promise<unknown>);

/** The next document load: what a server-rendered CRM's form post ends with. */
export const pageLoad = (page: Page): Promise<unknown> => page.waitForEvent('load');

/** Clicks `button` and waits until `until` says the user sees the result. The one click-and-wait of the framework. */
export async function press(button: Locator, until: Settled): Promise<void> {
  await actThenSettle(() => button.click(), button.page(), until);
}

/** Double-clicks `button` (as an impatient user does on Save) and waits until `until` says the user sees the result. */
export async function pressTwice(button: Locator, until: Settled): Promise<void> {
  await actThenSettle(() => button.dblclick(), button.page(), until);
}

async function actThenSettle(act: () => Promise<void>, page: Page, until: Settled): Promise<void> {
  if (typeof until === 'function') {
    await Promise.all([until(page), act()]);
    return;
  }
  await act();
  await until.waitFor();
}

/**
 * The next document load, or `shown` appearing first: for a press whose answer may not come (the
 * network failed) and the page then explains it in place. The test asserts which one it was.
 */
export function pageLoadOr(shown: Locator): Settled {
  return (page) => Promise.race([page.waitForEvent('load'), shown.waitFor()]);
}
