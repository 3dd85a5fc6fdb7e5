import { integritySweep } from '../../../profiles/demo-crm/checks/integrity-sweep.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/**
 * Runs in the `after-suite` project (playwright.config.ts), once every project that writes to the
 * shared CRM is done: what the whole run left behind must still hang together. A run filtered to
 * other tests (a file, -g, a tag) leaves it out; `--project=after-suite --no-deps` runs it alone
 * against a CRM that is already running (START_CRM=false).
 */
test('the shared CRM after the whole run: no orphan records, no stored totals that disagree with their parts @after-suite', async ({ admin }, testInfo) => {
  await describeFlow({ epic: 'Data accuracy', feature: 'Record integrity', story: 'What a whole run leaves behind still hangs together', severity: 'critical', owner: 'qa-data', tags: ['data-accuracy', 'integrity'] });
  await criteria('AC-DA-05');

  const sweep = await test.step('An integrity sweep walks every list of the API as the admin: no orphan, no total that disagrees with its parts', () => integritySweep(admin.api));

  await testInfo.attach('records swept per list', { body: JSON.stringify({ walked: sweep.walked, notWalked: sweep.notWalked, checks: sweep.checks }, null, 2), contentType: 'application/json' });
  await recordCount('AC-DA-05', sweep.findings.length, 'orphans or totals that disagree with their parts', `${sweep.checks} sweep checks over ${Object.values(sweep.walked).reduce((s, n) => s + n, 0)} records of the shared CRM after the run`);
  expect(Object.keys(sweep.walked), 'the sweep walked the lists of the API').toEqual(expect.arrayContaining(['accounts', 'quotes', 'orders', 'invoices', 'payments', 'tickets']));
  expect(sweep.findings, 'no record points at a missing record; every stored total equals its parts').toEqual([]);
});
