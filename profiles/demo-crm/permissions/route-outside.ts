import { z } from 'zod';
import { MATRIX_ROLES, type MatrixRole } from './model.js';
import type { RouteOutcome, RouteRun } from './route-probe.js';
import { OUTSIDE_ROUTES, routeKey } from './route-rules.js';

/**
 * The routes the matrix does not govern: public reads answer every signed-in role, staff self-service
 * reads every staff user (the customer, on the portal instead, is refused with 403);
 * a notification is its recipient's alone — anyone else is refused (403 or 404, the CRM need not admit
 * it exists) and it stays unread. Sign-in and sign-out are left to the security suite (not called).
 */
const notifications = z.object({ items: z.array(z.object({ id: z.number(), message: z.string(), readAt: z.string().nullable() })) });

const outcome = (route: string, role: MatrixRole, record: string, expected: boolean, status: number, detail: string, problems: string[]): RouteOutcome =>
  ({ route, role, record, expected: expected ? 'allowed' : 'refused', observed: status >= 200 && status < 300 ? 'allowed' : 'refused', detail, problems });

async function readsOfEveryone(run: RouteRun): Promise<RouteOutcome[]> {
  const reads = OUTSIDE_ROUTES.filter((r) => r.method === 'GET');
  return Promise.all(reads.flatMap((r) => MATRIX_ROLES.map(async (role) => {
    const res = await run.ctx(role).apis[role].api.send('GET', r.path);
    const expected = r.kind === 'public' || role !== 'customer';
    const problems = res.status === (expected ? 200 : 403) ? [] : [`GET ${r.path} as ${role}: ${res.status} — ${r.why}`];
    return outcome(routeKey(r), role, '', expected, res.status, `GET ${r.path} → ${res.status}`, problems);
  })));
}

/** Rep A is notified of a decision whose comment is this test's marker; everyone else tries to mark it read. */
async function notificationOfRepA(run: RouteRun): Promise<RouteOutcome[]> {
  const route = 'POST /api/notifications/:id/read';
  const repA = run.ctx('salesRep').apis.salesRep.api;
  const approval = await run.records.get('pendingApproval', 'A');
  const marker = run.ctx('salesRep').fresh('notice');
  await run.ctx('salesManager').apis.salesManager.api.post(`/api/approvals/${approval.id}/approve`, { comment: marker });
  const find = async () => (await repA.get('/api/notifications', undefined, notifications)).items.find((n) => n.message.includes(marker));
  const notice = await find();
  if (!notice) return [outcome(route, 'salesRep', "rep A's notification", true, 0, 'no notification', [`the manager's approval with comment ${marker} notified rep A of nothing`])];
  const out: RouteOutcome[] = [];
  for (const role of MATRIX_ROLES.filter((r) => r !== 'salesRep')) {
    const api = run.ctx(role).apis[role].api;
    const res = await api.send('POST', `/api/notifications/${notice.id}/read`, { data: {} });
    const theirs = await api.send('GET', '/api/notifications');
    const problems = [
      ...([403, 404].includes(res.status) ? [] : [`POST /api/notifications/${notice.id}/read as ${role}: ${res.status} instead of 403/404`]),
      ...((await find())?.readAt ? [`rep A's notification was marked read by ${role}`] : []),
      ...(JSON.stringify(theirs.body).includes(marker) ? [`${role}'s own notifications list rep A's notification`] : []),
    ];
    out.push(outcome(route, role, "rep A's notification", false, res.status, `POST /api/notifications/${notice.id}/read → ${res.status}`, problems));
  }
  const own = await repA.send('POST', `/api/notifications/${notice.id}/read`, { data: {} });
  const read = (await find())?.readAt;
  out.push(outcome(route, 'salesRep', "rep A's notification", true, own.status, `POST /api/notifications/${notice.id}/read → ${own.status}`,
    own.status === 200 && read ? [] : [`rep A could not mark their own notification read (${own.status}, readAt ${String(read)})`]));
  return out;
}

export async function checkOutsideRoutes(run: RouteRun): Promise<RouteOutcome[]> {
  const [reads, notices] = await Promise.all([readsOfEveryone(run), notificationOfRepA(run)]);
  return [...reads, ...notices];
}
