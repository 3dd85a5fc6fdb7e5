import type { Browser, BrowserContext, Cookie } from '@playwright/test';
import { env } from '../../../fixtures/env.js';
import { SESSION_COOKIE } from '../http.js';

/** A browser of its own for a session test (never an actor's context: those sessions are shared). */
export function newBrowser(browser: Browser, sid?: string): Promise<BrowserContext> {
  const url = new URL(env.crmBaseUrl);
  return browser.newContext({
    baseURL: env.crmBaseUrl,
    ignoreHTTPSErrors: url.protocol === 'https:',
    storageState: {
      cookies: sid ? [{ name: SESSION_COOKIE, value: sid, domain: url.hostname, path: '/', expires: -1, httpOnly: true, secure: url.protocol === 'https:', sameSite: 'Lax' }] : [],
      origins: [],
    },
  });
}

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** The CRM serves HTTPS in this run (CRM_BASE_URL=https://…): cookies must then be Secure. */
export const overHttps = (): boolean => new URL(env.crmBaseUrl).protocol === 'https:';
