import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from 'better-sqlite3';
import { leadSearchSql } from '../src/modules/sales-crm/leads/lead-service.js';
import { LEAD_FROM } from '../src/modules/sales-crm/leads/lead-store.js';
import {
  createLead, createOpportunity, expectStatus, leadInput, page, qualifiedLead, startSales, uid, type SalesActors,
} from './sales-crm-fixtures.js';

/** Each sales-crm defect switch really changes the documented behaviour (and only where documented). */
describe('sales-crm: defect switches', () => {
  let normal: SalesActors;
  let faulty: SalesActors;
  before(async () => {
    [normal, faulty] = await Promise.all([
      startSales(),
      startSales(['conversion-drops-phone', 'opportunity-owner-check-missing', 'lead-email-unvalidated', 'xss-lead-company', 'slow-lead-search', 'times-shown-in-utc', 'calendar-date-as-instant']),
    ]);
  });
  after(async () => { await Promise.all([normal.crm.close(), faulty.crm.close()]); });

  test('conversion-drops-phone: the contact made by conversion has no phone', async () => {
    for (const [env, expectPhone] of [[normal, true], [faulty, false]] as const) {
      const lead = await qualifiedLead(env.li, { phone: '+1 212 555 0199' });
      const res = await env.li.post(`/api/leads/${lead.id}/convert`, {});
      expectStatus(res, 201);
      assert.equal(res.body.contact.phone, expectPhone ? '+1 212 555 0199' : '');
      assert.equal(res.body.contact.email, lead.email, 'other fields are still mapped');
    }
  });

  test('times-shown-in-utc: pages tell their script to leave every time in UTC instead of the reader\'s zone', async () => {
    for (const [env, zone] of [[normal, 'viewer'], [faulty, 'utc']] as const) {
      const text = (await page(env.li, '/leads')).text;
      assert.match(text, new RegExp(`<html lang="en" data-time-zone="${zone}">`));
    }
  });

  test('calendar-date-as-instant: an opportunity\'s close date is sent as midnight UTC (a day to be shifted), on its page and in the list', async () => {
    for (const [env, shifted] of [[normal, false], [faulty, true]] as const) {
      const opp = await createOpportunity(env.li, { closeDate: '2030-06-30' });
      const shown = shifted ? '<time datetime="2030-06-30T00:00:00.000Z" data-day>2030-06-30</time>' : '<time datetime="2030-06-30">2030-06-30</time>';
      assert.ok((await page(env.li, `/opportunities/${opp.id}`)).text.includes(shown), `the opportunity page shows ${shown}`);
      assert.ok((await page(env.li, `/opportunities?q=${encodeURIComponent(opp.name)}`)).text.includes(shown), `the list shows ${shown}`);
    }
  });

  test('opportunity-owner-check-missing: only GET /api/opportunities/:id leaks another rep’s record', async () => {
    for (const [env, leaks] of [[normal, false], [faulty, true]] as const) {
      const opp = await createOpportunity(env.li);
      const res = await env.sam.get(`/api/opportunities/${opp.id}`);
      expectStatus(res, leaks ? 200 : 403);
      if (leaks) assert.equal(res.body.name, opp.name);
      expectStatus(await env.sam.patch(`/api/opportunities/${opp.id}`, { name: 'x' }), 403);
      expectStatus(await page(env.sam, `/opportunities/${opp.id}`), 403);
      expectStatus(await env.agent.get(`/api/opportunities/${opp.id}`), 403);
    }
  });

  test('lead-email-unvalidated: a malformed lead email is accepted (an empty one still is not)', async () => {
    for (const [env, accepted] of [[normal, false], [faulty, true]] as const) {
      const res = await env.li.post('/api/leads', leadInput({ email: `not-an-email-${uid()}` }));
      expectStatus(res, accepted ? 201 : 400);
      expectStatus(await env.li.post('/api/leads', leadInput({ email: '' })), 400);
    }
  });

  test('xss-lead-company: the lead page renders the company as markup; the list still escapes it', async () => {
    const payload = `<img src=x onerror="alert('xss')">${uid()}`;
    for (const [env, raw] of [[normal, false], [faulty, true]] as const) {
      const lead = await createLead(env.li, { company: payload });
      const detail = (await page(env.li, `/leads/${lead.id}`)).text;
      assert.equal(detail.includes(`data-testid="field-company">${payload}<`), raw);
      assert.equal(detail.includes('data-testid="field-company">&lt;img src=x onerror=&quot;alert(&#39;xss&#39;)&quot;&gt;'), !raw);
      const list = (await page(env.li, `/leads?q=${encodeURIComponent(lead.firstName)}`)).text;
      assert.ok(!list.includes(payload));
    }
  });

  test('slow-lead-search: substring search over every row instead of an indexed prefix search', async () => {
    const tag = uid();
    for (const [env, substring] of [[normal, false], [faulty, true]] as const) {
      const lead = await createLead(env.li, { company: `Hyperion${tag} Labs` });
      const res = await env.li.get(`/api/leads?q=${encodeURIComponent(`perion${tag}`)}`);
      assert.deepEqual(res.body.items.map((l: { id: number }) => l.id), substring ? [lead.id] : []);
      const prefix = await env.li.get(`/api/leads?q=hyperion${tag}`);
      assert.deepEqual(prefix.body.items.map((l: { id: number }) => l.id), [lead.id]);
    }
    const plan = (db: Database, slow: boolean) => {
      const search = leadSearchSql('hyp', slow);
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ${LEAD_FROM} WHERE ${search.sql}`).all(...search.params) as { detail: string }[])
        .map((r) => r.detail).join(' | ');
    };
    const db = normal.crm.server.app.crm.db;
    assert.doesNotMatch(plan(db, false), /SCAN l\b/);
    assert.match(plan(db, false), /USING INDEX leads_(first_name|last_name|company|email)/);
    assert.match(plan(db, true), /SCAN l\b/);
  });

  test('lead-search-sql-concatenated: a quote in the search text changes the query', async () => {
    const concatenated = await startSales(['lead-search-sql-concatenated']);
    try {
      const tag = uid();
      for (const [env, injectable] of [[normal, false], [concatenated, true]] as const) {
        const lead = await createLead(env.li, { company: `${tag} x' OR '1'='1` });
        const exact = await env.li.get(`/api/leads?q=${encodeURIComponent(`${tag} x' OR '1'='1`)}`);
        assert.deepEqual(exact.body.items?.map((l: { id: number }) => l.id) ?? [], injectable ? [] : [lead.id]);
        const broken = await env.li.get(`/api/leads?q=${encodeURIComponent(`${tag}'); DROP TABLE leads;--`)}`);
        expectStatus(broken, injectable ? 500 : 200);
      }
    } finally {
      await concatenated.crm.close();
    }
  });
});
