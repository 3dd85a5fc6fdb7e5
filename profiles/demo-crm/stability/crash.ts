import type { Locator, Page } from '@playwright/test';
import type { Settled } from '../../../pages/components/press.js';
import type { OwnCrm } from '../migration/own-crm.js';

/** The CRM's crash points: writes that must be all or nothing (demo-crm/README.md, Crash points). */
export type WritePoint = 'quote-line' | 'payment' | 'ticket-reply' | 'import';

/**
 * Arranges that the page's next form post to `url` stops at the CRM's crash point `point`, in the
 * middle of its write (test mode: the X-Test-Hold-Write header, added to that one request). Returns
 * what ends the press: the CRM prints that it holds there, the test kills the process (SIGKILL, as a
 * power cut), and the page shows `shown` — or loads another page, which the test then sees.
 */
export async function killDuringNextWrite(crm: OwnCrm, page: Page, o: { url: string | RegExp; point: WritePoint; shown: Locator }): Promise<Settled> {
  await holdNextWrite(page, o.url, o.point);
  return async () => {
    await crm.printed(new RegExp(`Test hold: the ${o.point} write is held`));
    await crm.kill();
    await Promise.race([page.waitForEvent('load'), o.shown.waitFor()]);
  };
}

/** The page's next form post to `url` stops at the CRM's crash point `point` (see killDuringNextWrite). */
export async function holdNextWrite(page: Page, url: string | RegExp, point: WritePoint): Promise<void> {
  await page.route(url, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    return route.continue({ headers: { ...route.request().headers(), 'x-test-hold-write': point } });
  }, { times: 1 });
}
