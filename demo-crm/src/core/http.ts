import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { html, raw, type SafeHtml } from './html.js';
import { can } from './permissions.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? String(body.message ?? body.error ?? status));
  }
}

export class ValidationError extends HttpError {
  constructor(readonly fields: Record<string, string>) {
    super(400, { error: 'validation', message: 'Some fields are invalid', fields });
  }
}

/** A business rule refused the request (wrong status, overpayment…): 409 with a sentence for people. */
export function conflict(message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpError(409, { error: 'conflict', message, ...extra });
}

export function notFound(message = 'Not found'): never {
  throw new HttpError(404, { error: 'not_found', message });
}

/** Validates input; each zod issue becomes "field → human message". */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    fields[key] ??= issue.message;
  }
  throw new ValidationError(fields);
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

const TOAST_COOKIE = 'crm_toast';

/** Sent by the page script with a form it submits itself (static/app.js): it wants to know where to go, not to be sent there. */
export const SCRIPT_SUBMIT_HEADER = 'x-crm-submit';

/** Success of a form post: 303 to `url` with a toast; a form the page script sent gets `{ location }` and goes there itself. */
export function redirectWithToast(reply: FastifyReply, req: FastifyRequest, url: string, toast?: string): FastifyReply {
  if (toast) reply.setCookie(TOAST_COOKIE, encodeURIComponent(toast), { path: '/', httpOnly: true, sameSite: 'lax' });
  if (req.headers[SCRIPT_SUBMIT_HEADER] === 'fetch') return reply.code(200).send({ location: url });
  return reply.code(303).redirect(url);
}

function takeToast(req: FastifyRequest, reply: FastifyReply): string | null {
  const value = req.cookies[TOAST_COOKIE];
  if (!value) return null;
  reply.clearCookie(TOAST_COOKIE, { path: '/' });
  try {
    return decodeURIComponent(value).slice(0, 300);
  } catch {
    return null;
  }
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  status?: number;
  /** portal pages use the customer layout */
  portal?: boolean;
}

export function renderLayout(req: FastifyRequest, reply: FastifyReply, o: PageOptions): string {
  const crm = req.server.crm;
  const user = req.user;
  const toast = takeToast(req, reply);
  const faults = crm.faults.list();
  const nav = user && !o.portal
    ? crm.nav.filter((n) => can(user, n.object, 'list') || (n.object === 'dashboard' && can(user, 'dashboard', 'view')))
    : [];
  const unread = user
    ? (crm.db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(user.id) as { n: number }).n
    : 0;
  const path = req.url.split('?')[0] ?? '/';
  const home = o.portal ? '/portal' : '/';
  return html`<!doctype html>
<html lang="en" data-time-zone="${crm.faults.on('times-shown-in-utc') ? 'utc' : 'viewer'}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${o.title} · Demo CRM</title>
  <link rel="stylesheet" href="/static/app.css">
  <script src="/static/app.js" defer></script>
</head>
<body class="${o.portal ? 'portal' : 'staff'}">
  <a class="skip-link" href="#main">Skip to content</a>
  ${faults.length ? html`<div class="fault-banner" role="note" data-testid="fault-banner">Defect switches active: ${faults.join(', ')}</div>` : ''}
  <header class="topbar">
    <a class="brand" href="${home}">${o.portal ? 'Demo CRM · Customer portal' : 'Demo CRM'}</a>
    ${user ? html`<div class="userbox">
      ${o.portal ? '' : html`<a href="/notifications" class="notif-link">Notifications${unread ? html` <span class="count" data-testid="notification-count">${unread}</span>` : ''}</a>`}
      <span data-testid="current-user">${user.displayName}</span>
      <span class="role muted">${user.role.replace('_', ' ')}</span>
      <form method="post" action="${o.portal ? '/portal/logout' : '/logout'}" class="inline-form">
        <input type="hidden" name="_csrf" value="${req.csrfToken ?? ''}"><button type="submit" class="btn btn-link">Log out</button>
      </form></div>` : ''}
  </header>
  <div class="shell${nav.length ? '' : ' no-nav'}">
    ${nav.length ? html`<nav aria-label="Main" class="sidenav"><ul>${nav.map(
      (n) => html`<li><a href="${n.href}"${(n.href === '/' ? path === '/' : path === n.href || path.startsWith(`${n.href}/`)) ? raw(' aria-current="page"') : ''}>${n.label}</a></li>`,
    )}</ul></nav>` : ''}
    <main id="main" tabindex="-1">
      ${toast ? html`<div class="toast" role="status" data-testid="toast"><span>${toast}</span><button type="button" class="toast-close" aria-label="Dismiss">×</button></div>` : ''}
      ${o.body}
    </main>
  </div>
</body>
</html>`.value;
}

export function sendPage(reply: FastifyReply, req: FastifyRequest, o: PageOptions): FastifyReply {
  return reply.code(o.status ?? 200).type('text/html; charset=utf-8').send(renderLayout(req, reply, o));
}

export function accessDeniedBody(): SafeHtml {
  return html`<div class="denied" data-testid="access-denied"><h1>Access denied</h1>
  <p>Your role does not allow this page or record. The attempt has been recorded.</p><p><a href="/">Back to the dashboard</a></p></div>`;
}

export function notFoundBody(message: string): SafeHtml {
  return html`<div class="not-found" data-testid="not-found"><h1>Not found</h1><p>${message}</p><p><a href="/">Back to the dashboard</a></p></div>`;
}

export function errorPageBody(status: number, message: string): SafeHtml {
  return html`<div class="error-page" data-testid="error-page"><h1>${status === 409 ? 'Action not allowed' : 'Something went wrong'}</h1><p role="alert">${message}</p><p><a href="/">Back to the dashboard</a></p></div>`;
}
