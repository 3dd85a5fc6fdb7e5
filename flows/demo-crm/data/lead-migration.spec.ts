import { createLead, getLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { readCsv } from '../../../profiles/demo-crm/migration/csv-read.js';
import { apiLeadRecords, exportLeads } from '../../../profiles/demo-crm/migration/lead-target.js';
import { expectedCounts, generateLegacyLeads, type ExistingLead, type LegacyEncoding, type LegacyExport } from '../../../profiles/demo-crm/migration/legacy-export.js';
import { reconcileLeadImport } from '../../../profiles/demo-crm/migration/reconcile.js';
import { publishReconciliation } from '../../../profiles/demo-crm/migration/report.js';
import { ImportUploadPage } from '../../../profiles/demo-crm/pages/import/import-upload-page.js';
import { auditNameOf, criteria, describeFlow, expect, test, type Actor } from '../../../profiles/demo-crm/test.js';
import type { TestData } from '../../../profiles/demo-crm/data/test-data.js';

const ENCODING_LABELS: Record<LegacyEncoding, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 with BOM', gbk: 'GBK (Simplified Chinese)' };

/** Leads already in the CRM before the migration, created by API and read back as the export shows them. */
async function leadsAlreadyInCrm(owner: Actor, data: TestData, count: number): Promise<ExistingLead[]> {
  const out: ExistingLead[] = [];
  for (let i = 0; i < count; i += 1) {
    const lead = await createLead(owner.api, data.lead({ email: `${data.tag}.existing${i}@crm.example.test` }));
    out.push({
      id: lead.id,
      record: { 'First name': lead.firstName, 'Last name': lead.lastName, Company: lead.company, Email: lead.email, Phone: lead.phone, Source: lead.source, Status: lead.status, Owner: auditNameOf(owner) },
    });
  }
  return out;
}

/** The admin takes the file through the wizard (upload → map → validate → import) and reconciles it. */
async function migrate(admin: Actor, file: LegacyExport, o: { mode: 'create' | 'update'; defaultOwner: string; prefix: string; ownerNames: Record<string, string> }) {
  const expected = expectedCounts(file);
  const upload = admin.at(ImportUploadPage);

  const review = await admin.step(`uploads ${file.fileName} and maps its columns`, async () => {
    await upload.open();
    const mapping = await upload.upload('Leads', { name: file.fileName, buffer: file.bytes });
    await expect(mapping.uploadSummary, 'the wizard reads every row of the file in its encoding').toHaveText(`${file.fileName} · ${expected.rows} rows · ${ENCODING_LABELS[file.encoding]}`);
    await expect(mapping.columnOf('Email'), 'headers are mapped automatically').toHaveValue('3');
    await mapping.chooseExisting(o.mode);
    await mapping.chooseDefaultOwner(o.defaultOwner);
    return mapping.validateRows();
  });

  const result = await admin.step('checks what the import will do and runs it', async () => {
    await expect(review.count('rows'), 'the dry run sees every row').toHaveText(String(expected.rows));
    await expect(review.count('create'), 'the dry run plans the rows the rules accept').toHaveText(String(expected.created));
    await expect(review.count('reject'), 'the dry run rejects the planted defects').toHaveText(String(expected.rejected));
    return review.runImport();
  });

  const importId = result.id();
  const target = await admin.step('reads the result, the rejected-rows file, the export and the API', async () => ({
    screen: await result.counts(),
    skipped: expected.skipped ? await result.listed('skipped') : [],
    rejectedFile: readCsv(await result.downloadRejected()),
    exported: await exportLeads(admin, o.prefix),
    api: await apiLeadRecords(admin, o.prefix),
    ownerNames: o.ownerNames,
  }));
  const report = reconcileLeadImport(file, target);
  await publishReconciliation(report);
  return { report, importId };
}

test.describe('Data migration: legacy leads through the import wizard, reconciled line by line', { tag: '@data-migration' }, () => {
  test.beforeEach(async () => {
    // a whole wizard, an export and a field-by-field reconciliation per test
    test.slow();
    await describeFlow({ epic: 'Data migration', feature: 'Lead import', story: 'Every line of a legacy export is imported or rejected as the rules say', severity: 'critical', owner: 'qa-data', tags: ['data-migration'] });
  });

  for (const encoding of ['utf-8-bom', 'gbk'] as const) {
    test(`an admin migrates a legacy lead export (${ENCODING_LABELS[encoding]}) with planted defects and every line reconciles`, async ({ admin, salesRep, salesRep2, data }) => {
      await criteria('AC-DM-01', 'AC-DM-02', 'AC-DM-05');

      const existing = await test.step(`Given ${salesRep2.name} already has a lead the legacy file repeats (by API)`, () => leadsAlreadyInCrm(salesRep2, data, 1));

      const file = generateLegacyLeads({
        seed: data.seed, tag: data.tag, validRows: 12, encoding, mode: 'create', existing,
        defaultOwner: auditNameOf(salesRep), otherOwner: auditNameOf(salesRep2),
      });
      const ownerNames = { [auditNameOf(salesRep)]: salesRep.displayName, [auditNameOf(salesRep2)]: salesRep2.displayName };

      const { report } = await migrate(admin, file, { mode: 'create', defaultOwner: auditNameOf(salesRep), prefix: data.tag, ownerNames });

      expect(report.mismatches, 'every line of the legacy file is in the CRM with every field as the rules say, or rejected/skipped with its documented reason').toEqual([]);
      expect(report.screen, 'the result screen counts equal the reconciliation').toEqual(expectedCounts(file));
    });
  }

  test('re-importing with "update existing" merges rows into the records with the same email, keeping what the file leaves blank', async ({ admin, salesRep, salesRep2, data }) => {
    await criteria('AC-DM-02', 'AC-DM-06');

    const existing = await test.step(`Given ${salesRep.name} already has two leads the file updates (by API)`, () => leadsAlreadyInCrm(salesRep, data, 2));

    const file = generateLegacyLeads({
      seed: data.seed, tag: data.tag, validRows: 6, encoding: 'utf-8', mode: 'update', existing,
      kinds: ['update-existing', 'update-no-change', 'cjk-emoji', 'bad-email', 'duplicate-in-file'],
      defaultOwner: auditNameOf(salesRep), otherOwner: auditNameOf(salesRep2),
    });
    const ownerNames = { [auditNameOf(salesRep)]: salesRep.displayName, [auditNameOf(salesRep2)]: salesRep2.displayName };

    const { report } = await migrate(admin, file, { mode: 'update', defaultOwner: auditNameOf(salesRep), prefix: data.tag, ownerNames });

    expect(report.mismatches, 'updated records carry the file\'s non-empty cells and keep the rest; unchanged rows are skipped').toEqual([]);
    expect(report.screen).toEqual(expectedCounts(file));
    const updated = file.rows.find((r) => r.kind === 'update-existing')!;
    expect((await getLead(salesRep.api, existing[0]!.id)).status, 'an import never changes the status of an existing lead').toBe(existing[0]!.record.Status);
    expect(updated.cells[6], 'the planted update row asks for another status').toBe('Qualified');
  });
});
