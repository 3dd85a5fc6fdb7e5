import type { ApiResponse } from '../api/client.js';
import { MATRIX_ROLES, expectedOf, type Matrix, type MatrixRole } from './model.js';
import { collectionCall, createdSearch, readBack, recordCall, stableState, type RouteCall } from './route-calls.js';
import { isWorldKind, ownersOfKind, type RouteRec, type RouteRecords } from './route-records.js';
import { routeKey, type MatrixRoute } from './route-rules.js';
import type { PlanContext } from './target-types.js';
import { allows, mustReach, type ProbeFacts } from './verdict.js';

/**
 * One route tried by every role: on a collection route once, on an :id route with the record of each
 * owner. Allowed = 2xx (a read with the record itself in it, a change admin reads back); refused =
 * 403 with none of the record's data and nothing changed; a 5xx is always a problem.
 */
export interface RouteOutcome {
  route: string;
  role: MatrixRole;
  /** "rep B's lead"; '' on a collection route */
  record: string;
  expected: 'allowed' | 'refused';
  observed: 'allowed' | 'refused';
  detail: string;
  problems: string[];
}

export interface RouteRun {
  ctx(role: MatrixRole): PlanContext;
  records: RouteRecords;
  matrix: Matrix;
}

/** GETs whose answer names the record by id only (figures, history, a CSV of rejected rows): 2xx is reaching it. */
const STATUS_ONLY = new Set(['GET /api/accounts/:id/rollup', 'GET /api/tickets/:id/history', 'GET /api/imports/:id/rejected.csv', 'GET /imports/:id/rejected.csv',
  // a line's edit form shows the line, not the quote's text
  'GET /quotes/:id/lines/:lineId/edit']);
/** A list under a parent record: out of scope may be an empty list as well as a 403. */
const SCOPED_LISTS = new Set(['GET /api/opportunities/:id/quotes']);

const ok = (res: ApiResponse) => res.status >= 200 && res.status < 300;
const text = (res: ApiResponse) => (typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''));

export const routeLabel = (route: MatrixRoute): string => `${routeKey(route)}${route.concrete ? ` (${route.concrete})` : ''}`;

/** Whether the matrix (and the surface) lets `role` make this call on a record with these facts. */
export function routeAllows(matrix: Matrix, role: MatrixRole, route: MatrixRoute, facts?: ProbeFacts): boolean {
  if ((role === 'customer') !== (route.surface === 'portal')) return false;
  const scope = expectedOf(matrix, role, route.object, route.action);
  if (route.everyRecord) return scope === 'any';
  return facts ? mustReach(scope, role, facts) : allows(scope);
}

/** A page (not /api) is opened as a browser would by its URL, and must answer itself: a redirect is not reaching it. */
const PAGE_REQUEST = { headers: { accept: 'text/html' }, maxRedirects: 0 };

function send(ctx: PlanContext, method: MatrixRoute['method'], call: RouteCall): Promise<ApiResponse> {
  const page = call.path.startsWith('/api/') ? {} : PAGE_REQUEST;
  return ctx.apis[ctx.role].api.send(method, call.path, { ...page, ...(call.data === undefined ? {} : { data: call.data }), ...(call.params ? { params: call.params } : {}) });
}

/** `marker`: the record's text — a read reaches the record only with it, a refusal must not carry it. */
function judge(route: MatrixRoute, role: MatrixRole, expected: boolean, res: ApiResponse, marker: string, what: string, onRecord: boolean): { reached: boolean; problems: string[] } {
  const key = routeKey(route);
  const withRecord = onRecord && route.method === 'GET' && !STATUS_ONLY.has(key);
  const reached = ok(res) && (!withRecord || text(res).includes(marker));
  const refusedQuietly = SCOPED_LISTS.has(key) && ok(res) && !reached;
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`${what}: server error ${res.status}`);
  if (res.status === 401) problems.push(`${what}: ${role}'s session was not accepted`);
  if (expected && !reached) problems.push(`${what}: ${ok(res) ? 'answered without the record' : 'refused'} (${res.status}) — the matrix allows ${role}`);
  if (!expected && reached) problems.push(`${what}: allowed (${res.status}) — the matrix refuses ${role}`);
  if (!expected && !reached && res.status !== 403 && !refusedQuietly && res.status < 500 && res.status !== 401) problems.push(`${what}: refused with ${res.status} instead of 403`);
  if (!ok(res) && text(res).includes(marker)) problems.push(`${what}: the refusal carries the record's data`);
  return { reached, problems };
}

async function collection(run: RouteRun, route: MatrixRoute): Promise<RouteOutcome[]> {
  return Promise.all(MATRIX_ROLES.map(async (role): Promise<RouteOutcome> => {
    const ctx = run.ctx(role);
    const marker = ctx.fresh('route-new');
    const call = collectionCall(route, ctx, marker);
    const expected = routeAllows(run.matrix, role, route);
    const res = await send(ctx, route.method, call);
    const what = `${routeLabel(route)} as ${role}`;
    // a refused list must not show any probe record of this run (they all carry the world's tag)
    const { reached, problems } = judge(route, role, expected, res, route.method === 'GET' ? ctx.world.tag : marker, what, false);
    if (route.method !== 'GET') {
      const search = createdSearch(route, marker);
      const found = ((await ctx.reader.get<{ total: number }>(search.path, search.params)).total ?? 0) > 0;
      if (ok(res) && !found) problems.push(`${what}: answered ${res.status} but admin finds nothing created`);
      if (!ok(res) && found) problems.push(`${what}: refused (${res.status}), yet admin finds the record created`);
    }
    return { route: routeLabel(route), role, record: '', expected: expected ? 'allowed' : 'refused', observed: reached ? 'allowed' : 'refused', detail: `${route.method} ${call.path} → ${res.status}`, problems };
  }));
}

/** Admin's view of the record a change is tried on (unused for reads). */
async function stateOf(run: RouteRun, route: MatrixRoute, rec: RouteRec): Promise<string> {
  if (route.method === 'GET') return '';
  const back = readBack(route, rec);
  const res = await run.ctx('admin').reader.send('GET', back.path, back.params ? { params: back.params } : {});
  return stableState(res.status, res.body);
}

/** One call; for a change, `before` is admin's view of the record beforehand and the view afterwards is returned with it. */
async function attempt(run: RouteRun, route: MatrixRoute, role: MatrixRole, rec: RouteRec, before = ''): Promise<{ outcome: RouteOutcome; after: string }> {
  const ctx = run.ctx(role);
  const call = recordCall(route, ctx, rec, run.records);
  const expected = routeAllows(run.matrix, role, route, rec.facts);
  const what = `${route.method} ${call.path} (${rec.facts.label}) as ${role}`;
  const res = await send(ctx, route.method, call);
  const { reached, problems } = judge(route, role, expected, res, rec.marker, what, true);
  const after = await stateOf(run, route, rec);
  if (route.method !== 'GET') {
    const at = readBack(route, rec).path;
    if (ok(res) && after === before) problems.push(`${what}: answered ${res.status} but admin sees nothing changed at ${at}`);
    if (!ok(res) && after !== before) problems.push(`${what}: refused (${res.status}), yet admin sees the record changed at ${at}`);
  }
  const outcome: RouteOutcome = { route: routeLabel(route), role, record: rec.facts.label, expected: expected ? 'allowed' : 'refused', observed: reached ? 'allowed' : 'refused', detail: `${route.method} ${call.path} → ${res.status}`, problems };
  return { outcome, after };
}

/** One owner's record: reads by every role at once; changes one at a time, refusals first, a fresh record per allowed change that uses one up. */
async function onRecordOf(run: RouteRun, route: MatrixRoute, owner: string): Promise<RouteOutcome[]> {
  const kind = route.record!;
  const shared = await run.records.get(kind, owner);
  if (route.method === 'GET') return (await Promise.all(MATRIX_ROLES.map((role) => attempt(run, route, role, shared)))).map((a) => a.outcome);
  const allowed = MATRIX_ROLES.filter((r) => routeAllows(run.matrix, r, route, shared.facts));
  const refused = MATRIX_ROLES.filter((r) => !allowed.includes(r));
  const out: RouteOutcome[] = [];
  let state = await stateOf(run, route, shared);
  for (const role of refused) {
    const tried = await attempt(run, route, role, shared, state);
    out.push(tried.outcome);
    state = tried.after;
  }
  for (const [i, role] of allowed.entries()) {
    const rec = i === 0 || !route.consumes || isWorldKind(kind) ? shared : await run.records.get(kind, owner);
    const tried = await attempt(run, route, role, rec, rec === shared ? state : await stateOf(run, route, rec));
    out.push(tried.outcome);
    if (rec === shared) state = tried.after;
  }
  return out;
}

export async function checkRoute(run: RouteRun, route: MatrixRoute): Promise<RouteOutcome[]> {
  if (!route.record) return collection(run, route);
  const perOwner = await Promise.all(ownersOfKind(route.record).map((o) => onRecordOf(run, route, o)));
  return perOwner.flat();
}

/** The shared probe-world record a changing route is tried on, if any: its read-back would see another route's change. */
const changesWorldRecord = (route: MatrixRoute): string | undefined =>
  route.method !== 'GET' && route.record !== undefined && isWorldKind(route.record) ? route.record : undefined;

/** Routes in table order, `size` at a time, never two that change the same world record in one group: the later waits. */
export function groupsOf(routes: readonly MatrixRoute[], size: number): MatrixRoute[][] {
  const groups: MatrixRoute[][] = [];
  for (let waiting = [...routes]; waiting.length > 0;) {
    const group: MatrixRoute[] = [];
    const later: MatrixRoute[] = [];
    for (const route of waiting) {
      const record = changesWorldRecord(route);
      const clash = record !== undefined && group.some((r) => changesWorldRecord(r) === record);
      (group.length < size && !clash ? group : later).push(route);
    }
    groups.push(group);
    waiting = later;
  }
  return groups;
}

/** Routes side by side in small groups: enough to keep the CRM busy, few enough for two shared cores. */
export async function checkRoutes(run: RouteRun, routes: readonly MatrixRoute[], groupSize = 4): Promise<RouteOutcome[]> {
  const out: RouteOutcome[] = [];
  for (const group of groupsOf(routes, groupSize)) out.push(...(await Promise.all(group.map((r) => checkRoute(run, r)))).flat());
  return out;
}
