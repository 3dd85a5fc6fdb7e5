import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditOf, createLead, expectStatus, leadInput, qualifiedLead, startSales, uid, type SalesActors } from './sales-crm-fixtures.js';

describe('sales-crm: leads — validation, duplicates, status rules', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  test('a rep creates a lead: status New, owned by the rep, audited', async () => {
    const input = leadInput();
    const res = await s.li.post('/api/leads', input);
    expectStatus(res, 201);
    assert.equal(res.body.status, 'New');
    assert.equal(res.body.ownerName, 'Li Wei');
    assert.equal(res.body.email, input.email);
    assert.equal(res.body.phone, input.phone);
    const entries = await auditOf(s.admin, 'lead', res.body.id);
    assert.equal(entries[0].action, 'create');
    assert.equal(entries[0].actor, 'rep.li');
  });

  test('CJK and emoji names and companies are stored and returned intact', async () => {
    const lead = await createLead(s.li, { firstName: '美玲 🌸', lastName: '陳', company: '東京ロボ株式会社 🚀' });
    const fetched = await s.li.get(`/api/leads/${lead.id}`);
    assert.equal(fetched.body.firstName, '美玲 🌸');
    assert.equal(fetched.body.lastName, '陳');
    assert.equal(fetched.body.company, '東京ロボ株式会社 🚀');
    const search = await s.li.get(`/api/leads?q=${encodeURIComponent('東京ロボ')}`);
    assert.ok(search.body.items.some((l: { id: number }) => l.id === lead.id));
  });

  test('each invalid field is named with its own message and nothing is written', async () => {
    const before = (await s.admin.get('/api/leads')).body.total;
    const res = await s.li.post('/api/leads', { firstName: ' ', company: '', email: 'not-an-email', phone: '12ab', source: 'Fax' });
    expectStatus(res, 400);
    assert.equal(res.body.error, 'validation');
    assert.deepEqual(res.body.fields, {
      firstName: 'Enter a first name',
      lastName: 'Enter a last name',
      company: 'Enter a company',
      email: 'Enter a valid email address',
      phone: 'Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading +',
      source: 'Choose a source: Web, Referral, Event, Partner, Cold call, Import',
    });
    assert.equal((await s.admin.get('/api/leads')).body.total, before);
  });

  test('email format: the documented pattern accepts and refuses', async () => {
    for (const email of ['a@b', 'a b@c.com', 'a@@b.com', 'a@b.c', '@b.com', 'a@.com']) {
      const res = await s.li.post('/api/leads', leadInput({ email }));
      assert.equal(res.status, 400, email);
      assert.equal(res.body.fields.email, 'Enter a valid email address');
    }
    assert.equal((await s.li.post('/api/leads', leadInput({ email: '' }))).body.fields.email, 'Enter an email address');
    for (const email of [`x.${uid()}@sub.example.co`, `x+tag.${uid()}@example.org`]) {
      expectStatus(await s.li.post('/api/leads', leadInput({ email })), 201);
    }
  });

  test('phone format: optional +, digits, spaces, dashes, parentheses; 7–20 characters with at least 7 digits', async () => {
    for (const phone of ['+1 (416) 555-0101', '5550101', '+86 21 5555 0123', '']) {
      expectStatus(await s.li.post('/api/leads', leadInput({ phone })), 201);
    }
    for (const phone of ['555-010', '+1 416 555 0101 x22', '123456789012345678901', '++15550101', '(((())))-+', '555.0101.22']) {
      const res = await s.li.post('/api/leads', leadInput({ phone }));
      assert.equal(res.status, 400, phone);
      assert.ok(res.body.fields.phone, phone);
    }
  });

  test('same email (any case) warns with 409 duplicate unless allowDuplicate is true', async () => {
    const first = await createLead(s.li);
    const shouted = String(first.email).toUpperCase();
    const dup = await s.sam.post('/api/leads', leadInput({ email: shouted }));
    expectStatus(dup, 409);
    assert.equal(dup.body.error, 'duplicate');
    assert.deepEqual(dup.body.duplicates.map((d: { id: number }) => d.id), [first.id]);
    assert.equal(dup.body.duplicates[0].ownerName, 'Li Wei');
    const saved = await s.sam.post('/api/leads', leadInput({ email: shouted, allowDuplicate: true }));
    expectStatus(saved, 201);
    assert.match((await auditOf(s.admin, 'lead', saved.body.id))[0].summary, /despite duplicate email/);
  });

  test('changing a lead email to another lead’s email is the same duplicate warning', async () => {
    const a = await createLead(s.li);
    const b = await createLead(s.li);
    const res = await s.li.patch(`/api/leads/${b.id}`, { email: a.email });
    expectStatus(res, 409);
    assert.equal(res.body.error, 'duplicate');
    expectStatus(await s.li.patch(`/api/leads/${b.id}`, { email: a.email, allowDuplicate: true }), 200);
  });

  test('edits are validated like creates, audited field by field, and status cannot be patched', async () => {
    const lead = await createLead(s.li);
    const bad = await s.li.patch(`/api/leads/${lead.id}`, { phone: 'call me' });
    expectStatus(bad, 400);
    assert.ok(bad.body.fields.phone);
    const ok = await s.li.patch(`/api/leads/${lead.id}`, { company: 'Renamed Co', source: 'Event' });
    expectStatus(ok, 200);
    assert.equal(ok.body.company, 'Renamed Co');
    assert.equal(ok.body.firstName, lead.firstName);
    const entry = (await auditOf(s.admin, 'lead', lead.id))[0];
    assert.equal(entry.action, 'update');
    assert.deepEqual(entry.changes, { company: { from: lead.company, to: 'Renamed Co' }, source: { from: 'Web', to: 'Event' } });
    const status = await s.li.patch(`/api/leads/${lead.id}`, { status: 'Qualified' });
    expectStatus(status, 400);
    assert.match(status.body.fields.status, /POST \/api\/leads\/:id\/status/);
  });

  test('status moves New → Working → Qualified one step at a time', async () => {
    const lead = await createLead(s.li);
    const skip = await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Qualified' });
    expectStatus(skip, 409);
    assert.equal(skip.body.error, 'invalid_transition');
    assert.equal(skip.body.message, 'A lead cannot move from New to Qualified');
    assert.equal((await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Working' })).body.status, 'Working');
    const back = await s.li.post(`/api/leads/${lead.id}/status`, { status: 'New' });
    expectStatus(back, 409);
    assert.equal((await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Qualified' })).body.status, 'Qualified');
    const convert = await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Converted' });
    expectStatus(convert, 409);
    assert.match(convert.body.message, /only by converting/);
  });

  test('any open status can be disqualified, but only with a reason', async () => {
    for (const steps of [[], ['Working'], ['Working', 'Qualified']]) {
      const lead = await createLead(s.li);
      for (const st of steps) expectStatus(await s.li.post(`/api/leads/${lead.id}/status`, { status: st }), 200);
      const noReason = await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Disqualified', reason: '  ' });
      expectStatus(noReason, 400);
      assert.equal(noReason.body.fields.reason, 'Enter a reason for disqualifying the lead');
      const res = await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Disqualified', reason: 'Went with a competitor' });
      expectStatus(res, 200);
      assert.equal(res.body.status, 'Disqualified');
      assert.equal(res.body.disqualifyReason, 'Went with a competitor');
    }
  });

  test('a disqualified lead is read-only: edits, status changes, conversion and deletion are refused', async () => {
    const lead = await createLead(s.li);
    await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Disqualified', reason: 'Spam' });
    const edit = await s.li.patch(`/api/leads/${lead.id}`, { company: 'Changed' });
    expectStatus(edit, 409);
    assert.equal(edit.body.error, 'read_only');
    assert.equal(edit.body.message, 'This lead is Disqualified and read-only');
    expectStatus(await s.li.post(`/api/leads/${lead.id}/status`, { status: 'Working' }), 409);
    expectStatus(await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: false }), 409);
    expectStatus(await s.li.delete(`/api/leads/${lead.id}`), 409);
    assert.equal((await s.li.get(`/api/leads/${lead.id}`)).body.company, lead.company);
  });

  test('an open lead can be deleted by its owner, and the deletion is audited', async () => {
    const lead = await createLead(s.li);
    expectStatus(await s.li.delete(`/api/leads/${lead.id}`), 204);
    expectStatus(await s.li.get(`/api/leads/${lead.id}`), 404);
    assert.equal((await auditOf(s.admin, 'lead', lead.id))[0].action, 'delete');
  });

  test("a deleted lead's id is never given to the next lead, so the new lead's audit trail is its own", async () => {
    const deleted = await createLead(s.li);
    expectStatus(await s.li.delete(`/api/leads/${deleted.id}`), 204);
    const next = await createLead(s.li);
    assert.ok(next.id > deleted.id, `the next lead got id ${next.id}, the deleted one had ${deleted.id}`);
    assert.deepEqual((await auditOf(s.admin, 'lead', next.id)).map((e: { action: string }) => e.action), ['create']);
  });

  test('conversion requires a Qualified lead', async () => {
    const lead = await createLead(s.li);
    const res = await s.li.post(`/api/leads/${lead.id}/convert`, { createOpportunity: false });
    expectStatus(res, 409);
    assert.equal(res.body.message, 'Only a Qualified lead can be converted; this lead is New');
    const q = await qualifiedLead(s.li);
    expectStatus(await s.li.post(`/api/leads/${q.id}/convert`, { createOpportunity: false }), 201);
  });
});
