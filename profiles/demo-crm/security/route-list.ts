import { z } from 'zod';
import { rawRequest } from './raw-http.js';
import type { Route } from './routes.js';

const routeListSchema = z.object({ routes: z.array(z.object({ method: z.string(), path: z.string() })).min(1) });

/** Every route the CRM serves, from its own list (test mode: GET /api/test/routes). */
export async function servedRoutes(): Promise<Route[]> {
  const answer = await rawRequest(null, 'GET', '/api/test/routes');
  if (answer.status !== 200) {
    throw new Error(`GET /api/test/routes answered HTTP ${answer.status}: the CRM must run in test mode (CRM_TEST_MODE=1) to list its routes`);
  }
  return routeListSchema.parse(answer.body).routes;
}
