import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { defineCatalogue } from '../../fixtures/acceptance/criteria-schema.js';
import { produceAcceptanceReport } from '../../fixtures/acceptance/produce-report.js';
import { paths } from '../../fixtures/paths.js';
import { criteria, describeFlow, expect, test } from '../../fixtures/test.js';
import { serveFolder } from '../../scripts/lib/static-server.js';

/**
 * The acceptance report is read by people who never open code: checked here in a real browser, built
 * from a small run of known outcome (one criterion passed, one failed, one not covered) so the
 * verdict it must show is known independently of the report.
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function result(uuid: string, name: string, status: 'passed' | 'failed', criterion: string) {
  return {
    uuid, historyId: `${uuid}-h`, name, fullName: `framework probe › ${name}`, status, stage: 'finished', start: 1, stop: 2,
    statusDetails: status === 'failed' ? { message: 'expect(locator).toHaveText(expected)\nExpected: "Paid"\nReceived: "Partially paid"' } : {},
    labels: [{ name: 'epic', value: 'Lead to cash' }, { name: 'feature', value: 'Payments' }],
    links: [{ type: 'requirement', name: criterion, url: `#${criterion}` }],
    parameters: [],
    steps: [{ name: 'Finance clerk Omar Haddad records the payment', status, stage: 'finished', start: 1, stop: 2, steps: [], parameters: [],
      attachments: [{ name: 'screenshot of Finance clerk Omar Haddad’s page', source: `${uuid}-shot.png`, type: 'image/png' }] }],
    attachments: [],
  };
}

test('the acceptance report opens in a browser with its verdict and the failing criterion first, and its links resolve @framework', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await describeFlow({ epic: 'Framework', feature: 'Acceptance report', story: 'A decision a stakeholder can read', severity: 'critical', owner: 'framework' });
  await criteria('AC-FW-04');

  const root = testInfo.outputPath('reports');
  const resultsDir = path.join(root, 'allure-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const runs = [result('r-paid', 'an invoice paid in full is Paid', 'failed', 'AC-X-01'), result('r-quote', 'quote totals are exact', 'passed', 'AC-X-02')];
  for (const r of runs) {
    fs.writeFileSync(path.join(resultsDir, `${r.uuid}-result.json`), JSON.stringify(r));
    fs.writeFileSync(path.join(resultsDir, `${r.uuid}-shot.png`), PNG);
  }
  fs.writeFileSync(path.join(resultsDir, 'environment.properties'), 'CRM\\ profile=probe-crm\nCRM\\ URL=http://127.0.0.1:1\n');
  const allure = spawnSync(path.join(paths.root, 'node_modules', '.bin', 'allure'), ['generate', resultsDir, '-o', path.join(root, 'allure-report')], { cwd: root, encoding: 'utf8' });
  expect(allure.status, allure.stderr).toBe(0);

  const catalogue = defineCatalogue([
    { id: 'AC-X-01', area: 'business-process', priority: 'must', statement: 'A payment of the open balance makes the invoice Paid.' },
    { id: 'AC-X-02', area: 'functional', priority: 'must', statement: 'Quote totals equal those computed from the price book.' },
    { id: 'AC-X-03', area: 'security', priority: 'should', statement: 'Sessions end on the server when the user logs out.' },
  ]);
  const outDir = path.join(root, 'acceptance');
  produceAcceptanceReport({
    profile: 'probe-crm', catalogue, processes: [], resultsDir, outDir, today: new Date(),
    knownDefectsFile: path.join(root, 'none.json'), manualChecksFile: path.join(root, 'none.json'),
  });

  const server = await serveFolder(root, 0);
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await page.goto(`${base}/acceptance/index.html`);

    const verdict = page.getByTestId('verdict');
    await expect(verdict).toContainText('Reject');
    await expect(verdict).toBeInViewport();
    const failing = page.getByText('AC-X-01').first();
    await expect(failing, 'the failing criterion is on the first screen').toBeInViewport();
    await expect(page.getByText(/at .+\.ts:\d+/), 'no stack trace on the report').toHaveCount(0);

    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const local = [...new Set(hrefs.filter((h) => h.startsWith(base)).map((h) => h.split('#')[0]!))];
    expect(local.length, 'the report links its evidence').toBeGreaterThan(0);
    for (const href of local) expect((await page.request.get(href)).status(), href).toBe(200);

    // Evidence links open a test in the Allure report (index.html#/<test id>): the test's data must be there.
    const evidence = await page.locator('a[href*="allure-report/index.html#/"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(evidence.length, 'each judged criterion links its tests in Allure').toBeGreaterThanOrEqual(2);
    for (const href of evidence) {
      const id = href.split('#/')[1]!;
      const data = await page.request.get(`${base}/allure-report/data/test-results/${id}.json`);
      expect(data.status(), `${href} names a test of the Allure report`).toBe(200);
      expect(((await data.json()) as { name: string }).name).toMatch(/^(an invoice paid in full is Paid|quote totals are exact)$/);
    }
  } finally {
    server.close();
  }
});
