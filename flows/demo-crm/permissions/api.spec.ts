import { env } from '../../../fixtures/env.js';
import { observeRoleByApi } from '../../../profiles/demo-crm/permissions/api-observer.js';
import { EXPECTED_MATRIX } from '../../../profiles/demo-crm/permissions/matrix.js';
import { MATRIX_ROLES, OBJECTS } from '../../../profiles/demo-crm/permissions/model.js';
import { expect, permissionLabels, test } from '../../../profiles/demo-crm/test.js';
import { judgeRole, redCells, renderReport, saveObservations } from '../../../profiles/demo-crm/permissions/report.js';
import { reportMeta } from '../../../profiles/demo-crm/permissions/run-meta.js';

/**
 * The API layer of the permission matrix (docs/permissions.md): for each role, every object × action
 * is tried with that role's own session. Allowed cells are proven by doing the action and reading it
 * back through admin; refused cells by a 403 that carries none of the record's data and changed nothing.
 */
const CRITERIA = OBJECTS.map((o) => EXPECTED_MATRIX[o].criterion);

test.describe('Permission matrix by API', () => {
  for (const role of MATRIX_ROLES) {
    test(`${role} may do through the API exactly what the permission matrix allows @permissions`, async ({ perm }, testInfo) => {
      await permissionLabels('API layer', role, CRITERIA, role);

      const spare = await test.step('Fresh records of rep A, rep B and admin are prepared for the actions that use one up', () => perm.consumables());

      const observations = await test.step(`${perm.persona(role)} tries every action on every object through the API`, () =>
        observeRoleByApi(perm.context(role, spare), EXPECTED_MATRIX));

      saveObservations(env.runId, 'api', role, observations);

      const verdicts = judgeRole(role, observations);
      await testInfo.attach(`permission matrix — ${role} by API`, { body: renderReport(verdicts, [], await reportMeta(), [role]), contentType: 'text/html' });
      expect(redCells(verdicts), `cells where ${role}'s API access disagrees with the matrix`).toEqual([]);
    });
  }
});
