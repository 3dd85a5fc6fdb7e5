import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { BrowserLike, csvText, expectStatus, importCsv, readCsv, uid } from './dataio-support.js';

/** Values chosen to break naive CSV code: CJK, emoji, commas, quotes, line breaks, formula look-alikes. */
const awkward = (marker: string) => ({
  accounts: [
    { name: `${marker} 北京云图数据`, industry: '数据分析', website: 'https://yuntu.example', phone: '+86 10 5555 0400', billingCity: '北京', billingCountry: '中国' },
    { name: `${marker} Smith, "Jr" & Sons`, industry: 'Retail\nOnline', website: '', phone: '', billingCity: 'São Paulo', billingCountry: 'Brasil' },
  ],
  contacts: (accountNames: string[]) => [
    { firstName: '丽 🌸', lastName: `${marker}张`, email: `zhang.${marker}@yuntu.example`, phone: '+86 10 5555 0401', title: '采购经理', account: accountNames[0] ?? '' },
    { firstName: '=cmd', lastName: `${marker}-Formula`, email: '', phone: '', title: "-it's fine", account: '' },
  ],
  leads: [
    { firstName: '小明', lastName: '王', company: `${marker} 上海星辰科技`, email: `wang.${marker}@xingchen.example`, phone: '+86 21 5555 0123', source: 'Event' },
    { firstName: 'Zoë 🚀', lastName: "O'Brien", company: `${marker} "Quoted", Inc`, email: `zoe.${marker}@x.example`, phone: '(555) 010-4477', source: 'Partner' },
    { firstName: '@handle', lastName: ' spaced ', company: `${marker} Two\r\nLines`, email: `handle.${marker}@x.example`, phone: '', source: 'Web' },
  ],
});

async function ownerIds(client: ApiClient): Promise<Record<string, number>> {
  const users = await client.get('/api/users?pageSize=100');
  return Object.fromEntries(users.body.items.map((u: { username: string; id: number }) => [u.username, u.id]));
}

describe('dataio: export → import round trip loses nothing (CJK, emoji and awkward text included)', () => {
  let a: TestCrm;
  let b: TestCrm;
  let adminA: ApiClient;
  let adminB: ApiClient;
  before(async () => {
    [a, b] = await Promise.all([startCrm(), startCrm()]);
    [adminA, adminB] = await Promise.all([a.login('admin'), b.login('admin')]);
  });
  after(async () => { await Promise.all([a.close(), b.close()]); });

  test('accounts, contacts and leads exported from one CRM import into a fresh one and export identically', async () => {
    const marker = `RT${uid()}`;
    const data = awkward(marker);
    const owners = await ownerIds(adminA);
    for (const acc of data.accounts) expectStatus(await adminA.post('/api/accounts', { ...acc, ownerId: owners['rep.sam'] }), 201);
    const accountIds = await Promise.all(data.accounts.map(async (acc) => (await adminA.get(`/api/accounts?q=${encodeURIComponent(acc.name)}`)).body.items[0].id as number));
    const contacts = data.contacts(data.accounts.map((x) => x.name));
    for (const [i, c] of contacts.entries()) {
      const { account: _name, ...fields } = c;
      expectStatus(await adminA.post('/api/contacts', { ...fields, accountId: i === 0 ? accountIds[0] : undefined, ownerId: owners['rep.li'] }), 201);
    }
    for (const l of data.leads) expectStatus(await adminA.post('/api/leads', { ...l, ownerId: owners['rep.li'] }), 201);
    const qualified = (await adminA.get(`/api/leads?q=wang.${marker}`)).body.items[0];
    expectStatus(await adminA.post(`/api/leads/${qualified.id}/status`, { status: 'Working' }), 200);

    const exported: Record<string, string[][]> = {};
    for (const [list, q] of [['accounts', marker], ['contacts', ''], ['leads', marker]] as const) {
      const res = await adminA.get(`/api/exports/${list}.csv${q ? `?q=${encodeURIComponent(q)}` : ''}`);
      expectStatus(res, 200);
      exported[list] = readCsv(res.text);
    }
    // contacts are searched by name/email, so keep this test's own rows (the seed has others)
    exported.contacts = [exported.contacts?.[0] ?? [], ...(exported.contacts ?? []).slice(1).filter((r) => r[1]?.startsWith(marker))];
    assert.equal(exported.accounts?.length, 3);
    assert.equal(exported.contacts.length, 3);
    assert.equal(exported.leads?.length, 4);

    for (const list of ['accounts', 'contacts', 'leads'] as const) {
      const rows = exported[list] ?? [];
      const object = list.slice(0, -1);
      const res = await importCsv(adminB, object, csvText(rows[0] ?? [], rows.slice(1)));
      expectStatus(res, 201);
      assert.deepEqual(res.body.counts, { created: rows.length - 1, updated: 0, skipped: 0, rejected: 0 }, `${list}: ${JSON.stringify(res.body.rejected)}`);
    }
    for (const [list, q] of [['accounts', marker], ['contacts', ''], ['leads', marker]] as const) {
      let again = readCsv((await adminB.get(`/api/exports/${list}.csv${q ? `?q=${encodeURIComponent(q)}` : ''}`)).text);
      if (list === 'contacts') again = [again[0] ?? [], ...again.slice(1).filter((r) => r[1]?.startsWith(marker))];
      const sorted = (rows: string[][]) => [rows[0], ...rows.slice(1).sort((x, y) => x.join('\u0001').localeCompare(y.join('\u0001')))];
      assert.deepEqual(sorted(again), sorted(exported[list] ?? []), `${list} differ after the round trip`);
    }

    const zoe = (await adminB.get(`/api/leads?q=zoe.${marker}`)).body.items[0];
    assert.deepEqual([zoe.firstName, zoe.lastName, zoe.company, zoe.phone, zoe.source, zoe.ownerName], ['Zoë 🚀', "O'Brien", `${marker} "Quoted", Inc`, '(555) 010-4477', 'Partner', 'Li Wei']);
    const wang = (await adminB.get(`/api/leads?q=wang.${marker}`)).body.items[0];
    assert.deepEqual([wang.firstName, wang.lastName, wang.company, wang.phone, wang.status], ['小明', '王', `${marker} 上海星辰科技`, '+86 21 5555 0123', 'Working']);
    const li = (await adminB.get(`/api/contacts?q=zhang.${marker}`)).body.items[0];
    assert.deepEqual([li.firstName, li.title, li.accountName, li.ownerName], ['丽 🌸', '采购经理', `${marker} 北京云图数据`, 'Li Wei']);
  });

  test('the export file is UTF-8 with a BOM, CRLF line ends and a dated attachment name', async () => {
    const browser = await BrowserLike.signIn(a, 'admin');
    const res = await browser.getBytes('/export/leads.csv?q=%E5%B0%8F');
    assert.equal(res.status, 200);
    assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(res.bytes.toString('utf8'), /^\uFEFFFirst name,Last name,Company,Email,Phone,Source,Status,Owner\r\n/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
  });

  test('re-importing an export into the same CRM with "update existing" changes nothing', async () => {
    const marker = `Same${uid()}`;
    for (const l of awkward(marker).leads) expectStatus(await adminA.post('/api/leads', l), 201);
    const rows = readCsv((await adminA.get(`/api/exports/leads.csv?q=${marker}`)).text);
    const res = await importCsv(adminA, 'lead', csvText(rows[0] ?? [], rows.slice(1)), { mode: 'update' });
    expectStatus(res, 201);
    assert.deepEqual(res.body.counts, { created: 0, updated: 0, skipped: 3, rejected: 0 });
    assert.ok(res.body.skipped.every((s: { reason: string }) => s.reason.startsWith('No changes')));
  });
});
