import type { Locator, Page, Route } from '@playwright/test';
import type { Settled } from '../../../pages/components/press.js';

/**
 * Network faults between one actor's browser and the CRM, made with `page.route` on the form posts
 * of a screen (never on the CRM itself): a connection that drops, a slow line, an answer that is lost
 * after the CRM saved. Each affects POSTs to `url` only; pages and the actor's API calls pass.
 */

/** How long the CRM's key forms wait for an answer before they say they cannot tell (demo-crm/README.md, Once-only forms). */
export const FORM_ANSWER_TIMEOUT_MS = 30_000;

type Url = string | RegExp;

function postsOnly(handler: (route: Route) => Promise<void>) {
  return (route: Route) => (route.request().method() === 'POST' ? handler(route) : route.fallback());
}

/** The next post to `url` never reaches the CRM: the connection drops as it is sent. */
export async function dropNextPost(page: Page, url: Url): Promise<void> {
  await page.route(url, postsOnly((route) => route.abort('internetdisconnected')), { times: 1 });
}

/** Posts to `url` wait in the browser until `release()`: a slow line. `sent()` counts the posts the page sent. */
export async function slowLine(page: Page, url: Url): Promise<{ held: () => Promise<void>; sent: () => number; release: () => Promise<void> }> {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let firstHeld: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (firstHeld = resolve));
  let count = 0;
  await page.route(url, postsOnly(async (route) => {
    count += 1;
    firstHeld();
    await gate;
    await route.continue().catch(() => undefined); // a post the page itself gave up is gone
  }));
  return {
    held: () => first,
    sent: () => count,
    release: async () => {
      open();
      await page.unroute(url);
    },
  };
}

/** A post whose answer is lost on the way back: the CRM saved it, the page waits in vain. */
export interface LostAnswer {
  /** resolves once the CRM has answered (to nobody) */
  saved: Promise<void>;
  /** ends the held request once the page has given up on it */
  drop: () => void;
}

/**
 * The next post to `url` reaches the CRM, which saves it, but its answer never reaches the page.
 * Call it before the screen opens: it installs the page's clock, which `afterAnswerTimeout` moves.
 */
export async function loseNextAnswer(page: Page, url: Url): Promise<LostAnswer> {
  await page.clock.install();
  let answered: () => void = () => undefined;
  let drop: () => void = () => undefined;
  const saved = new Promise<void>((resolve) => (answered = resolve));
  const dropped = new Promise<void>((resolve) => (drop = resolve));
  await page.route(url, postsOnly(async (route) => {
    await route.fetch();
    answered();
    await dropped;
    await route.abort('timedout').catch(() => undefined); // the page has cancelled it already
  }), { times: 1 });
  return { saved, drop };
}

/**
 * What ends a press whose answer is lost: once the CRM has saved, the page's clock runs past the
 * form's wait, and the page shows `shown` (or loads, if it does not explain in place).
 */
export function afterAnswerTimeout(lost: LostAnswer, shown: Locator): Settled {
  return async (page) => {
    await lost.saved;
    await page.clock.fastForward(FORM_ANSWER_TIMEOUT_MS + 1_000);
    await Promise.race([page.waitForEvent('load'), shown.waitFor()]);
    lost.drop();
  };
}
