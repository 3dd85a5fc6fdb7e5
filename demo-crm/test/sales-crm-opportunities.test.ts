import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { closeOpportunityWon } from '../src/modules/sales-crm/opportunity-close.js';
import {
  auditOf, createAccount, createOpportunity, expectStatus, moveStage, page, startSales, type SalesActors,
} from './sales-crm-fixtures.js';

const PROBABILITY = { Prospecting: 10, Qualification: 25, Proposal: 50, Negotiation: 75, 'Closed Won': 100, 'Closed Lost': 0 };

describe('sales-crm: opportunities, pipeline board and dashboard', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  /** What closeOpportunityWon needs from a request when the revenue module calls it. */
  function fakeRequest(username: string): FastifyRequest {
    const app = s.crm.server.app;
    const u = app.crm.db.prepare('SELECT id, username, display_name AS displayName, role, team FROM users WHERE username = ?').get(username) as Record<string, unknown>;
    return { server: app, user: { ...u, accountId: null, contactId: null }, ip: '127.0.0.1', testOffsetMs: 0 } as unknown as FastifyRequest;
  }

  test('a new opportunity starts in Prospecting at 10% and moves forward one stage at a time', async () => {
    const opp = await createOpportunity(s.li);
    assert.equal(opp.stage, 'Prospecting');
    assert.equal(opp.probability, 10);
    const skip = await moveStage(s.li, opp.id, 'Proposal');
    expectStatus(skip, 409);
    assert.equal(skip.body.message, 'An opportunity moves forward one stage at a time: from Prospecting the next stage is Qualification');
    for (const stage of ['Qualification', 'Proposal', 'Negotiation'] as const) {
      const res = await moveStage(s.li, opp.id, stage);
      expectStatus(res, 200);
      assert.equal(res.body.stage, stage);
      assert.equal(res.body.probability, PROBABILITY[stage]);
    }
    expectStatus(await moveStage(s.li, opp.id, 'Proposal'), 409);
    const entry = (await auditOf(s.admin, 'opportunity', opp.id))[0];
    assert.deepEqual(entry.changes.stage, { from: 'Proposal', to: 'Negotiation' });
  });

  test('Closed Won cannot be set by hand', async () => {
    const opp = await createOpportunity(s.li);
    const res = await moveStage(s.li, opp.id, 'Closed Won');
    expectStatus(res, 409);
    assert.equal(res.body.message, 'An opportunity becomes Closed Won only when a quote is accepted');
  });

  test('Closed Lost from any open stage needs a loss reason; then the opportunity is read-only', async () => {
    const opp = await createOpportunity(s.li);
    await moveStage(s.li, opp.id, 'Qualification');
    const noReason = await moveStage(s.li, opp.id, 'Closed Lost');
    expectStatus(noReason, 400);
    assert.equal(noReason.body.fields.lossReason, 'Enter a loss reason');
    const lost = await moveStage(s.li, opp.id, 'Closed Lost', 'Price too high');
    expectStatus(lost, 200);
    assert.deepEqual([lost.body.stage, lost.body.probability, lost.body.lossReason], ['Closed Lost', 0, 'Price too high']);
    assert.ok(lost.body.closedAt);
    const edit = await s.li.patch(`/api/opportunities/${opp.id}`, { amount: 5 });
    expectStatus(edit, 409);
    assert.equal(edit.body.message, 'This opportunity is Closed Lost and read-only');
    expectStatus(await moveStage(s.li, opp.id, 'Qualification'), 409);
  });

  test('closeOpportunityWon sets Closed Won with the quote total, audits it, and refuses a closed one', async () => {
    const opp = await createOpportunity(s.li, { amount: 1 });
    const won = closeOpportunityWon(fakeRequest('rep.li'), s.crm.server.app.crm.db, opp.id, 1_234_567);
    assert.deepEqual([won.stage, won.probability, won.amount], ['Closed Won', 100, 1_234_567]);
    assert.ok(won.closedAt);
    const entry = (await auditOf(s.admin, 'opportunity', opp.id))[0];
    assert.deepEqual(entry.changes.stage, { from: 'Prospecting', to: 'Closed Won' });
    assert.throws(() => closeOpportunityWon(fakeRequest('rep.li'), s.crm.server.app.crm.db, opp.id, 5), /already Closed Won/);
    expectStatus(await s.li.patch(`/api/opportunities/${opp.id}`, { name: 'x' }), 409);
  });

  test('opportunity validation names each field; stage and account cannot be patched', async () => {
    const account = await createAccount(s.li);
    const res = await s.li.post('/api/opportunities', { name: '', accountId: account.id, amount: 12.5, closeDate: '31/12/2030' });
    expectStatus(res, 400);
    assert.deepEqual(Object.keys(res.body.fields).sort(), ['amount', 'closeDate', 'name']);
    assert.equal(res.body.fields.amount, 'Enter an amount in cents: a whole number from 0 to 100000000000');
    const opp = await createOpportunity(s.li, { accountId: account.id });
    expectStatus(await s.li.patch(`/api/opportunities/${opp.id}`, { stage: 'Negotiation' }), 400);
    expectStatus(await s.li.patch(`/api/opportunities/${opp.id}`, { accountId: 1 }), 400);
    const other = await createAccount(s.li);
    const contact = (await s.li.post('/api/contacts', { firstName: 'C', lastName: 'D', accountId: other.id })).body;
    const wrongContact = await s.li.patch(`/api/opportunities/${opp.id}`, { contactId: contact.id });
    expectStatus(wrongContact, 400);
    assert.ok(wrongContact.body.fields.contactId);
  });

  test('the board groups what the user may see by stage with count and total; cards offer the next move', async () => {
    const before = (await s.sam.get('/api/opportunities/board')).body.columns as { stage: string; count: number; total: number }[];
    const a = await createOpportunity(s.sam, { amount: 10_001 });
    await createOpportunity(s.sam, { amount: 20_002 });
    await moveStage(s.sam, a.id, 'Qualification');
    await createOpportunity(s.li, { amount: 999_999 });
    const board = (await s.sam.get('/api/opportunities/board')).body.columns as { stage: string; count: number; total: number; probability: number; items: { id: number; ownerName: string }[] }[];
    assert.deepEqual(board.map((c) => c.stage), ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost']);
    const col = (stage: string, cols: typeof before) => cols.find((c) => c.stage === stage)!;
    assert.equal(col('Prospecting', board).count, col('Prospecting', before).count + 1);
    assert.equal(col('Prospecting', board).total, col('Prospecting', before).total + 20_002);
    assert.equal(col('Qualification', board).total, col('Qualification', before).total + 10_001);
    for (const c of board) {
      assert.equal(c.probability, PROBABILITY[c.stage as keyof typeof PROBABILITY]);
      assert.ok(c.items.every((o) => o.ownerName === 'Sam Carter'));
    }
    const html = (await page(s.sam, '/opportunities/board')).text;
    assert.match(html, /<section class="board-column" id="stage-prospecting" aria-labelledby="stage-prospecting-title"/);
    assert.match(html, new RegExp(`data-testid="board-count-qualification">${col('Qualification', board).count}<`));
    assert.match(html, /Move to Proposal/);
    assert.match(html, /Move to Qualification/);
  });

  test('the dashboard pipeline equals the open opportunities behind it, per user scope', async () => {
    const sumOpen = async (client: typeof s.li) => {
      const all = (await client.get('/api/opportunities?pageSize=100')).body.items as { stage: string; amount: number }[];
      const by: Record<string, number> = { prospecting: 0, qualification: 0, proposal: 0, negotiation: 0 };
      for (const o of all) if (o.stage in PROBABILITY && !o.stage.startsWith('Closed')) by[o.stage.toLowerCase()]! += o.amount;
      return by;
    };
    const opp = await createOpportunity(s.li, { amount: 77_777 });
    await moveStage(s.li, opp.id, 'Qualification');
    await moveStage(s.li, opp.id, 'Proposal');
    const lost = await createOpportunity(s.li, { amount: 55_555 });
    await moveStage(s.li, lost.id, 'Closed Lost', 'No budget');
    for (const client of [s.li, s.sam, s.manager]) {
      const expected = await sumOpen(client);
      const widget = (await client.get('/api/dashboard')).body.widgets.find((w: { id: string }) => w.id === 'pipeline');
      const metric = (id: string) => widget.metrics.find((m: { id: string }) => m.id === id);
      for (const [stage, cents] of Object.entries(expected)) assert.equal(metric(`pipeline-${stage}`).raw, cents, stage);
      assert.equal(metric('pipeline-total').raw, Object.values(expected).reduce((a, b) => a + b, 0));
    }
    const liProposal = (await s.li.get('/api/dashboard')).body.widgets.find((w: { id: string }) => w.id === 'pipeline')
      .metrics.find((m: { id: string }) => m.id === 'pipeline-proposal');
    assert.ok(liProposal.raw >= 77_777);
    const dash = (await page(s.li, '/')).text;
    assert.match(dash, /data-testid="metric-pipeline-total"/);
    const agentWidgets = (await s.agent.get('/api/dashboard')).body.widgets.map((w: { id: string }) => w.id);
    assert.ok(!agentWidgets.includes('pipeline'));
  });
});
