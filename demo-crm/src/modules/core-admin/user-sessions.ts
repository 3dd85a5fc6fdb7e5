import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../core/audit.js';
import { authorize, hashPassword } from '../../core/auth.js';
import { notFound, redirectWithToast, ValidationError } from '../../core/http.js';
import { PASSWORD_MIN_CHARACTERS, passwordProblem } from '../../core/password-policy.js';

/**
 * Containing an account that may be in the wrong hands (README, "Incident response"): the admin signs
 * the user out everywhere, or resets the password, which also ends every session begun with the old
 * one. Either way the sessions end at once — the next request of each is refused — and the audit log
 * says how many ended.
 */

const sessionsText = (n: number): string => `${n} session${n === 1 ? '' : 's'} ended`;

function usernameOf(req: FastifyRequest, id: number): string {
  const row = req.server.crm.db.prepare('SELECT username FROM users WHERE id = ?').get(id) as { username: string } | undefined;
  if (!row) notFound('No such user');
  return row.username;
}

/**
 * Ends the user's sessions but the one making this request (an admin acting on their own account stays
 * signed in there). Defect switch sign-out-everywhere-ends-one ends only the newest.
 */
function endSessions(req: FastifyRequest, userId: number): number {
  const { db, faults } = req.server.crm;
  const keep = req.sessionId ?? '';
  if (faults.on('sign-out-everywhere-ends-one')) {
    return db.prepare('DELETE FROM sessions WHERE id = (SELECT id FROM sessions WHERE user_id = ? AND id <> ? ORDER BY created_at DESC LIMIT 1)').run(userId, keep).changes;
  }
  return db.prepare('DELETE FROM sessions WHERE user_id = ? AND id <> ?').run(userId, keep).changes;
}

/** Signs the user out everywhere; returns the username and how many sessions ended. */
function signOutEverywhere(req: FastifyRequest, id: number): { username: string; ended: number } {
  const username = usernameOf(req, id);
  const ended = req.server.crm.db.transaction(() => endSessions(req, id))();
  audit(req, { action: 'sessions_ended', object: 'user', recordId: id, summary: `signed out everywhere: ${sessionsText(ended)}` });
  return { username, ended };
}

/**
 * Sets a new password — within the password policy — and ends the sessions begun with the old one.
 * Defect switch password-reset-keeps-sessions leaves them signed in.
 */
export function resetPassword(req: FastifyRequest, id: number, password: string): void {
  const { db, faults } = req.server.crm;
  const problem = passwordProblem(password, usernameOf(req, id));
  // defect switch password-policy-skipped-on-reset: a reset checks the length alone
  if (problem && !(faults.on('password-policy-skipped-on-reset') && [...password].length >= PASSWORD_MIN_CHARACTERS)) {
    throw new ValidationError({ password: problem });
  }
  const ended = db.transaction(() => {
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(password, faults), id);
    return faults.on('password-reset-keeps-sessions') ? 0 : endSessions(req, id);
  })();
  audit(req, { action: 'update', object: 'user', recordId: id, summary: `password reset; ${sessionsText(ended)}` });
}

export function registerUserSessionRoutes(app: FastifyInstance): void {
  const idOf = (req: FastifyRequest) => Number((req.params as { id: string }).id);
  app.post('/admin/users/:id/sign-out', (req, reply) => {
    authorize(req, 'user', 'edit');
    const { username, ended } = signOutEverywhere(req, idOf(req));
    return redirectWithToast(reply, req, `/admin/users?q=${encodeURIComponent(username)}`, `${username} is signed out everywhere: ${sessionsText(ended)}`);
  });
  app.post('/api/users/:id/sign-out', (req) => {
    authorize(req, 'user', 'edit');
    return { ended: signOutEverywhere(req, idOf(req)).ended };
  });
}
