import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { Database } from 'better-sqlite3';
import type { CrmConfig } from '../config.js';
import { CLOCK_HEADER } from './clock.js';
import { HOLD_WRITE_HEADER, WRITE_POINTS } from './crash-point.js';
import { LoginRedirect, loadSession, verifyCsrf } from './auth.js';
import type { DashboardWidget } from './dashboard.js';
import type { Faults } from './faults.js';
import {
  accessDeniedBody, errorPageBody, HttpError, isApiRequest, notFoundBody, sendPage,
} from './http.js';
import type { AppContext, CrmModule, NavItem } from './module.js';
import type { SessionUser } from './permissions.js';
import { rememberResponse } from './response-cache.js';
import { registerRouteList } from './route-list.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionId: string | null;
    csrfToken: string;
    testOffsetMs: number;
  }
  interface FastifyInstance {
    crm: AppContext & { nav: NavItem[]; widgets: DashboardWidget[] };
  }
}

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
  "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/**
 * The stylesheet as served. Defect switches: muted-text-low-contrast lightens the secondary text;
 * table-text-too-small shrinks the text of table cells to 11 px (more columns fit, fewer people read them).
 */
function styleSheet(css: string, faults: Faults): string {
  const muted = faults.on('muted-text-low-contrast') ? css.replace('--muted: #5b6675', '--muted: #a3acb8') : css;
  return faults.on('table-text-too-small') ? `${muted}\n.data-table td { font-size: 11px; }\n` : muted;
}

const STATIC_FILES: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };

export function buildApp(
  ctx: { db: Database; config: CrmConfig; faults: Faults },
  modules: readonly CrmModule[],
  options: { https?: { key: Buffer; cert: Buffer } } = {},
): FastifyInstance {
  // Fastify's https overload returns a differently typed instance; the app code is the same for both.
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024, trustProxy: false, ...options } as object) as unknown as FastifyInstance;
  const nav = modules.flatMap((m) => m.nav).sort((a, b) => a.order - b.order);
  app.decorate('crm', { ...ctx, nav, widgets: [] });
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('testOffsetMs', 0);
  app.decorateRequest('submissionToken', null);

  registerRouteList(app, ctx.config.testMode);
  void app.register(cookie);
  void app.register(formbody);
  void app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });

  app.addHook('onRequest', async (req, reply) => {
    const offset = req.headers[CLOCK_HEADER];
    if (offset !== undefined) {
      if (!ctx.config.testMode) {
        return reply.code(400).send({ error: 'test_clock_disabled', message: 'X-Test-Clock-Offset-Ms is only accepted when the CRM runs in test mode (CRM_TEST_MODE=1).' });
      }
      const ms = Number(offset);
      if (!Number.isSafeInteger(ms)) return reply.code(400).send({ error: 'validation', fields: { [CLOCK_HEADER]: 'Must be an integer number of milliseconds' } });
      req.testOffsetMs = ms;
    }
    const hold = req.headers[HOLD_WRITE_HEADER];
    if (hold !== undefined) {
      if (!ctx.config.testMode) {
        return reply.code(400).send({ error: 'test_hold_disabled', message: 'X-Test-Hold-Write is only accepted when the CRM runs in test mode (CRM_TEST_MODE=1).' });
      }
      if (!(WRITE_POINTS as readonly string[]).includes(String(hold))) {
        return reply.code(400).send({ error: 'validation', fields: { [HOLD_WRITE_HEADER]: `Must name a crash point: ${WRITE_POINTS.join(', ')}` } });
      }
    }
    loadSession(req, reply);
    return undefined;
  });
  app.addHook('preHandler', async (req) => {
    verifyCsrf(req);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // defect switch security-headers-missing-on-errors: the headers are set on successful answers only
    if (reply.statusCode < 400 || !ctx.faults.on('security-headers-missing-on-errors')) {
      // defect switch csp-allows-inline-script: an inline <script> (an injected one too) would run
      reply.header('Content-Security-Policy', ctx.faults.on('csp-allows-inline-script') ? CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : CSP);
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('X-Frame-Options', 'DENY');
      reply.header('Referrer-Policy', 'same-origin');
      if (ctx.config.https) reply.header('Strict-Transport-Security', 'max-age=31536000');
    }
    if (!req.url.startsWith('/static/')) {
      // defect switch no-store-missing-on-api: a proxy or the browser's cache may keep the API's answers
      if (!(ctx.faults.on('no-store-missing-on-api') && req.url.startsWith('/api/'))) reply.header('Cache-Control', 'no-store');
      if (ctx.faults.on('response-cache-leak') && (typeof payload === 'string' || Buffer.isBuffer(payload))) rememberResponse(req.id, req.url, payload);
    }
    return payload;
  });

  app.get('/static/:file', (req, reply) => {
    const file = (req.params as { file: string }).file;
    const type = STATIC_FILES[file];
    if (!type) return reply.code(404).send('Not found');
    const body = fs.readFileSync(path.join(ctx.config.staticDir, file));
    const served = file === 'app.css' ? styleSheet(body.toString('utf8'), ctx.faults) : body;
    return reply.type(type).header('Cache-Control', 'public, max-age=60').send(served);
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof LoginRedirect && !isApiRequest(req)) return reply.code(303).redirect(err.location);
    const e = err as Error & { statusCode?: number; validation?: unknown; code?: string };
    const status = err instanceof HttpError ? err.status : e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    const body: Record<string, unknown> = err instanceof HttpError
      ? err.body
      : status === 500
        ? { error: 'internal', message: 'Unexpected server error' }
        : { error: e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'bad_request', message: e.message };
    if (status === 500) console.error(err);
    if (isApiRequest(req) || req.method !== 'GET' && String(req.headers.accept ?? '').includes('application/json')) {
      return reply.code(status).send(body);
    }
    if (status === 403) return sendPage(reply, req, { title: 'Access denied', body: accessDeniedBody(), status, portal: req.user?.role === 'customer' });
    if (status === 404) return sendPage(reply, req, { title: 'Not found', body: notFoundBody(String(body.message ?? 'Not found')), status, portal: req.user?.role === 'customer' });
    return sendPage(reply, req, { title: 'Error', body: errorPageBody(status, String(body.message ?? 'Error')), status, portal: req.user?.role === 'customer' });
  });
  app.setNotFoundHandler((req, reply) => {
    if (isApiRequest(req)) return reply.code(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
    return sendPage(reply, req, { title: 'Not found', body: notFoundBody('There is no page at this address.'), status: 404 });
  });

  const appCtx: AppContext = ctx;
  for (const m of modules) m.register(app, appCtx);
  return app;
}
