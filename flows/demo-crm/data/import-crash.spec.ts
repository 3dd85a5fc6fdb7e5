import { writeFile } from 'node:fs/promises';
import { env } from '../../../fixtures/env.js';
import { toCsv } from '../../../profiles/demo-crm/data/csv.js';
import { OwnCrm } from '../../../profiles/demo-crm/migration/own-crm.js';
import { ownCrmPort } from '../../../profiles/demo-crm/own-crm-ports.js';
import { holdNextWrite } from '../../../profiles/demo-crm/stability/crash.js';
import { ImportResultPage } from '../../../profiles/demo-crm/pages/import/import-result-page.js';
import { ImportUploadPage } from '../../../profiles/demo-crm/pages/import/import-upload-page.js';
import { ImportMappingPage } from '../../../profiles/demo-crm/pages/import/import-mapping-page.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** Big enough that the import holds the server for a while, small enough for a test. */
const ROWS = 60_000;

test.describe('Data migration: a CRM killed in the middle of an import', { tag: '@data-migration' }, () => {
  test('after the restart nothing of the interrupted import exists, and running it again imports every row', async ({ browser, data }) => {
    // its own CRM process, started twice, and a 60,000-row import twice
    test.setTimeout(600_000);
    await describeFlow({ epic: 'Data migration', feature: 'Import durability', story: 'An interrupted import leaves nothing behind', severity: 'critical', owner: 'qa-data', tags: ['data-migration', 'stability'] });
    await criteria('AC-DM-07');
    const crm = new OwnCrm(await ownCrmPort('importCrash'), `dm-crash-${data.tag}`);
    const rows = data.leadImportRows(ROWS, { cjk: true });
    const file = toCsv(rows, [
      { header: 'First name', value: (r) => r.firstName }, { header: 'Last name', value: (r) => r.lastName }, { header: 'Company', value: (r) => r.company },
      { header: 'Email', value: (r) => r.email }, { header: 'Phone', value: (r) => r.phone }, { header: 'Source', value: (r) => r.source },
    ], { bom: true });
    const context = await browser.newContext({ baseURL: crm.baseUrl });
    const page = await context.newPage();
    const leadsOfTest = async () => (await context.request.get('/api/leads', { params: { q: data.tag, pageSize: 1 } }).then((r) => r.json()) as { total: number }).total;
    const importOf = async (id: number) => (await context.request.get(`/api/imports/${id}`).then((r) => r.json()) as { status: string; counts: { created: number } });

    try {
      await test.step(`Given a CRM of this test's own on port ${crm.port}, and the admin signed in there`, async () => {
        await crm.start({ fresh: true });
        // signed in outside the browser, so the password never enters the test's trace
        await context.addCookies([{ ...(await crm.signIn(env.roles.admin!)), url: crm.baseUrl }]);
      });

      const importId = await test.step(`The admin uploads ${ROWS.toLocaleString('en')} leads, validates them and starts the import`, async () => {
        const onDisk = test.info().outputPath('big-migration.csv');
        await writeFile(onDisk, file);
        const upload = new ImportUploadPage(page);
        await upload.open();
        const mapping = await upload.upload('Leads', onDisk);
        const review = await mapping.validateRows();
        await expect(review.count('create')).toHaveText(String(ROWS));
        // test mode: the CRM stops in the middle of the import's transaction, so the kill lands there
        await holdNextWrite(page, /\/imports\/\d+\/run/, 'import');
        await review.startImport();
        return Number(/\/imports\/(\d+)\//.exec(page.url())?.[1]);
      });

      await test.step('The CRM process is killed (SIGKILL) while it is busy importing', async () => {
        await crm.printed(/Test hold: the import write is held/);
        // a health check it cannot answer proves it is mid-import
        expect(await crm.answersWithin(1_000), 'the CRM is busy with the import (its health check does not answer)').toBe(false);
        await crm.kill();
      });

      await test.step('After the restart on the same database nothing of that import exists', async () => {
        await crm.start({ fresh: false });
        expect(await leadsOfTest(), 'no lead of the interrupted import is in the CRM').toBe(0);
        expect((await importOf(importId)).status, 'the interrupted import is not recorded as completed').not.toBe('completed');
      });

      await test.step('The admin runs the same upload again and every row is imported', async () => {
        const result = new ImportResultPage(page);
        await page.goto(`/imports/${importId}`);
        const review = await new ImportMappingPage(page).validateRows();
        const done = await review.runImport();
        expect(await done.counts()).toEqual({ rows: ROWS, created: ROWS, updated: 0, skipped: 0, rejected: 0 });
        await expect(result.status).toHaveText('Completed');
        expect(await leadsOfTest(), 'every lead of the file is in the CRM').toBe(ROWS);
      });
    } finally {
      await context.close();
      await crm.dispose();
    }
  });
});
