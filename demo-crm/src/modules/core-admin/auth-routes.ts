import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { login, logout, setSessionCookie } from '../../core/auth.js';
import type { Faults } from '../../core/faults.js';
import { errorSummary, field, html } from '../../core/html.js';
import { parseInput, redirectWithToast, sendPage } from '../../core/http.js';

const loginSchema = z.object({
  username: z.string({ error: 'Enter your username' }).trim().min(1, 'Enter your username').max(100),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
});

const OWN_ORIGIN = 'http://crm.invalid';

/**
 * Where a sign-in goes on to: `next` only when it is a page of this CRM, as a browser would read it —
 * `/\host` and a tab inside `//` lead to another site in a browser, so the check parses the way a
 * browser does (WHATWG URL) instead of looking at the first characters. Defect switch
 * sign-in-next-unchecked follows any `next` that begins with a slash.
 */
function safeNext(next: unknown, fallback: string, faults: Faults): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return fallback;
  if (faults.on('sign-in-next-unchecked')) return next;
  try {
    const url = new URL(next, OWN_ORIGIN);
    return url.origin === OWN_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

function loginPage(req: FastifyRequest, reply: FastifyReply, portal: boolean, o: { error?: string; fields?: Record<string, string>; username?: string; status?: number }) {
  const action = portal ? '/portal/login' : '/login';
  const next = (req.query as Record<string, string> | undefined)?.next;
  const body = html`<div class="login-card">
    <h1>${portal ? 'Customer portal sign in' : 'Sign in'}</h1>
    ${o.error ? html`<div class="error-summary" role="alert">${o.error}</div>` : errorSummary(o.fields)}
    <form method="post" action="${action}" class="form" novalidate>
      ${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
      ${field({ name: 'username', label: 'Username', value: o.username ?? '', error: o.fields?.username, required: true, autocomplete: 'username' })}
      ${field({ name: 'password', label: 'Password', type: 'password', error: o.fields?.password, required: true, autocomplete: 'current-password' })}
      <div class="form-actions"><button type="submit" class="btn btn-primary">Sign in</button></div>
    </form>
    ${portal ? html`<p class="muted">Staff? <a href="/login">Sign in here</a>.</p>` : html`<p class="muted">Customer? <a href="/portal/login">Use the customer portal</a>.</p>`}
  </div>`;
  return sendPage(reply, req, { title: portal ? 'Portal sign in' : 'Sign in', body, status: o.status ?? 200, portal });
}

export function registerAuthRoutes(app: FastifyInstance): void {
  for (const portal of [false, true]) {
    const path = portal ? '/portal/login' : '/login';
    const home = portal ? '/portal' : '/';
    app.get(path, (req, reply) => {
      if (req.user && (req.user.role === 'customer') === portal) return reply.redirect(home);
      return loginPage(req, reply, portal, {});
    });
    app.post(path, (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let input: z.infer<typeof loginSchema>;
      try {
        input = parseInput(loginSchema, body);
      } catch (e) {
        const fields = (e as { fields?: Record<string, string> }).fields ?? {};
        return loginPage(req, reply, portal, { fields, username: String(body.username ?? ''), status: 400 });
      }
      const result = login(req, input.username, input.password, portal);
      if (!result.ok) return loginPage(req, reply, portal, { error: result.message, username: input.username, status: result.reason === 'locked' ? 423 : 401 });
      setSessionCookie(req, reply, result.token);
      return reply.code(303).redirect(safeNext(body.next, home, req.server.crm.faults));
    });
  }

  for (const path of ['/logout', '/portal/logout']) {
    app.post(path, (req, reply) => {
      const portal = req.user?.role === 'customer';
      logout(req, reply);
      return redirectWithToast(reply, req, portal ? '/portal/login' : '/login', 'You have been signed out.');
    });
  }

  app.post('/api/auth/login', (req, reply) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send JSON: Content-Type: application/json' });
    }
    const body = parseInput(loginSchema.extend({ portal: z.boolean().optional() }), req.body);
    const result = login(req, body.username, body.password, body.portal === true);
    if (!result.ok) return reply.code(result.reason === 'locked' ? 423 : 401).send({ error: result.reason, message: result.message });
    setSessionCookie(req, reply, result.token);
    return { user: result.user, csrfToken: result.csrfToken };
  });

  app.post('/api/auth/logout', (req, reply) => {
    logout(req, reply);
    return reply.code(204).send();
  });

  app.get('/api/session', (req, reply) => {
    if (!req.user) return reply.code(401).send({ error: 'unauthenticated', message: 'Sign in required' });
    return { user: req.user, csrfToken: req.csrfToken };
  });

  app.get('/api/health', (req) => {
    const { config, faults, db } = req.server.crm;
    db.prepare('SELECT 1').get();
    return { status: 'ok', version: config.version, testMode: config.testMode, faults: faults.list() };
  });
}
