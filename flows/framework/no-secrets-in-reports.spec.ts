import { expect, test } from '@playwright/test';
import { paths } from '../../fixtures/paths.js';
import { configuredSecrets } from '../../fixtures/report-checks/secrets.js';
import { scanForSecrets } from '../../fixtures/report-checks/secret-scan.js';

/**
 * Runs last (teardown of the setup project, so also after failures): no configured password may
 * appear in Allure results, traces, screenshots, videos or any other artefact of this run.
 * The HTML and Allure reports are written after the run; `npm run flows` scans those too.
 */
test('no configured password appears in any report or test artefact @framework', async () => {
  const secrets = configuredSecrets();
  expect(secrets.length, 'there are passwords to look for').toBeGreaterThan(0);

  const { findings, filesScanned } = scanForSecrets([paths.allureResults, paths.testResults], secrets);

  expect(filesScanned, 'the setup project and the flows left artefacts to scan').toBeGreaterThan(0);
  expect(findings.map((f) => `${f.label} in ${f.file}${f.entry ? ` → ${f.entry}` : ''}`)).toEqual([]);
});
