import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { count, csvText, expectStatus, importBytes, LEAD_HEADER, leadRow } from './dataio-support.js';

/** Each defect switch of the import, against a server without it: the documented behaviour changes. */
describe('dataio: the import defect switches change behaviour', () => {
  let clean: TestCrm;
  let dropping: TestCrm;
  let mangling: TestCrm;
  const managers = new Map<TestCrm, ApiClient>();
  before(async () => {
    [clean, dropping, mangling] = await Promise.all([
      startCrm(), startCrm({ faults: ['import-drops-last-row'] }), startCrm({ faults: ['import-mangles-cjk'] }),
    ]);
    for (const crm of [clean, dropping, mangling]) managers.set(crm, await crm.login('mgr.zhang'));
  });
  after(async () => { await Promise.all([clean.close(), dropping.close(), mangling.close()]); });

  const importLeads = (crm: TestCrm, rows: string[][]) =>
    importBytes(managers.get(crm) as ApiClient, 'lead', Buffer.from(csvText(LEAD_HEADER, rows), 'utf8'));

  test('import-drops-last-row: the last row silently disappears and the counts still "reconcile"', async () => {
    const rows = [leadRow(), leadRow(), leadRow()];
    const ok = await importLeads(clean, rows);
    expectStatus(ok, 201);
    assert.deepEqual([ok.body.rows, ok.body.counts.created], [3, 3]);
    assert.equal(count(clean, 'SELECT COUNT(*) FROM leads WHERE email = ?', rows[2]?.[3]), 1);

    const bad = await importLeads(dropping, rows);
    expectStatus(bad, 201);
    assert.deepEqual([bad.body.rows, bad.body.counts, bad.body.rejected, bad.body.skipped], [2, { created: 2, updated: 0, skipped: 0, rejected: 0 }, [], []]);
    assert.equal(count(dropping, 'SELECT COUNT(*) FROM leads WHERE email = ?', rows[2]?.[3]), 0, 'the last row is gone');
    assert.equal(count(dropping, 'SELECT COUNT(*) FROM leads WHERE email = ?', rows[0]?.[3]), 1);
  });

  test('import-mangles-cjk: UTF-8 is read as Latin-1, so CJK names arrive as mojibake', async () => {
    const row = leadRow({ firstName: '小明', lastName: '王', company: '上海星辰科技' });
    const ask = (crm: TestCrm) => crm.server.app.crm.db.prepare('SELECT first_name, last_name, company FROM leads WHERE email = ?').get(row[3]);
    expectStatus(await importLeads(clean, [row]), 201);
    assert.deepEqual({ ...(ask(clean) as object) }, { first_name: '小明', last_name: '王', company: '上海星辰科技' });

    const res = await importLeads(mangling, [row]);
    expectStatus(res, 201);
    assert.equal(res.body.counts.created, 1, 'nothing is rejected: the damage is silent');
    const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    assert.deepEqual({ ...(ask(mangling) as object) }, { first_name: latin1('小明'), last_name: latin1('王'), company: latin1('上海星辰科技') });
  });
});
