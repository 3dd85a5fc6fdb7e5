import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsv } from '../src/modules/dataio/csv.js';
import { checkRow, IMPORT_SPECS, matchKeyOf } from '../src/modules/dataio/import-objects.js';
import { planImport, type ExistingRecord, type OwnerRef, type PlanLookups } from '../src/modules/dataio/import-plan.js';
import { autoMap, normalizeHeader, resolveMapping } from '../src/modules/dataio/mapping.js';

const leads = IMPORT_SPECS.lead;
const me: OwnerRef = { id: 7, username: 'mgr.zhang', team: 'sales' };
const li: OwnerRef = { id: 2, username: 'rep.li', team: 'sales' };

function lookups(existing: Record<string, ExistingRecord[]> = {}, o: Partial<PlanLookups> = {}): PlanLookups {
  return {
    existing: (key) => existing[key.toLowerCase()] ?? [],
    canEdit: (r) => r.ownerTeam === 'sales',
    createOwners: new Map([[me.username, me], [li.username, li]]),
    editOwners: new Map([[me.username, me], [li.username, li]]),
    ...o,
  };
}

function plan(csv: string, o: { mode?: 'create' | 'update'; existing?: Record<string, ExistingRecord[]> } = {}) {
  const [header, ...records] = parseCsv(csv);
  const headers = header?.cells ?? [];
  return planImport({
    spec: leads, mode: o.mode ?? 'create', mapping: autoMap(leads, headers), headers, records,
    defaultOwner: me, validateLeadEmail: true, lookups: lookups(o.existing),
  });
}

const HEADER = 'First name,Last name,Company,Email,Phone,Source,Status,Owner\r\n';

describe('dataio: column mapping', () => {
  test('headers are matched by name ignoring case, spaces, underscores and a BOM', () => {
    assert.equal(normalizeHeader('\uFEFF First_Name '), 'firstname');
    assert.deepEqual(autoMap(leads, ['EMAIL', 'first_name', 'LastName', 'Unrelated', 'company']), { firstName: 1, lastName: 2, company: 4, email: 0 });
  });

  test('an explicit mapping accepts column indexes or header names and reports every problem', () => {
    const headers = ['Given', 'Family', 'Org', 'Mail'];
    const ok = resolveMapping(leads, headers, { firstName: 0, lastName: 'family', company: '2', email: 'Mail', phone: '' }, 'create');
    assert.deepEqual(ok, { mapping: { firstName: 0, lastName: 1, company: 2, email: 3 }, errors: {} });
    const bad = resolveMapping(leads, headers, { firstName: 9, lastName: 'Surname', company: 0, nickname: 1 }, 'create');
    assert.equal(bad.errors['mapping.firstName'], 'First name: the file has no column 9');
    assert.equal(bad.errors['mapping.lastName'], 'Last name: the file has no column "Surname"');
    assert.match(bad.errors['mapping.nickname'] ?? '', /Unknown field "nickname"/);
    assert.equal(bad.errors['mapping.email'], 'Choose the column for Email (required)');
  });

  test('one column cannot feed two fields; update mode needs only the match key', () => {
    const twice = resolveMapping(leads, ['Name', 'Mail'], { firstName: 0, lastName: 0, company: 0, email: 1 }, 'create');
    assert.match(twice.errors['mapping.lastName'] ?? '', /already mapped to First name/);
    assert.deepEqual(resolveMapping(leads, ['Mail', 'Tel'], { email: 0, phone: 1 }, 'update').errors, {});
    assert.match(resolveMapping(leads, ['Tel'], { phone: 0 }, 'update').errors['mapping.email'] ?? '', /update existing/);
  });
});

describe('dataio: per-row validation uses the forms\' rules', () => {
  test('required fields, email and phone formats are reported per field with the form messages', () => {
    const r = checkRow(leads, { firstName: '', lastName: 'Li', company: 'X', email: 'no-at-sign', phone: '12' }, { validateLeadEmail: true, isNew: true });
    assert.deepEqual(r, {
      ok: false,
      reason: 'First name: Enter a first name; Email: Enter a valid email address; Phone: Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading +',
    });
  });

  test('values are trimmed, vocabulary is case-insensitive, empty source means Import and empty status New', () => {
    const r = checkRow(leads, { firstName: ' 小明 ', lastName: '王', company: 'C', email: ' a@b.example ', source: 'cold CALL', status: 'qualified' }, { validateLeadEmail: true, isNew: true });
    assert.deepEqual(r, { ok: true, values: { firstName: '小明', lastName: '王', company: 'C', email: 'a@b.example', phone: '', source: 'Cold call', status: 'Qualified', owner: '' } });
    const d = checkRow(leads, { firstName: 'A', lastName: 'B', company: 'C', email: 'a@b.example' }, { validateLeadEmail: true, isNew: true });
    assert.equal(d.ok && d.values.source, 'Import');
    assert.equal(d.ok && d.values.status, 'New');
  });

  test('converted or disqualified leads are not imported as new leads; unknown sources are refused', () => {
    const r = checkRow(leads, { firstName: 'A', lastName: 'B', company: 'C', email: 'a@b.example', source: 'Fax', status: 'Converted' }, { validateLeadEmail: true, isNew: true });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /^Source: Choose a source: Web, Referral, Event, Partner, Cold call, Import; Status: a lead is imported as New, Working, Qualified/);
  });

  test('accounts need a name and an http(s) website; contacts may have no email', () => {
    const a = checkRow(IMPORT_SPECS.account, { name: '', website: 'ftp://x' }, { validateLeadEmail: true, isNew: true });
    assert.deepEqual(a, { ok: false, reason: 'Name: Enter a name; Website: Enter a website address starting with http:// or https://' });
    const c = checkRow(IMPORT_SPECS.contact, { firstName: 'A', lastName: 'B', email: '' }, { validateLeadEmail: true, isNew: true });
    assert.equal(c.ok, true);
  });

  test('match keys fold ASCII case only, like the database\'s NOCASE columns', () => {
    assert.equal(matchKeyOf(' Ann@Example.COM '), 'ann@example.com');
    assert.notEqual(matchKeyOf('ÄBC GmbH'), matchKeyOf('äbc GmbH'));
  });
});

describe('dataio: the import plan', () => {
  test('duplicates inside the file are rejected with the line of the first occurrence', () => {
    const p = plan(`${HEADER}A,B,C,ann@x.example,,,,\r\nD,E,F,ANN@x.example,,,,\r\nG,H,I,bob@x.example,,,,\r\n`);
    assert.deepEqual(p.counts, { total: 3, create: 2, update: 0, skip: 0, reject: 1 });
    assert.deepEqual(p.rows[1], { kind: 'reject', line: 3, reason: 'Duplicate in this file: line 2 has the same Email', cells: ['D', 'E', 'F', 'ANN@x.example', '', '', '', ''] });
  });

  test('rows already in the CRM are skipped in create mode and updated in update mode (blank cells keep values)', () => {
    const existing = {
      'ann@x.example': [{ id: 41, ownerId: 2, ownerTeam: 'sales', values: { firstName: 'Ann', lastName: 'Old', company: 'Old Co', email: 'ann@x.example', phone: '+1 555 0100', source: 'Web', status: 'New', owner: 'rep.li' } }],
    };
    const csv = `${HEADER}Ann,New,,ann@x.example,,,,\r\n`;
    assert.deepEqual(plan(csv, { existing }).rows, [{ kind: 'skip', line: 2, id: 41, reason: 'Already in the CRM: lead #41 has this Email' }]);
    const update = plan(csv, { existing, mode: 'update' }).rows[0];
    assert.equal(update?.kind, 'update');
    assert.deepEqual(update?.kind === 'update' && { values: update.values, changed: update.changed, ownerId: update.ownerId }, {
      values: { firstName: 'Ann', lastName: 'New', company: 'Old Co', email: 'ann@x.example', phone: '+1 555 0100', source: 'Web', status: 'New', owner: 'rep.li' },
      changed: ['lastName'], ownerId: 2,
    });
    assert.equal(plan(`${HEADER}Ann,Old,,ann@x.example,,,,\r\n`, { existing, mode: 'update' }).rows[0]?.kind, 'skip');
  });

  test('update mode refuses records outside the importer\'s scope, read-only leads and ambiguous matches', () => {
    const rec = (id: number, extra: Partial<ExistingRecord> = {}): ExistingRecord => ({
      id, ownerId: 9, ownerTeam: 'sales', values: { firstName: 'A', lastName: 'B', company: 'C', email: 'k@x.example', owner: 'rep.li' }, ...extra,
    });
    const row = `${HEADER}A,Z,C,k@x.example,,,,\r\n`;
    const reason = (existing: ExistingRecord[]) => {
      const r = plan(row, { mode: 'update', existing: { 'k@x.example': existing } }).rows[0];
      return r?.kind === 'reject' ? r.reason : r?.kind;
    };
    assert.equal(reason([rec(1, { ownerTeam: 'support' })]), 'You may not edit the existing lead #1 with this Email (it is outside your records)');
    assert.equal(reason([rec(2, { readOnly: 'this lead is Converted and read-only' })]), 'The existing lead #2: this lead is Converted and read-only');
    assert.equal(reason([rec(3), rec(4)]), '2 existing leads have this Email; update them by hand');
  });

  test('owners come from the Owner column when the importer may assign them, else the default owner', () => {
    const p = plan(`${HEADER}A,B,C,a@x.example,,,,rep.li\r\nD,E,F,d@x.example,,,,\r\nG,H,I,g@x.example,,,,admin\r\n`);
    assert.deepEqual(p.rows.map((r) => (r.kind === 'create' ? r.ownerId : r.kind === 'reject' ? r.reason : r.kind)), [
      2, 7, 'Owner: "admin" is not a user you may assign leads to',
    ]);
  });

  test('rows with the wrong number of values or broken quoting are rejected, not guessed', () => {
    const p = plan(`${HEADER}A,B,C,a@x.example,,,\r\n"A"x,B,C,b@x.example,,,,\r\n`);
    assert.match(p.rows[0]?.kind === 'reject' ? p.rows[0].reason : '', /7 values but the header has 8 columns/);
    assert.match(p.rows[1]?.kind === 'reject' ? p.rows[1].reason : '', /Malformed CSV: unexpected text after a closing quote/);
  });
});
