import { expect, test } from '@playwright/test';
import { paths } from '../../fixtures/paths.js';
import { allureReporterOn } from '../../fixtures/report-checks/allure-results.js';
import { configuredSecrets } from '../../fixtures/report-checks/secrets.js';
import { scanForSecrets } from '../../fixtures/report-checks/secret-scan.js';

/**
 * Runs last (teardown of the setup project, so also after failures): no configured password may
 * appear in Allure results, traces, screenshots, videos or any other artefact of this run.
 * The HTML and Allure reports are written after the run; `npm run flows` scans those too.
 */
test('no configured password appears in any report or test artefact @framework', async ({}, testInfo) => {
  const secrets = configuredSecrets();
  expect(secrets.length, 'there are passwords to look for').toBeGreaterThan(0);

  const { findings, filesScanned } = scanForSecrets([paths.allureResults, paths.testResults], secrets);

  const minimum = Number(allureReporterOn(testInfo.config));
  expect(filesScanned, 'the setup project and the flows left Allure results and artefacts to scan (none are needed only when --reporter replaced Allure)').toBeGreaterThanOrEqual(minimum);
  expect(findings.map((f) => `${f.label} in ${f.file}${f.entry ? ` → ${f.entry}` : ''}`)).toEqual([]);
});
