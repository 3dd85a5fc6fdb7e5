import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditOf, expectStatus, qualifiedLead, startSales, type SalesActors } from './sales-crm-fixtures.js';

describe('sales-crm: lead conversion', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  test('conversion maps the lead onto account, contact and opportunity, owned by the lead owner', async () => {
    const lead = await qualifiedLead(s.li, { firstName: 'Žofia', lastName: 'Nováková', phone: '+420 2 5555 0199' });
    const res = await s.li.post(`/api/leads/${lead.id}/convert`, {
      createOpportunity: true, opportunityName: 'Fleet rollout', amount: 98_765, closeDate: '2030-03-31',
    });
    expectStatus(res, 201);
    const { account, contact, opportunity } = res.body;
    assert.equal(account.name, lead.company);
    assert.equal(account.ownerId, lead.ownerId);
    assert.deepEqual(
      [contact.firstName, contact.lastName, contact.email, contact.phone, contact.accountId, contact.ownerId],
      [lead.firstName, lead.lastName, lead.email, lead.phone, account.id, lead.ownerId],
    );
    assert.deepEqual(
      [opportunity.name, opportunity.accountId, opportunity.contactId, opportunity.amount, opportunity.stage, opportunity.probability, opportunity.closeDate, opportunity.ownerId],
      ['Fleet rollout', account.id, contact.id, 98_765, 'Prospecting', 10, '2030-03-31', lead.ownerId],
    );
    const after = (await s.li.get(`/api/leads/${lead.id}`)).body;
    assert.equal(after.status, 'Converted');
    assert.deepEqual(
      [after.convertedAccountId, after.convertedContactId, after.convertedOpportunityId],
      [account.id, contact.id, opportunity.id],
    );
    assert.ok(after.convertedAt);
  });

  test('the opportunity defaults to "<company> opportunity" with amount 0', async () => {
    const lead = await qualifiedLead(s.li);
    const res = await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: true, closeDate: '2030-01-15' });
    expectStatus(res, 201);
    assert.equal(res.body.opportunity.name, `${lead.company} opportunity`);
    assert.equal(res.body.opportunity.amount, 0);
  });

  test('without an opportunity only account and contact are created and the link stays empty', async () => {
    const lead = await qualifiedLead(s.li);
    const res = await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: false });
    expectStatus(res, 201);
    assert.equal(res.body.opportunity, null);
    assert.equal(res.body.lead.convertedOpportunityId, null);
    const opps = await s.li.get(`/api/opportunities?account=${res.body.account.id}`);
    assert.equal(opps.body.total, 0);
  });

  test('a converted lead is read-only and cannot be converted twice', async () => {
    const lead = await qualifiedLead(s.li);
    expectStatus(await s.li.post(`/api/leads/${lead.id}/convert`, {}), 201);
    const again = await s.li.post(`/api/leads/${lead.id}/convert`, {});
    expectStatus(again, 409);
    assert.equal(again.body.message, 'This lead is already converted and read-only');
    const edit = await s.li.patch(`/api/leads/${lead.id}`, { phone: '+1 555 0100 99' });
    expectStatus(edit, 409);
    assert.equal(edit.body.message, 'This lead is Converted and read-only');
    expectStatus(await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Disqualified', reason: 'x' }), 409);
  });

  test('invalid conversion input is a 400 naming the field, and nothing is created', async () => {
    const lead = await qualifiedLead(s.li);
    const accountsBefore = (await s.admin.get('/api/accounts')).body.total;
    const noDate = await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: true });
    expectStatus(noDate, 400);
    assert.equal(noDate.body.fields.closeDate, 'Enter a close date as YYYY-MM-DD');
    const badAmount = await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: true, closeDate: '2030-02-30', amount: -5 });
    expectStatus(badAmount, 400);
    assert.deepEqual(Object.keys(badAmount.body.fields).sort(), ['amount', 'closeDate']);
    assert.equal((await s.admin.get('/api/accounts')).body.total, accountsBefore);
    assert.equal((await s.li.get(`/api/leads/${lead.id}`)).body.status, 'Qualified');
  });

  test('a failure inside the conversion transaction leaves nothing half-written', async () => {
    const lead = await qualifiedLead(s.li);
    const db = s.crm.server.app.crm.db;
    // Force the last write of the transaction (the lead update) to fail after account and contact were inserted.
    db.exec(`CREATE TRIGGER fail_convert BEFORE UPDATE OF status ON leads WHEN NEW.status = 'Converted' AND NEW.id = ${lead.id}
             BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    try {
      const accountsBefore = db.prepare('SELECT COUNT(*) FROM accounts').pluck().get();
      const contactsBefore = db.prepare('SELECT COUNT(*) FROM contacts').pluck().get();
      const res = await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: true, closeDate: '2030-01-01' });
      expectStatus(res, 500);
      assert.equal(db.prepare('SELECT COUNT(*) FROM accounts').pluck().get(), accountsBefore);
      assert.equal(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get(), contactsBefore);
      assert.equal((await s.li.get(`/api/leads/${lead.id}`)).body.status, 'Qualified');
      assert.equal((await auditOf(s.admin, 'lead', lead.id)).filter((e) => e.action === 'convert').length, 0);
    } finally {
      db.exec('DROP TRIGGER fail_convert');
    }
  });

  test('every record of a conversion is audited', async () => {
    const lead = await qualifiedLead(s.li);
    const { account, contact, opportunity } = (await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: true, closeDate: '2030-05-05' })).body;
    const convert = (await auditOf(s.admin, 'lead', lead.id))[0];
    assert.equal(convert.action, 'convert');
    assert.deepEqual(convert.changes.status, { from: 'Qualified', to: 'Converted' });
    for (const [object, id] of [['account', account.id], ['contact', contact.id], ['opportunity', opportunity.id]] as const) {
      const entry = (await auditOf(s.admin, object, id))[0];
      assert.equal(entry.action, 'create', object);
      assert.match(entry.summary, new RegExp(`converted from lead ${lead.id}`));
    }
  });

  test('only someone who may edit the lead converts it; a manager converts for the rep who owns it', async () => {
    const lead = await qualifiedLead(s.li);
    expectStatus(await s.sam.post(`/api/leads/${lead.id}/convert`, {}), 403);
    expectStatus(await s.auditor.post(`/api/leads/${lead.id}/convert`, {}), 403);
    const res = await s.manager.post(`/api/leads/${lead.id}/convert`, { createOpportunity: true, closeDate: '2030-01-31' });
    expectStatus(res, 201);
    assert.equal(res.body.account.ownerName, 'Li Wei');
    assert.equal(res.body.opportunity.ownerName, 'Li Wei');
    expectStatus(await s.li.get(`/api/accounts/${res.body.account.id}`), 200);
  });
});
