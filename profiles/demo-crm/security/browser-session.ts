import type { Browser, BrowserContext, Cookie } from '@playwright/test';
import { env } from '../../../fixtures/env.js';
import { SESSION_COOKIE } from '../http.js';

/** A browser of its own for a session test (never an actor's context: those sessions are shared), on the run's CRM or `origin`. */
export function newBrowser(browser: Browser, sid?: string, origin = env.crmBaseUrl): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: origin,
    ignoreHTTPSErrors: new URL(origin).protocol === 'https:',
    storageState: { cookies: sid ? [sessionCookieOf(origin, sid)] : [], origins: [] },
  });
}

/** The session cookie `sid` of the CRM at `origin`, as a browser keeps it (no expiry of its own: the server decides). */
export function sessionCookieOf(origin: string, sid: string): Cookie {
  const url = new URL(origin);
  return { name: SESSION_COOKIE, value: sid, domain: url.hostname, path: '/', expires: -1, httpOnly: true, secure: url.protocol === 'https:', sameSite: 'Lax' };
}

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** The CRM serves HTTPS in this run (CRM_BASE_URL=https://…): cookies must then be Secure. */
export const overHttps = (): boolean => new URL(env.crmBaseUrl).protocol === 'https:';
