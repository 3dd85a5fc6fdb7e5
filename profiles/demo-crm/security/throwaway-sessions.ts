import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Actor } from '../actor.js';
import type { TestData } from '../data/test-data.js';
import { newBrowser } from './browser-session.js';
import { createThrowawayUser, signInRaw, type RawSession, type ThrowawayUser } from './raw-http.js';

/** A throwaway user in a browser of their own. */
export interface ThrowawayBrowser {
  user: ThrowawayUser;
  context: BrowserContext;
  page: Page;
}

export interface ThrowawaySessions {
  /** A new user of `role` the admin creates for this test, in a browser of their own with no session (or a cookie an attacker planted). */
  signedOut(o: { role: string; team?: 'sales' | 'support'; plantedSid?: string }): Promise<ThrowawayBrowser>;
  /** The same, signed in over HTTP (the password never reaches a trace): the browser holds the session, `session` is its raw copy. */
  signedIn(o: { role: string; team?: 'sales' | 'support' }): Promise<ThrowawayBrowser & { session: RawSession }>;
  /** Another browser of its own, on the run's CRM or the CRM at `origin`, holding a copied session cookie when `sid` is given. */
  browserWith(sid: string | undefined, origin?: string): Promise<Page>;
}

/**
 * The `throwaway` fixture of the session tests: users only this test knows (logging them out,
 * locking or demoting them disturbs nobody), each in a browser context that is closed after the test.
 */
export async function throwawaySessions({ browser, admin, data }: { browser: Browser; admin: Actor; data: TestData }, use: (t: ThrowawaySessions) => Promise<void>): Promise<void> {
  const contexts: BrowserContext[] = [];
  const open = async (sid?: string, origin?: string): Promise<Page> => {
    const context = await newBrowser(browser, sid, origin);
    contexts.push(context);
    return context.newPage();
  };
  const signedOut: ThrowawaySessions['signedOut'] = async ({ plantedSid, ...o }) => {
    const user = await createThrowawayUser(admin, { ...o, tag: data.tag });
    const page = await open(plantedSid);
    return { user, page, context: page.context() };
  };
  try {
    await use({
      signedOut,
      async signedIn(o) {
        const user = await createThrowawayUser(admin, { ...o, tag: data.tag });
        const session = await signInRaw(user.username, user.password);
        const page = await open(session.sid);
        return { user, session, page, context: page.context() };
      },
      browserWith: open,
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}
