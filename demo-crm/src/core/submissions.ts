/**
 * Once-only forms. A key form (save lead, add quote line, record payment, ticket reply) carries a
 * one-time token in the hidden field `_submission`, new on every render. The write records the token
 * inside its own transaction; the same form sent again — a double click, a retry after a lost answer,
 * the browser resending — is answered with where the first one went, and nothing is written twice.
 * A write that never committed (the CRM crashed in the middle) left no token, so the retry writes it.
 *
 * Defect switch form-submitted-twice: the token is rendered but never checked or recorded.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, raw, type SafeHtml } from './html.js';
import { redirectWithToast } from './http.js';

export const SUBMISSION_FIELD = '_submission';
export const ALREADY_SAVED_TOAST = 'Already saved: this form had been sent before, so nothing was saved twice';

declare module 'fastify' {
  interface FastifyRequest {
    /** the token of a once-only form being saved by this request; claimed by the write */
    submissionToken: string | null;
  }
}

function checked(req: FastifyRequest): boolean {
  return !req.server.crm.faults.on('form-submitted-twice');
}

/**
 * The attributes and hidden token of a once-only form. `data-submit-js`: the page script sends it
 * itself and explains a network failure; `data-submit-once`: the submit button locks while it is on
 * its way. Defect switch form-post-error-blank leaves the script out (a plain browser post).
 */
export function onceOnlyForm(req: FastifyRequest): { attrs: SafeHtml; field: SafeHtml } {
  const { faults } = req.server.crm;
  const attrs = faults.on('form-post-error-blank') ? '' : faults.on('form-submitted-twice') ? ' data-submit-js' : ' data-submit-js data-submit-once';
  return { attrs: raw(attrs), field: html`<input type="hidden" name="${SUBMISSION_FIELD}" value="${crypto.randomUUID()}">` };
}

function tokenOf(req: FastifyRequest): string | null {
  const value = (req.body as Record<string, unknown> | undefined)?.[SUBMISSION_FIELD];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;
}

/**
 * Before a once-only form's write: answers a resend with where the first submission went (and says
 * so in the toast); otherwise remembers the token for `claimSubmission` and returns null.
 */
export function answerResend(req: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  const token = tokenOf(req);
  if (!token || !req.user || !checked(req)) return null;
  const done = req.server.crm.db
    .prepare('SELECT location FROM form_submissions WHERE token = ? AND user_id = ?')
    .get(token, req.user.id) as { location: string } | undefined;
  if (done) return redirectWithToast(reply, req, done.location, ALREADY_SAVED_TOAST);
  req.submissionToken = token;
  return null;
}

/** Inside the write's transaction: the form's token is used, its answer is `location`. No-op for the API. */
export function claimSubmission(req: FastifyRequest, location: string): void {
  const token = req.submissionToken;
  if (!token || !req.user || !checked(req)) return;
  req.server.crm.db
    .prepare('INSERT INTO form_submissions (token, user_id, location, created_at) VALUES (?, ?, ?, ?)')
    .run(token, req.user.id, location, new Date().toISOString());
}

/** At start-up: a token is kept a week, far longer than anyone retries a form. */
export function forgetOldSubmissions(db: Database): void {
  db.prepare('DELETE FROM form_submissions WHERE created_at < ?').run(new Date(Date.now() - 7 * 86_400_000).toISOString());
}
