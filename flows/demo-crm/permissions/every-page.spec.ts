import { EXPECTED_MATRIX } from '../../../profiles/demo-crm/permissions/matrix.js';
import { MATRIX_ROLES } from '../../../profiles/demo-crm/permissions/model.js';
import { checkOutsidePages } from '../../../profiles/demo-crm/permissions/page-outside.js';
import { comparePagesWithServed, OUTSIDE_PAGES, PAGE_ROUTES } from '../../../profiles/demo-crm/permissions/page-rules.js';
import { checkRoutes, type RouteRun } from '../../../profiles/demo-crm/permissions/route-probe.js';
import { RouteRecords } from '../../../profiles/demo-crm/permissions/route-records.js';
import { renderRouteReport } from '../../../profiles/demo-crm/permissions/route-report.js';
import { servedRoutes } from '../../../profiles/demo-crm/security/route-list.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { expect, permissionLabels, test } from '../../../profiles/demo-crm/test.js';

/**
 * The direct-URL layer, enumerated: not the pages a menu offers but every page the CRM serves, each
 * classified by our own table (page-rules.ts, from docs/permissions.md), opened by every role — on
 * :id pages with the records of rep A, rep B and admin, and of Acme and Globex — and compared with the
 * permission matrix and the ownership rules. The API has its own sweep (every-route.spec.ts).
 */
test('every page the CRM serves opens by direct URL for exactly the roles the permission matrix allows @permissions', async ({ perm }, testInfo) => {
  test.setTimeout(4 * 60_000);
  await permissionLabels('Every page by direct URL', 'page × role × owner', ['AC-PERM-R02']);

  await test.step("The CRM's own route list is compared with our page table: no page served unclassified, no row unserved", async () => {
    const { unclassified, notServed } = comparePagesWithServed(await servedRoutes());
    expect.soft(unclassified, 'pages the CRM serves that page-rules.ts does not classify (add a row from docs/permissions.md)').toEqual([]);
    expect.soft(notServed, 'rows of page-rules.ts the CRM no longer serves').toEqual([]);
  });

  const admin = perm.context('admin');
  const run: RouteRun = { ctx: (role) => perm.context(role), records: new RouteRecords(admin.apis, admin.world, (what) => admin.fresh(what)), matrix: EXPECTED_MATRIX };
  const started = Date.now();

  const matrixPages = await test.step(`Each of the ${MATRIX_ROLES.length} roles opens each of the ${PAGE_ROUTES.length} pages the matrix governs, on records of rep A, rep B and admin, and of Acme and Globex`, () =>
    checkRoutes(run, PAGE_ROUTES));

  const outside = await test.step(`Each role opens the ${OUTSIDE_PAGES.length} pages outside the matrix: sign-in pages, the dashboard, notifications, Backups`, () =>
    checkOutsidePages(run));

  const outcomes = [...matrixPages, ...outside];
  const seconds = Math.round((Date.now() - started) / 1000);

  const problems = outcomes.flatMap((o) => o.problems);
  await testInfo.attach('every page × every role', {
    contentType: 'text/html',
    body: renderRouteReport({ outcomes, notCalled: [], notes: [`${outcomes.length} page loads by direct URL in ${seconds} s (reported, not judged); no redirect followed.`] }),
  });
  const summary = `${outcomes.length} page loads on ${PAGE_ROUTES.length + OUTSIDE_PAGES.length} page rows × ${MATRIX_ROLES.length} roles in ${seconds} s`;
  testInfo.annotations.push({ type: 'every page', description: `${summary}, ${problems.length} disagreeing` });
  await recordCount('AC-PERM-R02', problems.length, 'page × role answers that disagree with the permission matrix', summary);
  expect(problems, 'page loads whose answer disagrees with the permission matrix or the ownership rules').toEqual([]);
});
