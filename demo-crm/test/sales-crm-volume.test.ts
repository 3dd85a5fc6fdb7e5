import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database, Statement } from 'better-sqlite3';
import { seedVolume } from '../src/modules/sales-crm/index.js';
import { startSales, type SalesActors } from './sales-crm-fixtures.js';

/**
 * Lists stay index-driven at volume. Wall-clock time is never asserted (shared 2-core machines); instead
 * every list query the API runs is captured and its SQLite query plan must walk an index: no full table
 * scan and no sort of the whole result for one page.
 */
describe('sales-crm: bulk seeding and list query plans at volume', () => {
  const VOLUME = 20_000;
  let s: SalesActors;
  let db: Database;
  const captured: { sql: string; args: unknown[] }[] = [];
  /** every statement the CRM prepares, in order */
  const prepared: string[] = [];
  let before0 = 0;

  before(async () => {
    s = await startSales();
    db = s.crm.server.app.crm.db;
    before0 = (await s.admin.get('/api/leads')).body.total;
    seedVolume(db, VOLUME);
    const prepare = db.prepare.bind(db);
    // Records each executed list statement with its real parameters (LIKE plans depend on them).
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      const st = prepare(sql) as Statement<unknown[]>;
      const all = st.all.bind(st);
      st.all = ((...args: unknown[]) => { captured.push({ sql, args }); return all(...args); }) as typeof st.all;
      return st;
    }) as typeof db.prepare;
  });
  after(async () => { await s.crm.close(); });

  /** The query plan of each list page query `path` runs, in order. */
  async function plansOf(client: typeof s.li, path: string): Promise<string[]> {
    captured.length = 0;
    const res = await client.get(path);
    assert.equal(res.status, 200, path);
    const pages = captured.filter((c) => /ORDER BY[\s\S]*LIMIT \? OFFSET \?$/.test(c.sql) && /FROM (leads|accounts|contacts|opportunities) /.test(c.sql));
    assert.ok(pages.length > 0, `no list query captured for ${path}`);
    return pages.map((q) => (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as { detail: string }[]).map((r) => r.detail).join(' | '));
  }

  async function planOf(client: typeof s.li, path: string): Promise<string> {
    const [plan] = await plansOf(client, path);
    return plan!;
  }

  test('seedVolume adds N leads and N accounts split between the two reps, with unique emails', async () => {
    assert.equal((await s.admin.get('/api/leads')).body.total, before0 + VOLUME);
    const li = (await s.li.get('/api/leads?q=lead')).body.total;
    const sam = (await s.sam.get('/api/leads?q=lead')).body.total;
    assert.equal(li + sam, VOLUME);
    assert.equal(li, VOLUME / 2);
    const dupEmails = db.prepare('SELECT COUNT(*) FROM (SELECT email FROM leads GROUP BY email HAVING COUNT(*) > 1)').pluck().get();
    assert.equal(dupEmails, 0);
    const statuses = db.prepare('SELECT DISTINCT status FROM leads ORDER BY status').pluck().all();
    assert.deepEqual(statuses, ['Disqualified', 'New', 'Qualified', 'Working']);
    assert.ok((db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").pluck().get() as number) === 1, 'statistics refreshed');
  });

  test('every lead and account list page walks an index for each role, sort and filter', async () => {
    const paths = [
      '/api/leads', '/api/leads?sort=name', '/api/leads?sort=company&dir=desc', '/api/leads?sort=status',
      '/api/leads?sort=source', '/api/leads?sort=email', '/api/leads?status=New', '/api/leads?page=300',
      '/api/accounts', '/api/accounts?sort=industry', '/api/accounts?sort=billingCountry&dir=desc', '/api/accounts?sort=createdAt',
      '/api/contacts', '/api/opportunities',
    ];
    for (const client of [s.li, s.manager, s.admin]) {
      for (const path of paths) {
        const plan = await planOf(client, path);
        assert.doesNotMatch(plan, /SCAN [laco]\b(?! USING)/, `full table scan for ${path}: ${plan}`);
        assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/, `whole-result sort for ${path}: ${plan}`);
      }
    }
  });

  test('a list its reader sees whole is counted without a WHERE, so SQLite counts the table from its smallest index', async () => {
    const countsOf = async (client: typeof s.li, path: string) => {
      prepared.length = 0;
      assert.equal((await client.get(path)).status, 200, path);
      return prepared.filter((sql) => /^SELECT COUNT\(\*\)/.test(sql));
    };
    assert.deepEqual(await countsOf(s.admin, '/api/leads'), ['SELECT COUNT(*) AS n FROM leads l '], 'the admin sees every lead');
    assert.deepEqual(await countsOf(s.admin, '/api/accounts'), ['SELECT COUNT(*) AS n FROM accounts a '], 'the admin sees every account');
    const [own] = await countsOf(s.li, '/api/leads');
    assert.match(own ?? '', /^SELECT COUNT\(\*\) AS n FROM leads l WHERE /, 'a rep counts only their own leads');
  });

  test('searches use the prefix indexes, or the head of the creation order, instead of scanning', async () => {
    const HEAD = /^SEARCH l USING INDEX leads_created \(created_at[<>]\?\)/;
    const PREFIX = /USING INDEX (leads|accounts)_(first_name|last_name|company|email|name)/;
    for (const client of [s.li, s.manager]) {
      // a name one lead in twenty has: its first page is among the newest 2,000 leads
      const common = await plansOf(client, '/api/leads?q=Ann');
      assert.equal(common.length, 1, `one page query: ${common.join(' ‖ ')}`);
      assert.match(common[0]!, HEAD);
      // a first and last name, and a run of numbers from the middle of the bulk data: not among them, so every match is sorted
      for (const path of ['/api/leads?q=Ann%20Bau', '/api/leads?q=lead12']) {
        const plans = await plansOf(client, path);
        assert.equal(plans.length, 2, `${path}: the head, then every match: ${plans.join(' ‖ ')}`);
        assert.match(plans[0]!, HEAD, path);
        assert.match(plans[1]!, PREFIX, path);
        for (const plan of plans) assert.doesNotMatch(plan, /SCAN [laco]\b/, `${path}: ${plan}`);
      }
      const accounts = await planOf(client, '/api/accounts?q=Blue');
      assert.doesNotMatch(accounts, /SCAN [laco]\b/, accounts);
      assert.match(accounts, PREFIX, accounts);
    }
  });

  test('a search page taken from the head of the creation order is the page every match sorted gives, on every page and both ways', async () => {
    type Lead = { id: number; first_name: string; last_name: string; company: string; email: string; owner_id: number; created_at: string };
    const all = db.prepare('SELECT id, first_name, last_name, company, email, owner_id, created_at FROM leads').all() as Lead[];
    const liId = db.prepare("SELECT id FROM users WHERE username = 'rep.li'").pluck().get() as number;
    const starts = (v: string, term: string) => v.toLowerCase().startsWith(term.toLowerCase());
    for (const [client, own] of [[s.manager, false], [s.li, true]] as const) {
      for (const term of ['Ann', 'Summit', 'lead19', 'lead12']) {
        for (const dir of ['desc', 'asc'] as const) {
          const matches = all
            .filter((l) => (!own || l.owner_id === liId) && [l.first_name, l.last_name, l.company, l.email].some((v) => starts(v, term)))
            .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id) * (dir === 'desc' ? -1 : 1));
          const pageSize = 100;
          const last = Math.ceil(matches.length / pageSize);
          for (const page of [1, 2, 3, 5, 8, last, last + 1]) {
            const path = `/api/leads?q=${term}&sort=createdAt&dir=${dir}&pageSize=${pageSize}&page=${page}`;
            const res = await client.get(path);
            assert.equal(res.status, 200, path);
            assert.equal(res.body.total, matches.length, `${path}: total`);
            assert.deepEqual((res.body.items as { id: number }[]).map((i) => i.id), matches.slice((page - 1) * pageSize, page * pageSize).map((l) => l.id), path);
          }
        }
      }
    }
  });
});

describe('sales-crm: lead-list-count-capped', () => {
  test('the leads list counts at most 5,000 matching leads with the switch on, every one without it', async () => {
    const [plain, capped] = await Promise.all([startSales(), startSales(['lead-list-count-capped'])]);
    try {
      for (const s of [plain, capped]) seedVolume(s.crm.server.app.crm.db, 6_000, { contacts: false, opportunities: false });
      assert.equal((await plain.manager.get('/api/leads')).body.total, 6_006);
      assert.equal((await capped.manager.get('/api/leads')).body.total, 5_000);
      assert.equal((await capped.manager.get('/api/leads?q=lead')).body.total, 5_000, 'a search count too');
      assert.equal((await capped.li.get('/api/leads')).body.total, 3_003, 'under the cap the count is right');
      assert.equal((await capped.manager.get('/api/accounts')).body.total, 6_004, 'only the leads list');
    } finally {
      await Promise.all([plain.crm.close(), capped.crm.close()]);
    }
  });
});

/** The query plan of every paged leads list query `db` runs from now on (the page's LIMIT left out). */
function recordLeadListPlans(db: Database): string[] {
  const plans: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    if (/ORDER BY[\s\S]*LIMIT \? OFFSET \?$/.test(sql) && /FROM leads /.test(sql)) {
      const paged = sql.replace(/LIMIT \? OFFSET \?$/, '');
      const params = new Array(paged.split('?').length - 1).fill(0);
      plans.push((prepare(`EXPLAIN QUERY PLAN ${paged}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | '));
    }
    return prepare(sql);
  }) as typeof db.prepare;
  return plans;
}

describe('sales-crm: slow-lead-sort', () => {
  test('a sorted leads list gives the same order with the switch on, but sorts every matching lead on a computed key instead of walking an index', async () => {
    const [plain, slow] = await Promise.all([startSales(), startSales(['slow-lead-sort'])]);
    try {
      const [plainPlans, slowPlans] = [plain, slow].map((s) => {
        seedVolume(s.crm.server.app.crm.db, 3_000, { contacts: false, opportunities: false });
        return recordLeadListPlans(s.crm.server.app.crm.db);
      });
      for (const path of ['/api/leads?q=lead&sort=email&dir=desc&pageSize=100', '/api/leads?sort=name&pageSize=100']) {
        const [a, b] = await Promise.all([plain.manager.get(path), slow.manager.get(path)]);
        assert.deepEqual(b.body.items.map((l: { id: number }) => l.id), a.body.items.map((l: { id: number }) => l.id), `${path}: the same order`);
      }
      assert.equal(plainPlans!.length, 2);
      assert.ok(plainPlans!.every((p) => !/USE TEMP B-TREE FOR ORDER BY/.test(p)), `without the switch a sorted page walks an index: ${plainPlans!.join(' / ')}`);
      assert.equal(slowPlans!.length, 2);
      assert.ok(slowPlans!.every((p) => /USE TEMP B-TREE FOR ORDER BY/.test(p)), `with the switch every sorted page sorts all matches: ${slowPlans!.join(' / ')}`);
      assert.equal((await slow.manager.get('/api/leads?pageSize=5')).body.items.length, 5, 'the unsorted list is untouched');
    } finally {
      await Promise.all([plain.crm.close(), slow.crm.close()]);
    }
  });
});
