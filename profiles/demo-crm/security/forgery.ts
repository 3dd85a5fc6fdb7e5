import { rawRequest, type RawSession } from './raw-http.js';
import { concretePath, isPortalRoute, routeLabel, type Route } from './routes.js';

export const ATTACKER_ORIGIN = 'http://attacker.invalid';

/** What the CRM answered to one forged request, when it was not the documented refusal (403 csrf). */
async function forged(session: RawSession, route: Route, crossOrigin: boolean): Promise<string | null> {
  // an id no record has: a route that forgets the check must not harm a real record (or the admin)
  const path = concretePath(route.path, 999_999_999);
  const answer = crossOrigin
    ? await rawRequest(session, route.method, path, { form: { note: 'forged' }, headers: { origin: ATTACKER_ORIGIN, referer: `${ATTACKER_ORIGIN}/`, 'sec-fetch-site': 'cross-site' } })
    : await rawRequest(session, route.method, path, { json: {} });
  const error = (answer.body as { error?: string } | undefined)?.error;
  return answer.status === 403 && error === 'csrf' ? null : `${routeLabel(route)}${crossOrigin ? ' from another origin' : ''}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`;
}

/**
 * Sends every route twice without the CSRF token — as JSON from the CRM's own origin, and as a form
 * post from another origin — with the session that may use it (portal routes: the customer's).
 */
export async function forgeEveryRoute(routes: readonly Route[], sessions: { staff: RawSession; customer: RawSession }): Promise<{ notRefused: string[]; staffRefusals: number }> {
  const notRefused: string[] = [];
  let staffRefusals = 0;
  for (const route of routes) {
    const portal = isPortalRoute(route.path);
    for (const crossOrigin of [false, true]) {
      const problem = await forged(portal ? sessions.customer : sessions.staff, route, crossOrigin);
      if (problem) notRefused.push(problem);
      else if (!portal) staffRefusals += 1;
    }
  }
  return { notRefused, staffRefusals };
}
