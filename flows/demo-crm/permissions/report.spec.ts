import { env } from '../../../fixtures/env.js';
import { EXPECTED_MATRIX } from '../../../profiles/demo-crm/permissions/matrix.js';
import { MATRIX_ROLES, OBJECTS } from '../../../profiles/demo-crm/permissions/model.js';
import { expect, permissionLabels, test } from '../../../profiles/demo-crm/test.js';
import { summarize } from '../../../profiles/demo-crm/permissions/report-html.js';
import { describeMatrixRunTime, judgeAll, loadRun, renderReport, ruleResults, writeMatrixReport } from '../../../profiles/demo-crm/permissions/report.js';
import { reportMeta } from '../../../profiles/demo-crm/permissions/run-meta.js';

/**
 * Runs after every permission test of the run (its own project, playwright.config.ts): joins what the
 * API, UI and rule tests observed into one matrix — rows roles, columns object × action, each cell
 * expected vs observed, green or red — writes reports/permissions-matrix.html and attaches it to Allure.
 */
test('the permission matrix report shows every role × object × action cell, expected vs observed @permissions', async ({}, testInfo) => {
  await permissionLabels('Matrix report', 'expected vs observed, every cell', OBJECTS.map((o) => EXPECTED_MATRIX[o].criterion));
  const run = loadRun(env.runId);
  const verdicts = judgeAll(run.observations);
  const rules = ruleResults(run.rules);
  const runTime = describeMatrixRunTime(run.spans, testInfo.config.workers);
  const html = renderReport(verdicts, rules, { ...(await reportMeta()), runTime });

  const file = await test.step('The matrix report is written to reports/ and attached to the Allure report', async () => {
    await testInfo.attach('permission matrix (expected vs observed)', { body: html, contentType: 'text/html' });
    return writeMatrixReport(html);
  });

  const s = summarize(verdicts, rules);
  testInfo.annotations.push({ type: 'permission matrix', description: `${s.passed}/${s.cells} cells green, ${s.failed} red, ${s.notChecked} not checked; rules ${s.rulesPassed} green, ${s.rulesFailed} red; ${runTime} — ${file}` });

  // The report is only worth reading if every role's API and screen tests reported into it.
  const expectedFiles = MATRIX_ROLES.flatMap((r) => [`cells-api-${r}.json`, `cells-ui-${r}.json`]);
  expect(expectedFiles.filter((f) => !run.files.includes(f)), 'matrix tests that reported nothing in this run').toEqual([]);
  expect(verdicts.filter((v) => !v.layers.some((l) => l.layer === 'api' && l.checked)).map((v) => `${v.role} ${v.object}.${v.action}`), 'cells the API layer never checked').toEqual([]);
});
