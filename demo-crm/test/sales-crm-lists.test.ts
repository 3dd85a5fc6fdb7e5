import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAccount, createLead, createOpportunity, expectStatus, startSales, uid, type SalesActors } from './sales-crm-fixtures.js';

describe('sales-crm: lists — pagination, sort, filters, search', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  test('lead search matches a prefix of first name, last name, company or email, and "first last"', async () => {
    const tag = uid();
    const lead = await createLead(s.li, { firstName: `Quinn${tag}`, lastName: `Okoro${tag}`, company: `Zephyr${tag} Ltd`, email: `mail${tag}@zephyr.example` });
    for (const q of [`Quinn${tag}`, `okoro${tag}`, `zephyr${tag}`, `MAIL${tag}`, `Quinn${tag} Okoro`]) {
      const res = await s.li.get(`/api/leads?q=${encodeURIComponent(q)}`);
      assert.deepEqual(res.body.items.map((l: { id: number }) => l.id), [lead.id], q);
    }
    const middle = await s.li.get(`/api/leads?q=${encodeURIComponent(`yr${tag}`)}`);
    assert.equal(middle.body.total, 0, 'search is by prefix, not substring');
    const wildcard = await s.li.get(`/api/leads?q=${encodeURIComponent('%')}`);
    assert.equal(wildcard.body.total, 0, 'LIKE wildcards in the query are literal');
  });

  test('filters by status, source and owner combine, and pagination reports the total', async () => {
    const tag = uid();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createLead(s.sam, { company: `Pager${tag} ${i}`, source: i < 3 ? 'Event' : 'Partner' }));
    await s.sam.post(`/api/leads/${made[0].id}/status`, { status: 'Working' });
    const q = `q=Pager${tag}`;
    assert.equal((await s.sam.get(`/api/leads?${q}&source=Event`)).body.total, 3);
    assert.equal((await s.sam.get(`/api/leads?${q}&source=Event&status=Working`)).body.total, 1);
    const samId = made[0].ownerId;
    assert.equal((await s.manager.get(`/api/leads?${q}&owner=${samId}`)).body.total, 5);
    assert.equal((await s.manager.get(`/api/leads?${q}&owner=${samId + 1000}`)).body.total, 0);
    const p1 = await s.sam.get(`/api/leads?${q}&pageSize=2&page=1&sort=company&dir=asc`);
    const p3 = await s.sam.get(`/api/leads?${q}&pageSize=2&page=3&sort=company&dir=asc`);
    assert.equal(p1.body.total, 5);
    assert.deepEqual(p1.body.items.map((l: { company: string }) => l.company), [`Pager${tag} 0`, `Pager${tag} 1`]);
    assert.deepEqual(p3.body.items.map((l: { company: string }) => l.company), [`Pager${tag} 4`]);
    const desc = await s.sam.get(`/api/leads?${q}&pageSize=2&sort=company&dir=desc`);
    assert.equal(desc.body.items[0].company, `Pager${tag} 4`);
  });

  test('bad list parameters are 400 naming the parameter', async () => {
    const res = await s.li.get('/api/leads?status=Lost&pageSize=500&source=Fax');
    expectStatus(res, 400);
    assert.deepEqual(Object.keys(res.body.fields).sort(), ['pageSize', 'source', 'status']);
    expectStatus(await s.li.get('/api/opportunities?stage=Won'), 400);
  });

  test('an unknown sort key falls back to the default order instead of reaching SQL', async () => {
    const res = await s.li.get('/api/leads?sort=id;DROP TABLE leads');
    expectStatus(res, 200);
    assert.equal(res.body.sort, 'createdAt');
  });

  test('accounts, contacts and opportunities search by name prefix and filter by owner/account/stage', async () => {
    const tag = uid();
    const account = await createAccount(s.li, { name: `Borealis${tag} Mining` });
    await s.li.post('/api/contacts', { firstName: `Tove${tag}`, lastName: 'Berg', email: `tove${tag}@borealis.example`, accountId: account.id });
    const opp = await createOpportunity(s.li, { accountId: account.id, name: `Borealis${tag} drills` });
    assert.deepEqual((await s.li.get(`/api/accounts?q=borealis${tag}`)).body.items.map((a: { id: number }) => a.id), [account.id]);
    assert.equal((await s.li.get(`/api/contacts?q=tove${tag}`)).body.total, 1);
    assert.equal((await s.li.get(`/api/contacts?q=${encodeURIComponent(`Tove${tag} Berg`)}`)).body.total, 1);
    assert.equal((await s.li.get(`/api/contacts?account=${account.id}`)).body.total, 1);
    assert.deepEqual((await s.li.get(`/api/opportunities?q=Borealis${tag}`)).body.items.map((o: { id: number }) => o.id), [opp.id]);
    assert.equal((await s.li.get(`/api/opportunities?account=${account.id}&stage=Prospecting`)).body.total, 1);
    assert.equal((await s.li.get(`/api/opportunities?account=${account.id}&stage=Proposal`)).body.total, 0);
    assert.equal((await s.sam.get(`/api/accounts?q=borealis${tag}`)).body.total, 0);
  });

  test('opportunity lists sort by amount and close date', async () => {
    const account = await createAccount(s.sam);
    await createOpportunity(s.sam, { accountId: account.id, amount: 300, closeDate: '2030-01-03' });
    await createOpportunity(s.sam, { accountId: account.id, amount: 100, closeDate: '2030-01-01' });
    await createOpportunity(s.sam, { accountId: account.id, amount: 200, closeDate: '2030-01-02' });
    const byAmount = await s.sam.get(`/api/opportunities?account=${account.id}&sort=amount&dir=desc`);
    assert.deepEqual(byAmount.body.items.map((o: { amount: number }) => o.amount), [300, 200, 100]);
    const byDate = await s.sam.get(`/api/opportunities?account=${account.id}`);
    assert.deepEqual(byDate.body.items.map((o: { closeDate: string }) => o.closeDate), ['2030-01-01', '2030-01-02', '2030-01-03']);
  });

  test('the seed gives each rep non-empty lists', async () => {
    for (const rep of [s.li, s.sam]) {
      for (const path of ['/api/leads', '/api/accounts', '/api/contacts', '/api/opportunities']) {
        assert.ok((await rep.get(path)).body.total > 0, path);
      }
    }
    const acme = (await s.admin.get('/api/accounts?q=Acme%20Robotics')).body.items;
    assert.equal(acme.length, 1);
    assert.equal(acme[0].ownerName, 'Li Wei');
    assert.equal((await s.admin.get(`/api/contacts?account=${acme[0].id}`)).body.total, 1);
    assert.equal((await s.admin.get('/api/accounts?q=Globex%20Trading')).body.items[0].ownerName, 'Sam Carter');
  });
});
