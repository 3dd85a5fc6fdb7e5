import type { RoleCredentials } from '../../fixtures/config/env-schema.js';
import { CrmUnreachableError, type StorageState } from '../../fixtures/profile.js';

import { networkReason } from '../../fixtures/net.js';

export { CrmUnreachableError };

/**
 * Plain Node HTTP calls to the CRM for the framework's own bookkeeping (health, session checks,
 * re-login). Deliberately outside Playwright: nothing here is traced or reported, so a password sent
 * to /api/auth/login can never end up in a trace or a step title.
 */
export const SESSION_COOKIE = 'crm_sid';

export interface DemoHealth {
  status: string;
  version: string;
  testMode: boolean;
  faults: string[];
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
}


export async function fetchHealth(baseUrl: string, timeoutMs = 5_000): Promise<DemoHealth> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new CrmUnreachableError(
      `The CRM at ${baseUrl} is not reachable (${networkReason(e)}). Start it (npm run crm), let the flows start the bundled one ` +
        `(START_CRM=true), or fix CRM_BASE_URL.`,
    );
  }
  const text = await response.text();
  let body: Partial<DemoHealth> = {};
  try {
    body = JSON.parse(text) as Partial<DemoHealth>;
  } catch {
    // fall through to the message below: an HTML page here means the URL is not this kind of CRM
  }
  if (!response.ok || body.status !== 'ok') {
    throw new CrmUnreachableError(
      `The CRM at ${baseUrl} answered GET /api/health with HTTP ${response.status} and no {"status":"ok"}; ` +
        'this is not the bundled reference CRM: check CRM_BASE_URL, or set CRM_PROFILE to the profile of the CRM that runs there (profiles/).',
    );
  }
  return { status: 'ok', version: String(body.version ?? 'unknown'), testMode: body.testMode === true, faults: body.faults ?? [] };
}

export interface ApiLogin {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
}

export class LoginFailedError extends Error {}

/** Signs a role in through the JSON API. The error names the user and status, never the password. */
export async function apiLogin(baseUrl: string, creds: Pick<RoleCredentials, 'username' | 'password' | 'loginKind'>): Promise<ApiLogin> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: creds.username, password: creds.password, ...(creds.loginKind === 'portal' ? { portal: true } : {}) }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json().catch(() => ({}))) as { user?: SessionUser; csrfToken?: string; message?: string };
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!response.ok || !cookie || !body.user || !body.csrfToken) {
    throw new LoginFailedError(
      `Login as "${creds.username}" failed: HTTP ${response.status}${body.message ? ` (${body.message})` : ''}.`,
    );
  }
  const sessionId = cookie.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? '';
  return { sessionId, csrfToken: body.csrfToken, user: body.user };
}

/** GET /api/session with a stored cookie: the user when the CRM still accepts it, null on 401. */
export async function sessionUser(baseUrl: string, sessionId: string): Promise<SessionUser | null> {
  const response = await fetch(`${baseUrl}/api/session`, {
    headers: { cookie: `${SESSION_COOKIE}=${sessionId}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/session answered HTTP ${response.status}`);
  return ((await response.json()) as { user: SessionUser }).user;
}

/** The Playwright storage state a browser context needs to carry this session. */
export function storageStateFor(baseUrl: string, sessionId: string): StorageState {
  const url = new URL(baseUrl);
  return {
    cookies: [
      {
        name: SESSION_COOKIE,
        value: sessionId,
        domain: url.hostname,
        path: '/',
        expires: -1,
        httpOnly: true,
        secure: url.protocol === 'https:',
        sameSite: 'Lax',
      },
    ],
    origins: [],
  };
}

export function sessionIdOf(state: StorageState): string | undefined {
  return state.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

/** Ends a session on the server (as a logout would), leaving whatever stored copy of it stale. */
export async function revokeSession(baseUrl: string, sessionId: string): Promise<void> {
  const cookie = `${SESSION_COOKIE}=${sessionId}`;
  const session = await fetch(`${baseUrl}/api/session`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
  if (!session.ok) throw new Error(`cannot revoke: GET /api/session answered HTTP ${session.status}`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/logout`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`POST /api/auth/logout answered HTTP ${response.status}`);
}
