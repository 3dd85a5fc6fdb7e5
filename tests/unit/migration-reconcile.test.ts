import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quoteCell, readCsv, unguard } from '../../profiles/demo-crm/migration/csv-read.js';
import { LEAD_COLUMNS, expectedCounts, generateLegacyLeads, type LeadRecord, type LegacyExport } from '../../profiles/demo-crm/migration/legacy-export.js';
import { reasonKind, reconcileLeadImport, type TargetSide } from '../../profiles/demo-crm/migration/reconcile.js';

const file = generateLegacyLeads({ seed: 7, tag: 't2', validRows: 6, encoding: 'utf-8', mode: 'create', defaultOwner: 'rep.li', otherOwner: 'rep.sam', existing: [{ id: 9, record: { 'First name': 'A', 'Last name': 'B', Company: 'C', Email: 't2.old@x.example', Phone: '', Source: 'Web', Status: 'New', Owner: 'rep.sam' } }] });
const ownerNames = { 'rep.li': 'Li Wei', 'rep.sam': 'Sam Carter' };

const csv = (headers: readonly string[], rows: readonly (readonly string[])[]) => `\uFEFF${[headers, ...rows].map((r) => r.map((c) => quoteCell(/^[=+\-@]/.test(c) ? `'${c}` : c)).join(',')).join('\r\n')}\r\n`;

/** What a CRM that follows the rules exactly shows for `source`. */
function faithfulTarget(source: LegacyExport): TargetSide {
  const stored = source.rows.flatMap((r) => (r.expected.outcome === 'created' || r.expected.outcome === 'updated' ? [r.expected.stored] : []));
  const rejected = source.rows.flatMap((r) => (r.expected.outcome === 'rejected' ? [[String(r.line), r.expected.match === 'exact' ? r.expected.reason : `${r.expected.reason} (detail)`, ...r.cells]] : []));
  return {
    screen: expectedCounts(source),
    rejectedFile: readCsv(csv(['Line', 'Reason', ...LEAD_COLUMNS], rejected)),
    skipped: source.rows.flatMap((r) => (r.expected.outcome === 'skipped' ? [{ line: r.line, reason: r.expected.reason }] : [])),
    exported: readCsv(csv(LEAD_COLUMNS, stored.map((s) => LEAD_COLUMNS.map((c) => s[c])))),
    api: stored.map((s): LeadRecord => ({ ...s, Owner: ownerNames[s.Owner as keyof typeof ownerNames] })),
    ownerNames,
  };
}

describe('the lead import reconciliation', () => {
  it('finds nothing to report for a CRM that follows the rules', () => {
    const report = reconcileLeadImport(file, faithfulTarget(file));
    assert.deepEqual(report.mismatches, []);
    assert.equal(report.compared.export, expectedCounts(file).created);
    assert.equal(Object.values(report.rejectedByReason).reduce((a, b) => a + b, 0), expectedCounts(file).rejected);
  });

  it('names the last line missing and the counts off by one when the last row is dropped', () => {
    const target = faithfulTarget(file);
    const last = file.rows.at(-1)!;
    target.exported.rows = target.exported.rows.filter((r) => r.byHeader.Email !== last.key);
    target.api = target.api.filter((r) => r.Email !== last.key);
    target.screen = { ...target.screen, rows: target.screen.rows - 1, created: target.screen.created - 1 };
    const report = reconcileLeadImport(file, target);
    assert.deepEqual(report.mismatches.filter((m) => m.line === last.line).map((m) => [m.column, m.actual, m.via]), [['(record)', 'missing', 'export'], ['(record)', 'missing', 'api']]);
    assert.deepEqual(report.mismatches.filter((m) => m.line === 0).map((m) => m.column), ['rows', 'created']);
  });

  it('names the line and column of a mangled value, and a rejected row that was stored', () => {
    const target = faithfulTarget(file);
    const cjk = file.rows.find((r) => r.kind === 'cjk-emoji')!;
    const row = target.exported.rows.find((r) => r.byHeader.Email === cjk.key)!;
    row.byHeader = { ...row.byHeader, 'First name': Buffer.from(row.byHeader['First name']!, 'utf8').toString('latin1') };
    const bad = file.rows.find((r) => r.kind === 'bad-email')!;
    target.api.push({ 'First name': 'x', 'Last name': 'y', Company: 'z', Email: bad.key, Phone: '', Source: 'Import', Status: 'New', Owner: 'Li Wei' });
    target.rejectedFile.rows = target.rejectedFile.rows.filter((r) => Number(r.byHeader.Line) !== bad.line);
    const report = reconcileLeadImport(file, target);
    assert.deepEqual(report.mismatches.find((m) => m.line === cjk.line)?.column, 'First name');
    assert.deepEqual(report.mismatches.filter((m) => m.line === bad.line).map((m) => [m.column, m.via]), [['Reason', 'rejected-rows file'], ['(record)', 'api']]);
  });

  it('reads quoted cells with line breaks and undoes exactly one formula apostrophe', () => {
    const table = readCsv('\uFEFFA,B\r\n"x, ""y""\nz",\'=1+2\r\n\'\'@k,plain\r\n');
    assert.deepEqual(table.rows.map((r) => [r.line, ...r.cells]), [[2, 'x, "y"\nz', '=1+2'], [4, "'@k", 'plain']]);
    assert.equal(unguard("'+86 21"), '+86 21');
    assert.equal(unguard("'plain"), "'plain");
  });

  it('groups rejection reasons without their line numbers, record ids and quoted values', () => {
    assert.equal(reasonKind('Duplicate in this file: line 12 has the same Email'), 'Duplicate in this file: line N has the same Email');
    assert.equal(reasonKind('Owner: "gone.x" is not a user you may assign leads to'), 'Owner: "…" is not a user you may assign leads to');
  });
});
