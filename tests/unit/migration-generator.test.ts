import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { parseCsvRecords, readCsv } from '../../profiles/demo-crm/migration/csv-read.js';
import { DEFECT_KINDS, LEAD_COLUMNS, expectedCounts, generateLegacyLeads, storedAfterUpdate, storedFromCells, type LeadRecord, type LegacyExportOptions } from '../../profiles/demo-crm/migration/legacy-export.js';

const existingLead = (id: number): { id: number; record: LeadRecord } => ({
  id,
  record: { 'First name': 'Ann', 'Last name': 'Lee', Company: 'Old Co', Email: `t1.old${id}@crm.example.test`, Phone: '+1 555 010 0000', Source: 'Web', Status: 'Working', Owner: 'rep.sam' },
});

const options = (o: Partial<LegacyExportOptions> = {}): LegacyExportOptions => ({
  seed: 42, tag: 't1', validRows: 10, encoding: 'utf-8-bom', mode: 'create', defaultOwner: 'rep.li', otherOwner: 'rep.sam', existing: [existingLead(7)], ...o,
});

describe('the legacy lead export generator', () => {
  it('is replayable: the same seed and tag give the same bytes, another seed other bytes', () => {
    assert.deepEqual(generateLegacyLeads(options()).bytes, generateLegacyLeads(options()).bytes);
    assert.notDeepEqual(generateLegacyLeads(options()).bytes, generateLegacyLeads(options({ seed: 43 })).bytes);
  });

  it('plants every create-mode defect once, between valid first and last rows', () => {
    const file = generateLegacyLeads(options());
    const kinds = file.rows.map((r) => r.kind);
    for (const k of DEFECT_KINDS.filter((d) => !d.startsWith('update'))) assert.equal(kinds.filter((x) => x === k).length, 1, k);
    assert.equal(file.rows[0]!.kind, 'valid');
    assert.equal(file.rows.at(-1)!.kind, 'valid', 'the last row is a valid one: where an off-by-one reader loses data');
  });

  it('writes a BOM, CRLF and RFC 4180 quoting, and the planted lines are the physical lines the file has', () => {
    const file = generateLegacyLeads(options());
    assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const records = parseCsvRecords(file.bytes.toString('utf8').slice(1));
    assert.deepEqual(records[0]!.cells, [...LEAD_COLUMNS]);
    assert.deepEqual(records.slice(1).map((r) => r.line), file.rows.map((r) => r.line));
    assert.deepEqual(records.slice(1).map((r) => r.cells), file.rows.map((r) => r.cells));
    const multiline = file.rows.find((r) => r.kind === 'quoted-comma-newline')!;
    const next = file.rows[file.rows.indexOf(multiline) + 1]!;
    assert.equal(next.line, multiline.line + 2, 'a cell with a line break takes two physical lines');
  });

  it('writes a GBK variant that decodes to the same text and carries no emoji', () => {
    const file = generateLegacyLeads(options({ encoding: 'gbk' }));
    const text = iconv.decode(file.bytes, 'gbk');
    assert.ok(/[\u4e00-\u9fff]/.test(text), 'CJK text is in the file');
    assert.ok(!/\p{Extended_Pictographic}/u.test(text));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(file.bytes), 'the GBK bytes are not valid UTF-8');
    assert.equal(readCsv(text).rows.length, file.rows.length);
  });

  it('derives the expectations from the documented rules', () => {
    const file = generateLegacyLeads(options());
    const dup = file.rows.find((r) => r.kind === 'duplicate-in-file')!;
    assert.deepEqual(dup.expected, { outcome: 'rejected', reason: `Duplicate in this file: line ${file.rows[0]!.line} has the same Email`, match: 'exact' });
    assert.deepEqual(file.rows.find((r) => r.kind === 'duplicate-of-existing')!.expected, { outcome: 'skipped', reason: 'Already in the CRM: lead #7 has this Email', recordId: 7 });
    const spaces = file.rows.find((r) => r.kind === 'trailing-spaces')!;
    assert.equal(spaces.expected.outcome === 'created' && spaces.expected.stored.Source, 'Referral');
    const counts = expectedCounts(file);
    assert.equal(counts.created + counts.updated + counts.skipped + counts.rejected, counts.rows);
    assert.equal(counts.rejected, 8);
  });

  it('storedFromCells trims, defaults and spells vocabulary canonically; an update keeps blanks and the status', () => {
    const cells: LeadRecord = { 'First name': ' A ', 'Last name': 'B', Company: 'C\t', Email: ' x@y.example ', Phone: '', Source: 'cold CALL', Status: '', Owner: '' };
    assert.deepEqual(storedFromCells(cells, 'rep.li'), { 'First name': 'A', 'Last name': 'B', Company: 'C', Email: 'x@y.example', Phone: '', Source: 'Cold call', Status: 'New', Owner: 'rep.li' });
    const old = existingLead(3).record;
    const merged = storedAfterUpdate(old, { ...cells, 'First name': '', Status: 'Qualified' });
    assert.deepEqual(merged, { ...old, 'Last name': 'B', Company: 'C', Email: 'x@y.example', Source: 'Cold call' });
  });

  it('in update mode plants rows for existing leads and refuses to plant without one', () => {
    const file = generateLegacyLeads(options({ mode: 'update', existing: [existingLead(1), existingLead(2)] }));
    assert.deepEqual(file.rows.filter((r) => r.expected.outcome === 'updated').map((r) => r.expected.outcome === 'updated' && r.expected.recordId), [1]);
    assert.throws(() => generateLegacyLeads(options({ mode: 'update', existing: [existingLead(1)] })), /needs one more existing lead/);
  });
});
