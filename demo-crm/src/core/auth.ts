import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from 'better-sqlite3';
import { writeAudit } from './audit.js';
import type { Faults } from './faults.js';
import { HttpError } from './http.js';
import {
  can, canAccessRecord, type Action, type PermissionObject, type RecordOwnership, type Role, type SessionUser,
} from './permissions.js';

export { csrfField } from './components.js';

const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/**
 * The key a session is stored under: the SHA-256 of the cookie's token, so a copy of the database or
 * of a backup holds no token that signs anyone in. Defect switch session-token-stored-in-clear keeps
 * the token itself.
 */
function sessionKey(token: string, faults: Faults): string {
  return faults.on('session-token-stored-in-clear') ? token : sha256(token);
}

export const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };
export const SESSION_COOKIE = 'crm_sid';
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * A salted, deliberately slow hash (scrypt): a stolen copy of the users table costs an attacker a
 * guessing run per user. Defect switch password-hashed-fast stores a password the admin sets or resets
 * as its unsalted SHA-256, as a legacy CRM might: a lookup table gives a guessable one back at once.
 */
export function hashPassword(password: string, faults?: Faults): string {
  if (faults?.on('password-hashed-fast')) return `sha256$${sha256(password)}`;
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string, faults?: Faults): boolean {
  if (faults?.on('password-hashed-fast') && stored.startsWith('sha256$')) return stored === `sha256$${sha256(password)}`;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  team: 'sales' | 'support' | null;
  account_id: number | null;
  contact_id: number | null;
  password_hash: string;
  active: number;
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role,
    team: row.team, accountId: row.account_id, contactId: row.contact_id,
  };
}

/** How often a busy session's idle expiry is pushed on: at most once a minute, so reads do not turn into writes; oftener for short limits. */
function slideStepMs(idleMs: number): number {
  return Math.min(60_000, idleMs / 10);
}

interface SessionRow extends UserRow {
  sid: string;
  csrf_token: string;
  started_at: number;
  expires_at: number;
  last_seen_at: number;
  signed_in_role: Role | null;
}

/**
 * onRequest: resolves the session cookie (real time) into req.user and req.csrfToken. A session ends
 * when unused for the idle limit (sliding) or at its absolute end (sign-in + the maximum lifetime),
 * however busy; a user deactivated meanwhile is refused, and the role is the user's role now.
 */
export function loadSession(req: FastifyRequest, reply: FastifyReply): void {
  req.user = null;
  req.sessionId = null;
  req.csrfToken = '';
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return;
  const { db, config, faults } = req.server.crm;
  const id = sessionKey(token, faults);
  const row = db
    .prepare(`SELECT s.id AS sid, s.csrf_token, s.created_at AS started_at, s.expires_at, s.last_seen_at, s.role AS signed_in_role, u.*
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`)
    .get(id) as SessionRow | undefined;
  const t = Date.now();
  const end = row && !faults.on('session-lifetime-unbounded') ? row.started_at + config.sessionMaxMs : Infinity;
  const renewed = Math.min(t + config.sessionIdleMs, end);
  // the stored expiry is judged before this request renews it (the switch renews first, so an idle session never ends)
  const expiresAt = faults.on('session-renewed-after-expiry') ? renewed : row?.expires_at ?? 0;
  if (!row || expiresAt <= t || row.active !== 1) {
    if (row) db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  if (t - row.last_seen_at >= slideStepMs(config.sessionIdleMs)) {
    db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(t, renewed, id);
  }
  const role = faults.on('role-kept-in-session') ? row.signed_in_role ?? row.role : row.role;
  req.user = toSessionUser({ ...row, role });
  req.sessionId = id;
  req.csrfToken = row.csrf_token;
}

export type LoginResult =
  | { ok: true; user: SessionUser; token: string; csrfToken: string }
  | { ok: false; reason: 'invalid' | 'locked'; message: string };

/** Checks the password with lockout after repeated failures; creates a session on success. */
export function login(req: FastifyRequest, username: string, password: string, portal: boolean): LoginResult {
  const { db, config, faults } = req.server.crm;
  const t = Date.now();
  const name = username.trim().toLowerCase();
  const attempts = db.prepare('SELECT failed_count, locked_until FROM login_attempts WHERE username = ?').get(name) as
    | { failed_count: number; locked_until: number | null }
    | undefined;
  if (attempts?.locked_until && attempts.locked_until > t && !faults.on('lockout-disabled')) {
    const minutes = Math.ceil((attempts.locked_until - t) / 60_000);
    writeAudit(db, { id: null, name }, { action: 'login_locked', object: 'session', summary: 'login refused: account locked' }, req.ip);
    return { ok: false, reason: 'locked', message: `This account is locked after ${LOCKOUT_THRESHOLD} failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  }
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(name) as UserRow | undefined;
  const portalMismatch = row ? (row.role === 'customer') !== portal : false;
  const valid = row !== undefined && row.active === 1 && !portalMismatch && verifyPassword(password, row.password_hash, faults);
  if (!valid || !row) {
    const failed = (attempts && (!attempts.locked_until || attempts.locked_until <= t) ? attempts.failed_count : 0) + 1;
    const lockedUntil = failed >= LOCKOUT_THRESHOLD && !faults.on('lockout-disabled') ? t + LOCKOUT_MS : null;
    db.prepare(
      `INSERT INTO login_attempts (username, failed_count, locked_until, last_failed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(username) DO UPDATE SET failed_count = excluded.failed_count, locked_until = excluded.locked_until, last_failed_at = excluded.last_failed_at`,
    ).run(name, lockedUntil ? 0 : failed, lockedUntil, t);
    writeAudit(db, { id: row?.id ?? null, name }, { action: 'login_failed', object: 'session', summary: lockedUntil ? 'failed sign-in; account locked for 15 minutes' : 'failed sign-in' }, req.ip);
    return { ok: false, reason: 'invalid', message: 'Invalid username or password.' };
  }
  db.prepare('DELETE FROM login_attempts WHERE username = ?').run(name);
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  db.prepare('INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, role) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    sessionKey(token, faults), row.id, csrfToken, t, t, t + Math.min(config.sessionIdleMs, config.sessionMaxMs), row.role,
  );
  writeAudit(db, { id: row.id, name: row.username }, { action: 'login', object: 'session', summary: portal ? 'portal sign-in' : 'sign-in' }, req.ip);
  return { ok: true, user: toSessionUser(row), token, csrfToken };
}

/** The browser may keep the cookie for the session's whole lifetime: the server judges the idle limit. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  const { config, faults } = req.server.crm;
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: config.https && !faults.on('session-cookie-not-secure'),
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export function logout(req: FastifyRequest, reply: FastifyReply): void {
  if (req.sessionId) req.server.crm.db.prepare('DELETE FROM sessions WHERE id = ?').run(req.sessionId);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function currentUser(req: FastifyRequest): SessionUser | null {
  return req.user;
}

/** Portal paths are for customers only, every other signed-in path for staff only. */
export function isPortalPath(url: string): boolean {
  return url === '/portal' || url.startsWith('/portal/') || url.startsWith('/portal?') || url.startsWith('/api/portal/');
}

export class LoginRedirect extends HttpError {
  constructor(readonly location: string) {
    super(401, { error: 'unauthenticated', message: 'Sign in required' });
  }
}

export function requireUser(req: FastifyRequest): SessionUser {
  const user = req.user;
  const portal = isPortalPath(req.url);
  if (!user) {
    if (req.url.startsWith('/api/')) throw new HttpError(401, { error: 'unauthenticated', message: 'Sign in required' });
    const loginPath = portal ? '/portal/login' : '/login';
    throw new LoginRedirect(`${loginPath}?next=${encodeURIComponent(req.url)}`);
  }
  if ((user.role === 'customer') !== portal) {
    deny(req, portal ? 'portal' : 'staff_area', 'view');
  }
  return user;
}

/** Records the denial in the audit log and throws 403. */
export function deny(req: FastifyRequest, object: string, action: string, recordId?: number | string | null): never {
  const user = req.user;
  writeAudit(
    req.server.crm.db,
    { id: user?.id ?? null, name: user?.username ?? 'anonymous' },
    { action: 'permission_denied', object, recordId: recordId ?? null, summary: `${req.method} ${req.url.split('?')[0]} (${action})` },
    req.ip,
  );
  throw new HttpError(403, { error: 'forbidden', message: 'You do not have permission to do this.' });
}

export function authorize(req: FastifyRequest, object: PermissionObject, action: Action): SessionUser {
  const user = requireUser(req);
  if (!can(user, object, action)) deny(req, object, action);
  return user;
}

export function authorizeRecord(
  req: FastifyRequest,
  object: PermissionObject,
  action: Action,
  ownership: RecordOwnership,
  recordId: number | string,
): SessionUser {
  const user = requireUser(req);
  if (!canAccessRecord(user, object, action, ownership)) deny(req, object, action, recordId);
  return user;
}

const CSRF_EXEMPT = new Set(['/login', '/portal/login', '/api/auth/login']);

/** preHandler: every state-changing request of a signed-in user must carry the session's CSRF token. */
export function verifyCsrf(req: FastifyRequest): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  const path = req.url.split('?')[0] ?? '';
  if (CSRF_EXEMPT.has(path)) return;
  if (!req.user) return; // the route itself answers 401 / redirects to sign-in
  if (req.server.crm.faults.on('csrf-missing-on-payment') && /\/payments$/.test(path)) return;
  const header = req.headers['x-csrf-token'];
  const body = req.body as Record<string, unknown> | undefined;
  const query = req.query as Record<string, unknown> | undefined;
  const sent = (typeof header === 'string' && header) || (typeof body?._csrf === 'string' && body._csrf) ||
    (req.isMultipart() && typeof query?._csrf === 'string' ? query._csrf : '');
  const expected = req.csrfToken;
  const ok = typeof sent === 'string' && sent.length === expected.length && expected.length > 0 &&
    crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    writeAudit(req.server.crm.db, { id: req.user.id, name: req.user.username }, { action: 'csrf_rejected', object: 'request', summary: `${req.method} ${path}` }, req.ip);
    throw new HttpError(403, { error: 'csrf', message: 'The form has expired or the security token is missing. Reload the page and try again.' });
  }
}

/**
 * At start-up: expired sessions go; live ones stay, so a restart (or a crash) never signs anyone out.
 * Defect switch sessions-dropped-on-restart compares the creation time instead, which every session
 * has passed.
 */
export function cleanupSessions(db: Database, faults: Faults): void {
  const column = faults.on('sessions-dropped-on-restart') ? 'created_at' : 'expires_at';
  db.prepare(`DELETE FROM sessions WHERE ${column} <= ?`).run(Date.now());
}
