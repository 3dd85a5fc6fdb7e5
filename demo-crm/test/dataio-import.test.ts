import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import {
  ACCOUNT_HEADER, CONTACT_HEADER, count, csvText, dbOf, expectStatus, importBytes, importCsv, LEAD_HEADER, leadRow, readCsv, uid,
} from './dataio-support.js';

describe('dataio: importing leads, accounts and contacts through the API', () => {
  let crm: TestCrm;
  let admin: ApiClient;
  let manager: ApiClient;
  before(async () => {
    crm = await startCrm();
    [admin, manager] = await Promise.all([crm.login('admin'), crm.login('mgr.zhang')]);
  });
  after(async () => { await crm.close(); });

  const leadByEmail = (email: string) => dbOf(crm).prepare(
    'SELECT l.first_name AS firstName, l.last_name AS lastName, l.company, l.phone, l.source, l.status, u.username AS owner FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.email = ?',
  ).all(email) as { firstName: string; lastName: string; company: string; phone: string; source: string; status: string; owner: string }[];

  test('a UTF-8 file with a BOM imports CJK, emoji, quotes, commas and line breaks intact', async () => {
    const rows = [
      leadRow({ firstName: '小明', lastName: '王', company: '上海星辰科技有限公司' }),
      leadRow({ firstName: 'Zoë 🚀', lastName: "O'Brien", company: 'Smith, "Jr" & Sons\nEurope', phone: '(555) 010-4477' }),
    ];
    const res = await importBytes(manager, 'lead', Buffer.from(csvText(LEAD_HEADER, rows), 'utf8'));
    expectStatus(res, 201);
    assert.equal(res.body.encoding, 'utf-8-bom');
    assert.deepEqual(res.body.counts, { created: 2, updated: 0, skipped: 0, rejected: 0 });
    for (const r of rows) {
      assert.deepEqual(leadByEmail(r[3] as string), [{ firstName: r[0], lastName: r[1], company: r[2], phone: r[4], source: 'Web', status: 'New', owner: 'mgr.zhang' }]);
    }
  });

  test('a GBK file (Excel on a Chinese-locale PC) is detected and decoded', async () => {
    const row = leadRow({ firstName: '丽', lastName: '张', company: '北京云图数据' });
    const res = await importBytes(manager, 'lead', iconv.encode(csvText(LEAD_HEADER, [row], { bom: false }), 'gbk'));
    expectStatus(res, 201);
    assert.equal(res.body.encoding, 'gbk');
    assert.deepEqual(leadByEmail(row[3] as string).map((l) => [l.firstName, l.lastName, l.company]), [['丽', '张', '北京云图数据']]);
  });

  test('each invalid row is rejected with its line and reasons; valid rows are imported; counts reconcile', async () => {
    const good = leadRow();
    const rows = [
      good,
      leadRow({ firstName: '', email: 'not-an-email' }),
      leadRow({ phone: '12', source: 'Carrier pigeon' }),
      leadRow({ status: 'Converted' }),
    ];
    const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, rows));
    expectStatus(res, 201);
    assert.deepEqual(res.body.counts, { created: 1, updated: 0, skipped: 0, rejected: 3 });
    assert.equal(res.body.rows, 4);
    assert.deepEqual(res.body.rejected, [
      { line: 3, reason: 'First name: Enter a first name; Email: Enter a valid email address' },
      { line: 4, reason: 'Phone: Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading +; Source: Choose a source: Web, Referral, Event, Partner, Cold call, Import' },
      { line: 5, reason: 'Status: a lead is imported as New, Working, Qualified (converted and disqualified leads are not imported)' },
    ]);
    assert.equal(leadByEmail(good[3] as string).length, 1);
    for (const r of rows.slice(1)) assert.equal(leadByEmail(r[3] as string).length, 0);
  });

  test('the rejected rows download as CSV: line, reason, then the original columns and values', async () => {
    const bad = leadRow({ firstName: '美玲', company: 'Comma, Inc', email: 'broken@' });
    const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [leadRow(), bad]));
    expectStatus(res, 201);
    const file = await manager.get(res.body.links.rejectedCsv);
    expectStatus(file, 200);
    assert.match(file.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(file.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="import-${res.body.id}-rejected.csv"`));
    assert.deepEqual(readCsv(file.text), [['Line', 'Reason', ...LEAD_HEADER], ['3', 'Email: Enter a valid email address', ...bad]]);
  });

  test('the corrected rejected-rows file imports as it is (Line and Reason are not import fields)', async () => {
    const bad = leadRow({ email: 'fix-me@' });
    const first = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [bad]));
    const file = readCsv((await manager.get(first.body.links.rejectedCsv)).text);
    const fixedEmail = `fixed.${uid()}@moreau.example`;
    const fixed = file.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 5 ? fixedEmail : c))));
    const again = await importCsv(manager, 'lead', csvText(fixed[0] ?? [], fixed.slice(1)));
    expectStatus(again, 201);
    assert.deepEqual(again.body.counts, { created: 1, updated: 0, skipped: 0, rejected: 0 });
    assert.equal(leadByEmail(fixedEmail)[0]?.lastName, bad[1]);
  });

  test('duplicates: within the file they are rejected, against the database skipped (email ignores case)', async () => {
    const existing = await manager.post('/api/leads', { firstName: 'Ex', lastName: 'Isting', company: 'Old Co', email: `dup.${uid()}@x.example`, source: 'Web' });
    expectStatus(existing, 201);
    const same = leadRow({ email: String(existing.body.email).toUpperCase() });
    const twice = leadRow();
    const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [twice, same, [...twice.slice(0, 3), (twice[3] as string).toUpperCase(), ...twice.slice(4)]]));
    expectStatus(res, 201);
    assert.deepEqual(res.body.counts, { created: 1, updated: 0, skipped: 1, rejected: 1 });
    assert.deepEqual(res.body.skipped, [{ line: 3, reason: `Already in the CRM: lead #${existing.body.id} has this Email`, recordId: existing.body.id }]);
    assert.deepEqual(res.body.rejected, [{ line: 4, reason: 'Duplicate in this file: line 2 has the same Email' }]);
    assert.equal(leadByEmail(existing.body.email as string)[0]?.company, 'Old Co');
  });

  test('"update existing" updates by match key, keeps stored values for blank cells, and is idempotent', async () => {
    const email = `upd.${uid()}@x.example`;
    const created = await manager.post('/api/leads', { firstName: 'Ana', lastName: 'Silva', company: 'Silva Lda', email, phone: '+351 21 555 0100', source: 'Event' });
    expectStatus(created, 201);
    const fresh = leadRow();
    const csv = csvText(LEAD_HEADER, [['Ana', 'Silva-Costa', '', email.toUpperCase(), '', '', '', ''], fresh]);
    const res = await importCsv(manager, 'lead', csv, { mode: 'update' });
    expectStatus(res, 201);
    assert.deepEqual(res.body.counts, { created: 1, updated: 1, skipped: 0, rejected: 0 });
    const lead = await manager.get(`/api/leads/${created.body.id}`);
    assert.deepEqual(
      [lead.body.lastName, lead.body.company, lead.body.email, lead.body.phone, lead.body.source, lead.body.ownerName],
      ['Silva-Costa', 'Silva Lda', email.toUpperCase(), '+351 21 555 0100', 'Event', 'Zhang Min'],
    );
    const again = await importCsv(manager, 'lead', csv, { mode: 'update' });
    assert.deepEqual(again.body.counts, { created: 0, updated: 0, skipped: 2, rejected: 0 });
    assert.deepEqual(again.body.skipped[0], { line: 2, reason: `No changes: same as lead #${created.body.id}`, recordId: created.body.id });
  });

  test('accounts match by name; contacts link to accounts by name and match by email', async () => {
    const name = `Kowalski Sp ${uid()}`;
    const accounts = await importCsv(manager, 'account', csvText(ACCOUNT_HEADER, [[name, 'Logistics', 'https://kowalski.example', '+48 22 555 0100', 'Warszawa', 'Poland', '']]));
    expectStatus(accounts, 201);
    assert.deepEqual(accounts.body.counts, { created: 1, updated: 0, skipped: 0, rejected: 0 });
    const renamed = await importCsv(manager, 'account', csvText(ACCOUNT_HEADER, [[name.toLowerCase(), 'Freight', '', '', '', '', '']]), { mode: 'update' });
    assert.deepEqual(renamed.body.counts, { created: 0, updated: 1, skipped: 0, rejected: 0 });
    const email = `jan.${uid()}@kowalski.example`;
    const contacts = await importCsv(manager, 'contact', csvText(CONTACT_HEADER, [
      ['Jan', 'Nowak', email, '', 'CFO', name.toUpperCase(), ''],
      ['Ewa', 'Nowak', '', '', '', `No Such Account ${uid()}`, ''],
      ['Piotr', 'Nowak', '', '', '', '', ''],
    ]));
    expectStatus(contacts, 201);
    assert.deepEqual(contacts.body.counts, { created: 2, updated: 0, skipped: 0, rejected: 1 });
    assert.match(contacts.body.rejected[0].reason, /^Account: no account named "No Such Account [0-9a-f]+" among the accounts you can see$/);
    const row = dbOf(crm).prepare('SELECT a.name, a.industry FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.email = ?').get(email);
    assert.deepEqual({ ...(row as object) }, { name: name.toLowerCase(), industry: 'Freight' });
  });

  test('records belong to the importer, or to the owner an admin chooses; the Owner column decides per row', async () => {
    const byAdmin = leadRow();
    const perRow = leadRow({ owner: 'rep.sam' });
    const liId = dbOf(crm).prepare("SELECT id FROM users WHERE username = 'rep.li'").pluck().get();
    const res = await importCsv(admin, 'lead', csvText(LEAD_HEADER, [byAdmin, perRow]), { ownerId: liId });
    expectStatus(res, 201);
    assert.equal(res.body.defaultOwnerId, liId);
    assert.equal(leadByEmail(byAdmin[3] as string)[0]?.owner, 'rep.li');
    assert.equal(leadByEmail(perRow[3] as string)[0]?.owner, 'rep.sam');
  });

  test('a mapping can name columns by header or index; a bad mapping is refused before anything is stored', async () => {
    const email = `map.${uid()}@x.example`;
    const csv = csvText(['Mail', 'Given name', 'Family name', 'Organisation', 'Notes'], [[email, 'Kim', 'Lee', 'Lee Co', 'ignored']]);
    const ok = await importCsv(manager, 'lead', csv, { mapping: { email: 'Mail', firstName: 1, lastName: 'family name', company: 3 } });
    expectStatus(ok, 201);
    assert.deepEqual(ok.body.mapping, { email: 0, firstName: 1, lastName: 2, company: 3 });
    assert.deepEqual(leadByEmail(email).map((l) => [l.firstName, l.lastName, l.company]), [['Kim', 'Lee', 'Lee Co']]);
    const before = count(crm, 'SELECT COUNT(*) FROM imports');
    const bad = await importCsv(manager, 'lead', csv, { mapping: JSON.stringify({ email: 'Mail' }) });
    expectStatus(bad, 400);
    assert.deepEqual(bad.body.fields, {
      'mapping.firstName': 'Choose the column for First name (required)',
      'mapping.lastName': 'Choose the column for Last name (required)',
      'mapping.company': 'Choose the column for Company (required)',
    });
    assert.equal(count(crm, 'SELECT COUNT(*) FROM imports'), before);
  });

  test('unusable files are refused with a reason: empty, header only, unclosed quote, unknown encoding, wrong object', async () => {
    const cases: [string | Buffer, string, RegExp][] = [
      ['', 'file', /file is empty/],
      ['First name,Last name\r\n', 'file', /no data rows/],
      ['First name,Last name\r\n"Open,quote\r\n', 'file', /Line 2: a quoted field is never closed/],
      [Buffer.from([0x61, 0x2c, 0xff, 0xff, 0x0d, 0x0a]), 'file', /neither UTF-8 nor GBK/],
    ];
    for (const [content, field, message] of cases) {
      const res = typeof content === 'string' ? await importCsv(manager, 'lead', content) : await importBytes(manager, 'lead', content);
      expectStatus(res, 400);
      assert.match(res.body.fields[field], message);
    }
    const wrong = await importCsv(manager, 'opportunity', 'Name\r\nx\r\n');
    expectStatus(wrong, 400);
    assert.equal(wrong.body.fields.object, 'Choose what to import: leads, accounts or contacts');
  });

  test('a dry run reports what would happen and writes nothing', async () => {
    const rows = [leadRow(), leadRow({ email: 'nope' })];
    const imports = count(crm, 'SELECT COUNT(*) FROM imports');
    const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, rows), { dryRun: true });
    expectStatus(res, 200);
    assert.deepEqual([res.body.dryRun, res.body.counts], [true, { created: 1, updated: 0, skipped: 0, rejected: 1 }]);
    assert.equal(leadByEmail(rows[0]?.[3] as string).length, 0);
    assert.equal(count(crm, 'SELECT COUNT(*) FROM imports'), imports);
  });

  test('one audit entry per import, with the counts', async () => {
    const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [leadRow(), leadRow(), leadRow({ email: 'x' })]));
    const entries = await admin.get(`/api/audit?action=import&object=import&recordId=${res.body.id}`);
    assert.equal(entries.body.total, 1);
    assert.equal(entries.body.items[0].actor, 'mgr.zhang');
    assert.match(entries.body.items[0].summary, /^import #\d+ of leads from leads-[0-9a-f]+\.csv \(utf-8-bom, create only\): 2 created, 0 updated, 0 skipped, 1 rejected$/);
  });

  test('a row that fails while being written rolls back the whole import; the failed run can be retried', async () => {
    const marker = `Rollback ${uid()}`;
    const db = dbOf(crm);
    const rows = [1, 2, 3, 4, 5].map((i) => leadRow({ company: i === 4 ? `${marker} boom` : `${marker} ${i}` }));
    let importId = 0;
    // A constraint the validation does not know about: the 4th row fails inside the INSERT itself.
    db.exec(`CREATE TRIGGER dataio_test_fail BEFORE INSERT ON leads WHEN NEW.company = '${marker} boom'
             BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END`);
    try {
      const leadsBefore = count(crm, 'SELECT COUNT(*) FROM leads');
      const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, rows));
      expectStatus(res, 500);
      importId = res.body.importId as number;
      assert.equal(res.body.error, 'import_failed');
      assert.equal(res.body.message, 'Line 5: simulated storage failure. The import was rolled back: nothing was imported.');
      assert.equal(count(crm, 'SELECT COUNT(*) FROM leads'), leadsBefore);
      assert.equal(count(crm, 'SELECT COUNT(*) FROM leads WHERE company LIKE ?', `${marker}%`), 0);
      const record = await manager.get(`/api/imports/${importId}`);
      assert.deepEqual([record.body.status, record.body.counts, record.body.rejected], ['failed', { created: 0, updated: 0, skipped: 0, rejected: 0 }, []]);
      assert.match(record.body.error, /simulated storage failure/);
      const audits = await admin.get(`/api/audit?object=import&recordId=${importId}`);
      assert.deepEqual(audits.body.items.map((a: { action: string }) => a.action), ['import_failed']);
    } finally {
      db.exec('DROP TRIGGER dataio_test_fail');
    }
    // The failed upload keeps its file: once the cause is gone, running it again imports every row.
    const retry = await manager.post(`/imports/${importId}/run`);
    expectStatus(retry, 303);
    const done = await manager.get(`/api/imports/${importId}`);
    assert.deepEqual([done.body.status, done.body.counts], ['completed', { created: 5, updated: 0, skipped: 0, rejected: 0 }]);
    assert.equal(count(crm, 'SELECT COUNT(*) FROM leads WHERE company LIKE ?', `${marker}%`), 5);
  });
});
