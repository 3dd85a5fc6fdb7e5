import { overHttps } from '../../../profiles/demo-crm/security/browser-session.js';
import { rawRequest, signInRole, type RawSession } from '../../../profiles/demo-crm/security/raw-http.js';
import { servedRoutes } from '../../../profiles/demo-crm/security/route-list.js';
import { readablePaths } from '../../../profiles/demo-crm/security/secret-scan.js';
import { headerProblems, type Answer } from '../../../profiles/demo-crm/security/security-headers.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

const STATIC_FILES = ['/static/app.css', '/static/app.js'];

async function answer(session: RawSession | null, method: string, path: string, o: { token?: boolean; json?: unknown } = {}): Promise<Answer> {
  const res = await rawRequest(session, method, path, { ...o, headers: { accept: path.startsWith('/api/') ? 'application/json' : 'text/html' } });
  return { what: `${method} ${path} as ${session?.username ?? 'nobody'}`, path, status: res.status, headers: res.headers };
}

test.describe('Security headers', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Security policy', story: 'Every answer tells the browser how to protect it', severity: 'critical', owner: 'qa-security', tags: ['security', 'headers'] });
    await criteria('AC-SEC-14');
  });

  test('every answer the CRM gives — each page and API route it serves, its static files, its refusals and errors — carries the security headers', async () => {
    const [admin, rep] = [await signInRole('admin'), await signInRole('salesRep')];
    const paths = readablePaths(await servedRoutes(), 1, []);

    const served = await test.step(`Admin reads each of the ${paths.length} GET routes the CRM serves (ids of 1), and nobody the ${STATIC_FILES.length} static files`, async () => {
      const answers: Answer[] = [];
      for (const path of paths) answers.push(await answer(admin, 'GET', path));
      for (const path of STATIC_FILES) answers.push(await answer(null, 'GET', path));
      return answers;
    });

    const refusals = await test.step('A sales rep is refused the Users screen and API, sends an empty lead and asks for pages that do not exist; nobody signed in asks for leads', async () => [
      await answer(rep, 'GET', '/admin/users'), await answer(rep, 'GET', '/api/users'),
      await answer(rep, 'POST', '/api/leads', { token: true, json: {} }),
      await answer(rep, 'GET', '/no-such-page'), await answer(rep, 'GET', '/api/no-such-route'),
      await answer(null, 'GET', '/leads'), await answer(null, 'GET', '/api/leads'),
    ]);

    expect(refusals.map((r) => r.status), 'the refusals and errors are what they stand for').toEqual([403, 403, 400, 404, 404, 303, 401]);

    const https = overHttps();
    const problems = [...served, ...refusals].flatMap((a) => headerProblems(a, { cached: STATIC_FILES.includes(a.path), https }));
    await test.info().attach('answers checked', { body: [...served, ...refusals].map((a) => `${a.status} ${a.what}`).join('\n'), contentType: 'text/plain' });
    await recordCount('AC-SEC-14', problems.length, 'answers missing a security header', `${served.length + refusals.length} answers${https ? ' over HTTPS' : ''}: every GET route, the static files, refusals and errors`);
    expect(problems, 'answers without the protection their headers should give').toEqual([]);
  });

  test('over HTTPS each answer asks the browser to keep to HTTPS for a year (HSTS), refusals and errors included', async ({ sessionCrm, throwaway }) => {
    const { crm } = await sessionCrm.overHttps();
    const browser = await throwaway.browserWith(undefined, crm.baseUrl);
    const paths = ['/login', '/portal/login', '/leads', '/api/leads', '/no-such-page', ...STATIC_FILES];

    const answers = await test.step(`A browser opens ${paths.join(', ')} on a CRM of this test served over HTTPS, signed out`, async () => {
      const out: Answer[] = [];
      for (const path of paths) {
        const res = await browser.request.get(path, { maxRedirects: 0 });
        out.push({ what: `GET ${path} over HTTPS`, path, status: res.status(), headers: new Headers(res.headers()) });
      }
      return out;
    });

    expect(answers.map((a) => a.status), 'sign-in pages, a page and an API call signed out, a missing page, the static files').toEqual([200, 200, 303, 401, 404, 200, 200]);
    const problems = answers.flatMap((a) => headerProblems(a, { cached: STATIC_FILES.includes(a.path), https: true }));
    await recordCount('AC-SEC-14', problems.length, 'answers missing a security header', `${answers.length} answers over HTTPS`);
    expect(problems, 'answers over HTTPS without the protection their headers should give').toEqual([]);
  });
});
