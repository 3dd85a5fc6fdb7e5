import type { FastifyInstance } from 'fastify';

/** One route the CRM serves: method and path pattern as registered (`/api/leads/:id`). */
export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * Records every route as it is registered and, in test mode only, serves the list read-only at
 * GET /api/test/routes — so acceptance suites can enumerate what the CRM serves (every state-changing
 * route for the CSRF check) instead of a hand-picked sample. Call before any route is registered.
 */
export function registerRouteList(app: FastifyInstance, testMode: boolean): void {
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Fastify adds a HEAD twin for every GET; it is not a route of its own
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, path: route.url });
  });
  if (!testMode) return;
  app.get('/api/test/routes', () => ({
    routes: [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)),
  }));
}
