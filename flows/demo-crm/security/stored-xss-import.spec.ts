import { ImportUploadPage } from '../../../profiles/demo-crm/pages/import/import-upload-page.js';
import { parseCsv } from '../../../profiles/demo-crm/security/csv-text.js';
import { payloadImportFile, type PayloadImportFile } from '../../../profiles/demo-crm/security/import-payloads.js';
import { InjectionProbe, injectionFindings, type ScreenInspection } from '../../../profiles/demo-crm/security/injection-probe.js';
import { XSS_PAYLOADS } from '../../../profiles/demo-crm/security/payloads.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { auditNameOf, criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** Where the imported records are listed and shown, and what the API calls them. */
const SCREENS = { Accounts: 'accounts', Leads: 'leads', Contacts: 'contacts' } as const;

test.describe('Stored XSS: imported records', { tag: '@security' }, () => {
  test('XSS payloads in every text cell of imported leads, accounts and contacts are shown as text in the import wizard, on every screen and in the exports', async ({ browser, admin, salesRep, data }) => {
    // three wizards, some 40 screens read in a second browser, five downloads
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Injection', story: 'Imported text is shown as text, never run', severity: 'blocker', owner: 'qa-security', tags: ['security', 'xss', 'data-migration'] });
    await criteria('AC-SEC-02');
    const { tag } = data;
    const seen: ScreenInspection[] = [];
    const shows: Record<string, readonly string[]> = {};
    const imports: { file: PayloadImportFile; id: number }[] = [];
    // the admin's second browser, which would let any injected script run and report it
    const probe = await InjectionProbe.open(browser, admin);
    try {
      for (const object of ['Accounts', 'Leads', 'Contacts'] as const) {
        const file = payloadImportFile(object, XSS_PAYLOADS, tag, imports.find((i) => i.file.object === 'Accounts')?.file.created.map(([name]) => name!));
        await admin.step(`imports ${file.fileName} through the wizard: ${file.created.length} rows with a payload in every text cell and one row it must refuse`, async () => {
          const upload = admin.at(ImportUploadPage);
          await upload.open();
          const mapping = await upload.upload(object, { name: file.fileName, buffer: file.bytes });
          const preview = new URL(admin.page.url()).pathname;
          shows[preview] = file.previewed;
          seen.push(await probe.inspect(preview));
          await mapping.chooseDefaultOwner(auditNameOf(salesRep));
          const review = await mapping.validateRows();
          seen.push(await probe.inspect(new URL(admin.page.url()).pathname));
          await expect(review.count('create'), 'the dry run creates every payload row').toHaveText(String(file.created.length));
          await expect(review.count('reject'), 'the dry run rejects the planted row').toHaveText('1');
          const result = await review.runImport();
          expect(await result.counts(), 'the import creates every payload row and rejects the planted one').toEqual({ rows: file.created.length + 1, created: file.created.length, updated: 0, skipped: 0, rejected: 1 });
          imports.push({ file, id: result.id() });
        });
      }

      await admin.step('opens the imports, the lists and every imported record in that browser', async () => {
        seen.push(await probe.inspect('/imports'));
        for (const { file, id } of imports) {
          seen.push(await probe.inspect(`/imports/${id}`));
          const screen = SCREENS[file.object];
          const list = `/${screen}?q=${encodeURIComponent(tag)}`;
          shows[list] = file.listed;
          seen.push(await probe.inspect(list));
          const records = await admin.api.listAll<{ id: number; firstName?: string; name?: string }>(screen, { q: tag });
          expect(records, `every imported ${screen} row is a record`).toHaveLength(file.created.length);
          for (const r of records) {
            const detail = `/${screen}/${r.id}`;
            shows[detail] = file.created.find(([first]) => first === (r.firstName ?? r.name)) ?? [`the imported row of ${screen} ${r.id}`];
            seen.push(await probe.inspect(detail));
          }
        }
      });

      await admin.step('reads the exports and the rejected-rows files as text', async () => {
        for (const { file, id } of imports) {
          for (const [download, expected] of [[`/export/${SCREENS[file.object]}.csv?q=${encodeURIComponent(tag)}`, file.created.flat()], [`/imports/${id}/rejected.csv`, file.rejected]] as const) {
            const csv = await probe.download(download);
            expect(csv.contentType, `${download} is served as CSV, not as a page`).toMatch(/^text\/csv/);
            expect(csv.disposition, `${download} is a download`).toMatch(/^attachment/);
            const cells = parseCsv(csv.text).flat();
            expect(expected.filter((v) => !cells.includes(v)), `values not in ${download} verbatim`).toEqual([]);
          }
        }
      });
    } finally {
      await probe.close();
    }

    const findings = injectionFindings(seen, shows);
    await recordCount('AC-SEC-02', findings.length, 'screens where a payload became markup or ran', `${seen.length} screens read`);
    expect(findings, 'screens where an imported payload became markup or ran, or was not shown as typed').toEqual([]);
  });
});
