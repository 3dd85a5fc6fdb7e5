import { MATRIX_ROLES, type MatrixRole } from './model.js';
import { OUTSIDE_PAGES, type OutsidePage } from './page-rules.js';
import type { RouteOutcome, RouteRun } from './route-probe.js';

/** Whose upload each probe-world import is (route-records.ts: the sales manager's and the admin's). */
const UPLOADERS: Record<string, MatrixRole> = { manager: 'salesManager', admin: 'admin' };

interface Answer { status: number; location?: string }

/** What `role` must get opening the page (of an import uploaded by `uploader`): its status, and where a redirect leads. */
function expectedAnswer(p: OutsidePage, role: MatrixRole, uploader?: MatrixRole): Answer {
  const customer = role === 'customer';
  switch (p.open) {
    case 'staff': return { status: customer ? 403 : 200 };
    case 'admin': return { status: role === 'admin' ? 200 : 403 };
    case 'uploader': return { status: role === uploader ? 409 : 403 };
    case 'sign-in': {
      const signedInHere = customer === (p.surface === 'portal');
      return signedInHere ? { status: 302, location: customer ? '/portal' : '/' } : { status: 200 };
    }
  }
}

async function open(run: RouteRun, p: OutsidePage, role: MatrixRole, rec?: { id: number; marker: string; label: string; uploader: MatrixRole }): Promise<RouteOutcome> {
  const path = p.path.replace(':id', String(rec?.id ?? ''));
  const res = await run.ctx(role).apis[role].api.send('GET', path, { headers: { accept: 'text/html' }, maxRedirects: 0 });
  const want = expectedAnswer(p, role, rec?.uploader);
  const location = res.headers.location === undefined ? undefined : new URL(res.headers.location, 'http://crm.invalid').pathname;
  const got: Answer = { status: res.status, ...(location === undefined ? {} : { location }) };
  const what = `GET ${path}${rec ? ` (${rec.label})` : ''} as ${role}`;
  const problems = [
    ...(JSON.stringify(got) === JSON.stringify(want) ? [] : [`${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)} — ${p.why}`]),
    ...(rec && res.status >= 400 && String(res.body).includes(rec.marker) ? [`${what}: the refusal carries the import's data`] : []),
  ];
  const allowed = (s: number) => s >= 200 && s < 400;
  return { route: `GET ${p.path}`, role, record: rec?.label ?? '', expected: allowed(want.status) ? 'allowed' : 'refused', observed: allowed(res.status) ? 'allowed' : 'refused', detail: `GET ${path} → ${res.status}${location ? ` ${location}` : ''}`, problems };
}

/** Every role opens each page outside the matrix by its URL (no redirect followed); a wizard step on each probe import. */
export async function checkOutsidePages(run: RouteRun): Promise<RouteOutcome[]> {
  const imports = await Promise.all(Object.entries(UPLOADERS).map(async ([owner, uploader]) => {
    const rec = await run.records.get('import', owner);
    return { id: rec.id, marker: rec.marker, label: `${uploader}'s import`, uploader };
  }));
  return Promise.all(OUTSIDE_PAGES.flatMap((p) => (p.open === 'uploader' ? imports : [undefined]).flatMap((rec) => MATRIX_ROLES.map((role) => open(run, p, role, rec)))));
}
