import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createAccount, createLead, createOpportunity, expectStatus, leadInput, startSales, uid, type SalesActors,
} from './sales-crm-fixtures.js';

describe('sales-crm: ownership and role permissions', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  async function denialsOf(actor: string, object: string, recordId: number): Promise<number> {
    const res = await s.admin.get(`/api/audit?actor=${actor}&action=permission_denied&object=${object}&recordId=${recordId}`);
    return res.body.total;
  }

  test("a rep's guessed ids of another rep's records are refused with 403 and audited", async () => {
    const lead = await createLead(s.li);
    const account = await createAccount(s.li);
    const contact = (await s.li.post('/api/contacts', { firstName: 'Ida', lastName: uid(), accountId: account.id })).body;
    const opp = await createOpportunity(s.li, { accountId: account.id });
    for (const [object, path, id] of [
      ['lead', '/api/leads', lead.id], ['account', '/api/accounts', account.id],
      ['contact', '/api/contacts', contact.id], ['opportunity', '/api/opportunities', opp.id],
    ] as const) {
      const view = await s.sam.get(`${path}/${id}`);
      expectStatus(view, 403);
      assert.deepEqual(Object.keys(view.body).sort(), ['error', 'message']);
      expectStatus(await s.sam.patch(`${path}/${id}`, { name: 'hijack', company: 'hijack' }), 403);
      assert.equal(await denialsOf('rep.sam', object, id), 2, object);
    }
    expectStatus(await s.sam.post(`/api/leads/${lead.id}/status`, { status: 'Working' }), 403);
    expectStatus(await s.sam.post(`/api/opportunities/${opp.id}/stage`, { stage: 'Qualification' }), 403);
    expectStatus(await s.sam.delete(`/api/leads/${lead.id}`), 403);
    assert.equal((await s.li.get(`/api/leads/${lead.id}`)).body.status, 'New');
  });

  test('walking ids upwards never reveals a record of another owner', async () => {
    const own = await createLead(s.sam);
    const others = await Promise.all([createLead(s.li), createLead(s.li)]);
    for (let id = own.id - 3; id <= Math.max(...others.map((o) => o.id)) + 1; id++) {
      if (id < 1) continue;
      const res = await s.sam.get(`/api/leads/${id}`);
      const lead = (await s.admin.get(`/api/leads/${id}`)).body;
      if (res.status === 200) assert.equal(res.body.ownerName, 'Sam Carter');
      else if (lead?.id) assert.equal(res.status, 403);
      else assert.equal(res.status, 404);
    }
  });

  test('lists are silently limited to what the caller may see', async () => {
    const liLead = await createLead(s.li);
    const samLead = await createLead(s.sam);
    const ids = async (client: typeof s.li) => ((await client.get('/api/leads?pageSize=100')).body.items as { id: number }[]).map((l) => l.id);
    const samSees = await ids(s.sam);
    assert.ok(samSees.includes(samLead.id) && !samSees.includes(liLead.id));
    const owners = new Set(((await s.sam.get('/api/leads?pageSize=100')).body.items as { ownerName: string }[]).map((l) => l.ownerName));
    assert.deepEqual([...owners], ['Sam Carter']);
    const managerSees = await ids(s.manager);
    assert.ok(managerSees.includes(samLead.id) && managerSees.includes(liLead.id));
    const auditorSees = await ids(s.auditor);
    assert.ok(auditorSees.includes(samLead.id) && auditorSees.includes(liLead.id));
  });

  test('the sales manager sees and edits the whole sales team, but not records owned outside it', async () => {
    const lead = await createLead(s.li);
    expectStatus(await s.manager.patch(`/api/leads/${lead.id}`, { source: 'Partner' }), 200);
    const adminLead = await createLead(s.admin);
    expectStatus(await s.manager.get(`/api/leads/${adminLead.id}`), 403);
    const reassigned = await s.manager.patch(`/api/leads/${lead.id}`, { ownerId: (await s.sam.get('/api/session')).body.user.id });
    expectStatus(reassigned, 200);
    assert.equal(reassigned.body.ownerName, 'Sam Carter');
    expectStatus(await s.sam.get(`/api/leads/${lead.id}`), 200);
    expectStatus(await s.li.get(`/api/leads/${lead.id}`), 403);
  });

  test('a rep may only own what they create; handing a record to someone else is refused', async () => {
    const samId = (await s.sam.get('/api/session')).body.user.id;
    expectStatus(await s.li.post('/api/leads', { ...leadInput(), ownerId: samId }), 403);
    const lead = await createLead(s.li);
    expectStatus(await s.li.patch(`/api/leads/${lead.id}`, { ownerId: samId }), 403);
    const agentId = (await s.agent.get('/api/session')).body.user.id;
    const bad = await s.admin.patch(`/api/leads/${lead.id}`, { ownerId: agentId });
    expectStatus(bad, 400);
    assert.match(bad.body.fields.ownerId, /Choose an owner/);
  });

  test('finance reads accounts, contacts and opportunities but no leads, and writes none of them', async () => {
    const opp = await createOpportunity(s.li);
    expectStatus(await s.finance.get(`/api/opportunities/${opp.id}`), 200);
    expectStatus(await s.finance.get(`/api/accounts/${opp.accountId}`), 200);
    expectStatus(await s.finance.get('/api/leads'), 403);
    expectStatus(await s.finance.patch(`/api/opportunities/${opp.id}`, { amount: 1 }), 403);
    expectStatus(await s.finance.post(`/api/opportunities/${opp.id}/stage`, { stage: 'Qualification' }), 403);
    expectStatus(await s.finance.post('/api/accounts', { name: 'Finance Co' }), 403);
  });

  test('support reads accounts and contacts, never leads or opportunities', async () => {
    const opp = await createOpportunity(s.li);
    expectStatus(await s.agent.get(`/api/accounts/${opp.accountId}`), 200);
    expectStatus(await s.agent.get('/api/contacts'), 200);
    expectStatus(await s.agent.get('/api/leads'), 403);
    expectStatus(await s.agent.get('/api/opportunities'), 403);
    expectStatus(await s.agent.get(`/api/opportunities/${opp.id}`), 403);
    expectStatus(await s.agent.get('/api/opportunities/board'), 403);
    expectStatus(await s.agent.patch(`/api/accounts/${opp.accountId}`, { industry: 'x' }), 403);
  });

  test('the auditor reads everything and writes nothing', async () => {
    const lead = await createLead(s.li);
    const opp = await createOpportunity(s.sam);
    expectStatus(await s.auditor.get(`/api/leads/${lead.id}`), 200);
    expectStatus(await s.auditor.get(`/api/opportunities/${opp.id}`), 200);
    expectStatus(await s.auditor.post('/api/leads', leadInput()), 403);
    expectStatus(await s.auditor.patch(`/api/leads/${lead.id}`, { company: 'x' }), 403);
    expectStatus(await s.auditor.post(`/api/opportunities/${opp.id}/stage`, { stage: 'Closed Lost', lossReason: 'x' }), 403);
    expectStatus(await s.auditor.post('/api/products', { sku: `AUD-${uid()}`, name: 'x', unitPriceCents: 1, taxRateBp: 0 }), 403);
  });

  test("a reference to another rep's account is refused (403) and a missing one is a field error", async () => {
    const liAccount = await createAccount(s.li);
    expectStatus(await s.sam.post('/api/opportunities', { name: 'Steal', accountId: liAccount.id, closeDate: '2030-01-01' }), 403);
    expectStatus(await s.sam.post('/api/contacts', { firstName: 'A', lastName: 'B', accountId: liAccount.id }), 403);
    const missing = await s.sam.post('/api/opportunities', { name: 'Ghost', accountId: 99_999_999, closeDate: '2030-01-01' });
    expectStatus(missing, 400);
    assert.match(missing.body.fields.accountId, /does not exist/);
  });

  test('ids that are not positive integers are simply not found', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '1e3']) expectStatus(await s.admin.get(`/api/leads/${id}`), 404);
  });
});
