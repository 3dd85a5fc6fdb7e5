/**
 * The CRM's routes as it serves them (GET /api/test/routes, test mode), and what the CSRF suite does
 * with them. Pure functions here; fetching is in the spec's helper below.
 */
export interface Route {
  method: string;
  path: string;
}

export const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Sign-in has no session to protect yet (the CRM exempts it from the token by design); every other
 * state-changing route must refuse a request without the token.
 */
export const SIGN_IN_ROUTES: readonly string[] = ['/login', '/portal/login', '/api/auth/login'];

export function stateChangingRoutes(routes: readonly Route[]): Route[] {
  return routes.filter((r) => (STATE_CHANGING as readonly string[]).includes(r.method) && !SIGN_IN_ROUTES.includes(r.path));
}

/** Customer routes are asked as a customer, the others as staff. */
export function isPortalRoute(path: string): boolean {
  return path === '/portal' || path.startsWith('/portal/') || path.startsWith('/api/portal/');
}

/** `/api/quotes/:id/lines/:lineId` → `/api/quotes/1/lines/1` (every parameter gets `value`). */
export function concretePath(pattern: string, value: string | number = 1): string {
  return pattern.replace(/:[A-Za-z_]\w*/g, encodeURIComponent(String(value)));
}

export function routeLabel(r: Route): string {
  return `${r.method} ${r.path}`;
}
