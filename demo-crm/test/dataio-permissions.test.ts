import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { csvText, expectStatus, importCsv, LEAD_HEADER, leadRow, readCsv, uid } from './dataio-support.js';

describe('dataio: who may import and export, and which records', () => {
  let crm: TestCrm;
  let admin: ApiClient;
  let li: ApiClient;
  let sam: ApiClient;
  let manager: ApiClient;
  let finance: ApiClient;
  let auditor: ApiClient;
  before(async () => {
    crm = await startCrm();
    [admin, li, sam, manager, finance, auditor] = await Promise.all(
      ['admin', 'rep.li', 'rep.sam', 'mgr.zhang', 'fin.omar', 'auditor.eve'].map((u) => crm.login(u)),
    );
  });
  after(async () => { await crm.close(); });

  test('a sales rep and finance may not import (403, audited, nothing written); the manager may', async () => {
    const row = leadRow();
    for (const [client, username] of [[li, 'rep.li'], [finance, 'fin.omar']] as const) {
      const res = await importCsv(client, 'lead', csvText(LEAD_HEADER, [row]));
      expectStatus(res, 403);
      assert.equal(res.body.error, 'forbidden');
      const denials = await admin.get(`/api/audit?actor=${username}&action=permission_denied&object=import`);
      assert.ok(denials.body.total >= 1);
    }
    assert.equal((await admin.get(`/api/leads?q=${encodeURIComponent(row[3] as string)}`)).body.total, 0);
    expectStatus(await importCsv(manager, 'lead', csvText(LEAD_HEADER, [row])), 201);
  });

  test('the wizard is refused to a rep by URL too, and the Imports menu is not shown to them', async () => {
    const page = await li.request('GET', '/imports/new', undefined, { accept: 'text/html' });
    expectStatus(page, 403);
    assert.match(page.text, /data-testid="access-denied"/);
    const home = await li.request('GET', '/', undefined, { accept: 'text/html' });
    assert.doesNotMatch(home.text, /href="\/imports"/);
    const mgrHome = await manager.request('GET', '/', undefined, { accept: 'text/html' });
    assert.match(mgrHome.text, /<a href="\/imports">Imports<\/a>/);
  });

  test('a manager may not make someone outside their team the owner, nor update records outside it', async () => {
    const adminId = (await admin.get('/api/session')).body.user.id;
    const foreignOwner = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [leadRow()]), { ownerId: adminId });
    expectStatus(foreignOwner, 403);
    const notAnOwner = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [leadRow()]), { ownerId: 999_999 });
    expectStatus(notAnOwner, 400);
    assert.match(notAnOwner.body.fields.ownerId, /Choose an owner/);
    const adminsLead = await admin.post('/api/leads', { firstName: 'Ad', lastName: 'Min', company: 'HQ', email: `hq.${uid()}@x.example`, source: 'Web' });
    const res = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [['Ad', 'Changed', 'HQ', adminsLead.body.email, '', '', '', '']]), { mode: 'update' });
    expectStatus(res, 201);
    assert.deepEqual(res.body.rejected, [{ line: 2, reason: `You may not edit the existing lead #${adminsLead.body.id} with this Email (it is outside your records)` }]);
    assert.equal((await admin.get(`/api/leads/${adminsLead.body.id}`)).body.lastName, 'Min');
  });

  test('import runs are visible in the importer\'s scope: the manager sees the team\'s, not the admin\'s', async () => {
    const mine = await importCsv(manager, 'lead', csvText(LEAD_HEADER, [leadRow()]));
    const admins = await importCsv(admin, 'lead', csvText(LEAD_HEADER, [leadRow()]));
    expectStatus(await manager.get(`/api/imports/${mine.body.id}`), 200);
    expectStatus(await manager.get(`/api/imports/${admins.body.id}`), 403);
    expectStatus(await manager.get(`/api/imports/${admins.body.id}/rejected.csv`), 403);
    const list = await manager.get('/api/imports?pageSize=100');
    assert.ok(list.body.items.some((i: { id: number }) => i.id === mine.body.id));
    assert.ok(!list.body.items.some((i: { id: number }) => i.id === admins.body.id));
    expectStatus(await auditor.get(`/api/imports/${admins.body.id}`), 200);
    expectStatus(await li.get('/api/imports'), 403);
    expectStatus(await manager.get('/api/imports/999999'), 404);
  });

  test('a rep\'s export holds only their own leads, exactly the ones their list shows', async () => {
    const marker = `Scope${uid()}`;
    for (const [client, n] of [[li, 2], [sam, 3]] as const) {
      for (let i = 0; i < n; i++) {
        expectStatus(await client.post('/api/leads', { firstName: marker, lastName: `L${i}`, company: 'Scope Co', email: `${marker}.${uid()}@x.example`, source: 'Web' }), 201);
      }
    }
    const file = await li.get(`/api/exports/leads.csv?q=${marker}`);
    expectStatus(file, 200);
    const rows = readCsv(file.text);
    assert.deepEqual(rows[0], LEAD_HEADER);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[7]]), [[marker, 'rep.li'], [marker, 'rep.li']]);
    const all = readCsv((await li.get('/api/exports/leads.csv')).text).slice(1);
    const listed = await li.get('/api/leads?pageSize=100');
    assert.equal(all.length, listed.body.total);
    assert.ok(all.every((r) => r[7] === 'rep.li'));
    const team = readCsv((await manager.get(`/api/exports/leads.csv?q=${marker}`)).text).slice(1);
    assert.deepEqual(team.map((r) => r[7]).sort(), ['rep.li', 'rep.li', 'rep.sam', 'rep.sam', 'rep.sam']);
  });

  test('export needs the export permission on the object; every export is audited', async () => {
    expectStatus(await finance.get('/api/exports/leads.csv'), 403);
    expectStatus(await finance.get('/api/exports/accounts.csv'), 403);
    expectStatus(await auditor.get('/api/exports/accounts.csv'), 200);
    expectStatus(await li.get('/api/exports/opportunities-and-more.csv'), 404);
    const res = await li.get('/api/exports/contacts.csv?q=Nobody');
    expectStatus(res, 200);
    const audit = await admin.get('/api/audit?actor=rep.li&action=export&object=contact');
    assert.match(audit.body.items[0].summary, /^exported \d+ contacts to CSV \(q=Nobody\)$/);
  });

  test('list pages offer "Export CSV" with their current filters, only to roles that may export', async () => {
    const leads = await li.request('GET', '/leads?status=New&q=Ra&sort=company&dir=desc&page=2', undefined, { accept: 'text/html' });
    assert.match(leads.text, /<a class="btn btn-secondary" href="\/export\/leads\.csv\?status=New&amp;q=Ra&amp;sort=company&amp;dir=desc" download data-testid="export-csv">Export CSV<\/a>/);
    for (const list of ['accounts', 'contacts']) {
      assert.match((await manager.request('GET', `/${list}`, undefined, { accept: 'text/html' })).text, new RegExp(`href="/export/${list}\\.csv" download data-testid="export-csv"`));
      const financePage = await finance.request('GET', `/${list}`, undefined, { accept: 'text/html' });
      expectStatus(financePage, 200);
      assert.doesNotMatch(financePage.text, /data-testid="export-csv"/);
    }
  });

  test('the export applies the list filters and refuses invalid ones like the list does', async () => {
    const marker = `Filter${uid()}`;
    const a = await li.post('/api/leads', { firstName: marker, lastName: 'Web', company: 'F', email: `${marker}.a@x.example`, source: 'Web' });
    await li.post('/api/leads', { firstName: marker, lastName: 'Event', company: 'F', email: `${marker}.b@x.example`, source: 'Event' });
    const rows = readCsv((await li.get(`/api/exports/leads.csv?q=${marker}&source=Web&page=2&pageSize=1`)).text).slice(1);
    assert.deepEqual(rows.map((r) => r[3]), [a.body.email]);
    const bad = await li.get('/api/exports/leads.csv?source=Fax');
    expectStatus(bad, 400);
    assert.match(bad.body.fields.source, /Choose a source/);
  });
});
