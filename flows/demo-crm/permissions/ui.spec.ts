import { env } from '../../../fixtures/env.js';
import { EXPECTED_MATRIX } from '../../../profiles/demo-crm/permissions/matrix.js';
import { MATRIX_ROLES, OBJECTS } from '../../../profiles/demo-crm/permissions/model.js';
import { expect, permissionLabels, test } from '../../../profiles/demo-crm/test.js';
import { judgeRole, redCells, renderReport, saveObservations } from '../../../profiles/demo-crm/permissions/report.js';
import { reportMeta } from '../../../profiles/demo-crm/permissions/run-meta.js';
import { observeRoleByUi } from '../../../profiles/demo-crm/permissions/ui-observer.js';
import { UiProbe } from '../../../profiles/demo-crm/permissions/ui-probe.js';

/**
 * The screen layers of the permission matrix: for each role, one signed-in page visits every menu,
 * list, record page and form the matrix talks about. UI: the menu entry or control is offered (visible
 * and enabled) exactly when the role may act. Direct URL: the page opens, or the explicit
 * access-denied page comes back with 403 — never a broken page passing for a denial.
 */
const CRITERIA = OBJECTS.map((o) => EXPECTED_MATRIX[o].criterion);

test.describe('Permission matrix on screen', () => {
  for (const role of MATRIX_ROLES) {
    test(`${role} is offered on screen and by direct URL exactly what the permission matrix allows @permissions`, async ({ actor, perm }, testInfo) => {
      // some seventy pages in one test: three times the usual budget
      test.slow();
      await permissionLabels('UI and direct URL layers', role, CRITERIA); // actor() names the role
      const person = await actor(role);

      const observations = await person.step('opens every menu, list, record page and form of the matrix', () =>
        observeRoleByUi(perm.context(role), EXPECTED_MATRIX, new UiProbe(person.page)));
      saveObservations(env.runId, 'ui', role, observations);

      const verdicts = judgeRole(role, observations);
      await testInfo.attach(`permission matrix — ${role} on screen`, { body: renderReport(verdicts, [], await reportMeta(), [role]), contentType: 'text/html' });
      // a cell the screens cannot show (POST-only actions, n/a) is covered by the API test of the same role
      const checkedHere = verdicts.filter((v) => v.layers.some((l) => l.checked || !l.pass));
      expect(redCells(checkedHere), `cells where ${role}'s screens disagree with the matrix`).toEqual([]);
    });
  }
});
