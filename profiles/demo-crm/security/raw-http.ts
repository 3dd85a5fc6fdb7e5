import crypto from 'node:crypto';
import { env } from '../../../fixtures/env.js';
import type { Actor } from '../actor.js';
import { currentSession } from '../api/session.js';
import { apiLogin, LoginFailedError, SESSION_COOKIE } from '../http.js';

/**
 * Plain HTTP to the CRM for the session and CSRF suites: a session of its own (never a role's stored
 * one, so logging it out or locking its user cannot disturb other tests), every header under the
 * test's control, and nothing traced — the passwords of the throwaway users never reach a report.
 */
export interface RawSession {
  username: string;
  /** the crm_sid cookie value */
  sid: string;
  csrfToken: string;
  /** the CRM this session belongs to, when not the run's (a CRM of the test's own) */
  origin?: string;
}

export interface RawAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface RawRequest {
  /** send the session's CSRF token (header) */
  token?: boolean;
  json?: unknown;
  /** an HTML form post (application/x-www-form-urlencoded) */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function rawRequest(session: RawSession | null, method: string, path: string, o: RawRequest = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (session) headers.cookie = `${SESSION_COOKIE}=${session.sid}`;
  if (session && o.token) headers['x-csrf-token'] = session.csrfToken;
  let body: string | undefined;
  if (o.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(o.form).toString();
  } else if (o.json !== undefined || !['GET', 'HEAD'].includes(method)) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json ?? {});
  }
  const response = await fetch((session?.origin ?? env.crmBaseUrl) + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A session of its own on the run's CRM, or on the CRM at `origin` (a CRM of the test's own). */
export async function signInRaw(username: string, password: string, portal = false, origin?: string): Promise<RawSession> {
  const login = await apiLogin(origin ?? env.crmBaseUrl, { username, password, loginKind: portal ? 'portal' : 'staff' });
  return { username, sid: login.sessionId, csrfToken: login.csrfToken, ...(origin ? { origin } : {}) };
}

/** What a sign-in over HTTP gets: "signed in", or the refusal's HTTP status ("HTTP 401"). */
export async function signInOutcome(username: string, password: string): Promise<string> {
  try {
    await signInRaw(username, password);
    return 'signed in';
  } catch (error) {
    if (error instanceof LoginFailedError) return /HTTP (\d+)/.exec(error.message)?.[0] ?? error.message;
    throw error;
  }
}

/** A fresh session of a configured role (its stored browser session is left alone). */
export function signInRole(role: string): Promise<RawSession> {
  const creds = env.roles[role];
  if (!creds) throw new Error(`no credentials for role ${role}`);
  return signInRaw(creds.username, creds.password, creds.loginKind === 'portal');
}

export interface ThrowawayUser {
  id: number;
  username: string;
  password: string;
}

/** The admin's own session, as raw HTTP (to create throwaway users without tracing their password). */
async function adminSession(admin: Actor): Promise<RawSession> {
  const sid = (await admin.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
  if (!sid) throw new Error('the admin actor has no session cookie');
  return { username: 'admin', sid, csrfToken: (await currentSession(admin.api)).csrfToken };
}

export interface ThrowawayUserSpec {
  role: string;
  team?: 'sales' | 'support';
  tag: string;
}

/** The body of POST /api/users for a new user of `role` with a random password only this test knows. */
export function throwawayUserInput(o: ThrowawayUserSpec): { username: string; password: string; input: Record<string, string> } {
  const suffix = crypto.randomBytes(4).toString('hex');
  const username = `sec.${o.role.replace(/_/g, '')}.${suffix}`.slice(0, 40);
  const password = `${crypto.randomBytes(12).toString('base64url')}#9a`;
  return { username, password, input: { username, displayName: `${o.tag} ${username}`, email: `${username}@example.test`, role: o.role, team: o.team ?? '', password } };
}

/** The new user, from the CRM's answer to POST /api/users; anything but 201 is an error naming the user, never the password. */
export function createdUser(spec: { username: string; password: string }, answer: { status: number; body: unknown }): ThrowawayUser {
  if (answer.status !== 201) throw new Error(`creating the throwaway user ${spec.username} answered HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { id: (answer.body as { id: number }).id, username: spec.username, password: spec.password };
}

/** The admin as raw HTTP: a raw session as it is (on a CRM of the test's own too), an actor through its own session. */
async function asAdmin(admin: Actor | RawSession): Promise<RawSession> {
  return 'sid' in admin ? admin : adminSession(admin);
}

/** A new user of `role`, created by the admin, with a random password only this test knows. */
export async function createThrowawayUser(admin: Actor | RawSession, o: ThrowawayUserSpec): Promise<ThrowawayUser> {
  const spec = throwawayUserInput(o);
  return createdUser(spec, await rawRequest(await asAdmin(admin), 'POST', '/api/users', { token: true, json: spec.input }));
}

/** Deactivates or reactivates a user as the admin (raw, so the stored admin session is untouched). */
export async function setUserActive(admin: Actor | RawSession, userId: number, active: boolean): Promise<RawAnswer> {
  return rawRequest(await asAdmin(admin), 'PATCH', `/api/users/${userId}`, { token: true, json: { active } });
}

/** Resets a user's password as the admin (raw, so the new password never reaches a trace). */
export async function resetPassword(admin: Actor | RawSession, userId: number, password: string): Promise<RawAnswer> {
  return rawRequest(await asAdmin(admin), 'PATCH', `/api/users/${userId}`, { token: true, json: { password } });
}
