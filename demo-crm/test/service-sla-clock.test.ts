/**
 * Rules that depend on time (docs/service.md §3, §4), with the server clock moved per request
 * through X-Test-Clock-Offset-Ms: pause, breach, P1 auto-escalation and its notification,
 * auto-close, the reopen window and SLA restart, rating once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import {
  accountId, auditRows, DAY, DOCUMENTED_SLA, HOUR, MINUTE, ms, notificationsAbout, portalTicket, resolveAs, staffTicket,
} from './service-helpers.js';

let crm: TestCrm;
let ana: ApiClient;
let ben: ApiClient;
let kim: ApiClient;
let admin: ApiClient;
let acme: ApiClient;
let acmeId: number;

before(async () => {
  crm = await startCrm({ testMode: true });
  [ana, ben, kim, admin, acme] = await Promise.all(['agent.ana', 'agent.ben', 'supmgr.kim', 'admin', 'cust.acme'].map((u) => crm.login(u)));
  acmeId = await accountId(ana, 'Acme Robotics');
});
after(() => crm.close());

const at = (client: ApiClient, offset: number) => client.withClockOffset(offset);

describe('Pending customer pauses the resolution clock', () => {
  test('remaining time holds while paused; after the customer answers, the due time is shifted by the pause', async () => {
    const t = await portalTicket(acme, { priority: 'P2' });
    const base = ms(t.createdAt) + DOCUMENTED_SLA.P2.resolution;
    await at(ana, HOUR).post(`/api/tickets/${t.id}/take`);
    await at(ana, HOUR).post(`/api/tickets/${t.id}/replies`, { body: 'Which firmware version?' });
    const pending = await at(ana, 2 * HOUR).post(`/api/tickets/${t.id}/pending`);
    assert.equal(pending.body.status, 'Pending customer');
    const pausedAt = ms(pending.body.updatedAt);

    for (const offset of [3 * HOUR, 20 * HOUR]) {
      const view = await at(ana, offset).get(`/api/tickets/${t.id}`);
      assert.equal(view.body.sla.resolution.state, 'paused');
      assert.equal(view.body.sla.resolution.remainingMs, base - pausedAt, 'the remaining time does not shrink while paused');
    }

    const answered = await at(acme, 22 * HOUR).post(`/api/portal/tickets/${t.id}/replies`, { body: 'Version 4.2.1' });
    assert.equal(answered.body.status, 'Open');
    const resumedAt = ms(answered.body.updatedAt);

    // 30 h after creation: past the unpaused 1-day target, but the 20 h pause moved the due time.
    const later = await at(ana, 30 * HOUR).get(`/api/tickets/${t.id}`);
    assert.equal(later.body.sla.pausedMs, resumedAt - pausedAt);
    assert.equal(ms(later.body.sla.resolution.dueAt), base + (resumedAt - pausedAt));
    assert.equal(later.body.sla.resolution.state, 'running');
    assert.equal(later.body.sla.resolution.breached, false);
  });
});

describe('Breaches', () => {
  test('an unanswered P3 is in first-response breach 8 h after creation, on the ticket and the SLA board', async () => {
    const t = await staffTicket(ana, { accountId: acmeId, priority: 'P3' });
    const before = await at(kim, 7 * HOUR).get(`/api/tickets/${t.id}`);
    assert.equal(before.body.sla.firstResponse.breached, false);
    const afterDue = await at(kim, 8 * HOUR + MINUTE).get(`/api/tickets/${t.id}`);
    assert.equal(afterDue.body.sla.firstResponse.state, 'breached');
    assert.equal(afterDue.body.sla.breached, true);
    assert.equal(afterDue.body.status, 'New', 'only P1 escalates automatically');
    const board = await at(kim, 8 * HOUR + MINUTE).get('/api/tickets/sla-board');
    assert.ok(board.body.breaches.some((b: { id: number }) => b.id === t.id));
  });

  test('a late first response stays a breach; a resolution after its due time is a resolution breach', async () => {
    const t = await staffTicket(ana, { accountId: acmeId, priority: 'P1' });
    await at(ana, 30 * MINUTE).post(`/api/tickets/${t.id}/take`);
    const reply = await at(ana, 90 * MINUTE).post(`/api/tickets/${t.id}/replies`, { body: 'Looking into it' });
    assert.equal(reply.body.sla.firstResponse.state, 'breached');
    const res = await at(ana, 5 * HOUR).post(`/api/tickets/${t.id}/resolve`, { resolutionCode: 'Fixed' });
    assert.equal(res.body.sla.resolution.state, 'breached');
    assert.equal(ms(res.body.sla.resolution.dueAt), ms(t.createdAt) + DOCUMENTED_SLA.P1.resolution);
  });

  test('dashboard breach count and open tickets by priority equal the records behind them', async () => {
    await staffTicket(ana, { accountId: acmeId, priority: 'P2' });
    const offset = 5 * HOUR;
    const all: { status: string; priority: string; sla: { breached: boolean } }[] = [];
    for (let page = 1; ; page++) {
      const res = await at(kim, offset).get(`/api/tickets?status=unresolved&pageSize=100&page=${page}`);
      all.push(...res.body.items);
      if (page * 100 >= res.body.total) break;
    }
    const metrics = (await at(kim, offset).get('/api/dashboard')).body.widgets.find((w: { id: string }) => w.id === 'service').metrics as { id: string; raw: number }[];
    const metric = (id: string) => metrics.find((m) => m.id === id)?.raw;
    assert.equal(metric('sla-breaches'), all.filter((t) => t.sla.breached).length);
    assert.ok((metric('sla-breaches') ?? 0) > 0);
    for (const p of ['P1', 'P2', 'P3', 'P4']) assert.equal(metric(`tickets-open-${p.toLowerCase()}`), all.filter((t) => t.priority === p).length);
  });
});

describe('P1 auto-escalation', () => {
  test('a P1 without a first response escalates after 1 h, the manager is notified once, and the next write persists it', async () => {
    const t = await portalTicket(acme, { priority: 'P1' });
    assert.deepEqual(await notificationsAbout(kim, t.number), [], 'no notice before the due time');

    const late = at(ben, HOUR + MINUTE);
    const seen = await late.get(`/api/tickets/${t.id}`);
    assert.equal(seen.body.status, 'Escalated');
    assert.equal(seen.body.sla.firstResponse.breached, true);
    // Observed by several readers: still exactly one notification.
    await at(kim, 2 * HOUR).get('/api/tickets/sla-board');
    await at(ana, 3 * HOUR).get(`/api/tickets?q=${t.number}`);
    const notes = await notificationsAbout(kim, t.number);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.link, `/tickets/${t.id}`);

    // Derived, not stored: a reader at the real time still sees New.
    assert.equal((await kim.get(`/api/tickets/${t.id}`)).body.status, 'New');

    const benId = (await ben.get('/api/session')).body.user.id;
    const reassigned = await at(kim, 2 * HOUR).post(`/api/tickets/${t.id}/assign`, { assigneeId: benId });
    assert.equal(reassigned.body.status, 'Escalated');
    assert.equal(reassigned.body.assignee.name, 'Ben Okafor');
    assert.equal((await kim.get(`/api/tickets/${t.id}`)).body.status, 'Escalated', 'persisted by the write');
    const audit = await auditRows(admin, `object=ticket&recordId=${t.id}&sort=at&dir=asc`);
    assert.ok(audit.some((r) => r.actor === 'system' && /escalated automatically/.test(r.summary ?? '')));

    const resolved = await at(ben, 3 * HOUR).post(`/api/tickets/${t.id}/resolve`, { resolutionCode: 'Fixed' });
    assert.equal(resolved.body.status, 'Resolved');
    assert.equal((await notificationsAbout(kim, t.number)).length, 1);
  });

  test('the manager is notified by simply opening notifications after the due time', async () => {
    const t = await portalTicket(acme, { priority: 'P1' });
    const notes = await at(kim, 90 * MINUTE).get('/api/notifications');
    assert.equal(notes.body.items.filter((n: { message: string }) => n.message.includes(t.number)).length, 1);
  });

  test('a de-escalated ticket does not escalate again in the same SLA cycle; a P2 never escalates', async () => {
    const p1 = await portalTicket(acme, { priority: 'P1' });
    const de = await at(kim, 2 * HOUR).post(`/api/tickets/${p1.id}/de-escalate`);
    assert.equal(de.status, 200, de.text);
    assert.equal(de.body.status, 'New', 'unassigned → back to the queue');
    assert.equal((await at(kim, 3 * HOUR).get(`/api/tickets/${p1.id}`)).body.status, 'New');

    const p2 = await portalTicket(acme, { priority: 'P2' });
    assert.equal((await at(kim, 6 * HOUR).get(`/api/tickets/${p2.id}`)).body.status, 'New');
  });

  test('a first response in time prevents the escalation', async () => {
    const t = await portalTicket(acme, { priority: 'P1' });
    await at(ana, 10 * MINUTE).post(`/api/tickets/${t.id}/take`);
    await at(ana, 50 * MINUTE).post(`/api/tickets/${t.id}/replies`, { body: 'On it' });
    assert.equal((await at(kim, 3 * HOUR).get(`/api/tickets/${t.id}`)).body.status, 'Open');
    assert.deepEqual(await notificationsAbout(at(kim, 3 * HOUR), t.number), []);
  });
});

describe('Resolution, auto-close, reopen and rating', () => {
  test('a Resolved ticket not confirmed within 3 days closes itself (derived, persisted on the next write)', async () => {
    const t = await portalTicket(acme, { priority: 'P3' });
    const resolved = await resolveAs(ana, t.id);
    const resolvedAt = ms(resolved.resolvedAt);

    assert.equal((await at(acme, 3 * DAY - MINUTE).get(`/api/portal/tickets/${t.id}`)).body.status, 'Resolved');
    const closed = await at(acme, 3 * DAY + MINUTE).get(`/api/portal/tickets/${t.id}`);
    assert.equal(closed.body.status, 'Closed');
    assert.equal(closed.body.closeReason, 'auto');
    assert.equal(ms(closed.body.closedAt), resolvedAt + 3 * DAY);
    assert.equal((await acme.get(`/api/portal/tickets/${t.id}`)).body.status, 'Resolved', 'a reader at the real time is unaffected');

    const confirm = await at(acme, 3 * DAY + MINUTE).post(`/api/portal/tickets/${t.id}/confirm`);
    assert.equal(confirm.status, 409);
    assert.match(confirm.body.message, /already closed/);

    const rated = await at(acme, 4 * DAY).post(`/api/portal/tickets/${t.id}/rating`, { rating: 4 });
    assert.equal(rated.status, 200, rated.text);
    assert.equal((await acme.get(`/api/portal/tickets/${t.id}`)).body.status, 'Closed', 'persisted by the rating');
  });

  test('the customer confirms a resolution → Closed', async () => {
    const t = await portalTicket(acme);
    await resolveAs(ana, t.id, 'No fault found');
    const res = await at(acme, HOUR).post(`/api/portal/tickets/${t.id}/confirm`);
    assert.equal(res.body.status, 'Closed');
    assert.equal(res.body.closeReason, 'confirmed');
  });

  test('reopening within 7 days restarts the SLA from the reopen time', async () => {
    const t = await portalTicket(acme, { priority: 'P2' });
    await resolveAs(ana, t.id);
    const reopened = await at(acme, 5 * DAY).post(`/api/portal/tickets/${t.id}/reopen`);
    assert.equal(reopened.status, 200, reopened.text);
    assert.equal(reopened.body.status, 'Reopened');
    assert.equal(reopened.body.reopenCount, 1);
    const from = ms(reopened.body.reopenedAt);
    assert.equal(ms(reopened.body.sla.firstResponse.dueAt), from + DOCUMENTED_SLA.P2.firstResponse);
    assert.equal(ms(reopened.body.sla.resolution.dueAt), from + DOCUMENTED_SLA.P2.resolution);
    assert.equal(reopened.body.sla.firstResponse.state, 'running', 'the earlier reply does not count for the new cycle');
    assert.equal(reopened.body.resolutionCode, null);
    const agentView = await at(ana, 5 * DAY).get(`/api/tickets/${t.id}`);
    assert.equal(agentView.body.assignee.name, 'Ana Souza', 'the reopened ticket returns to its agent');
    assert.ok(agentView.body.actions.includes('resume'));
  });

  test('reopening more than 7 days after resolution is refused with a clear message', async () => {
    const t = await portalTicket(acme);
    await resolveAs(ana, t.id);
    const res = await at(acme, 7 * DAY + MINUTE).post(`/api/portal/tickets/${t.id}/reopen`);
    assert.equal(res.status, 409);
    assert.match(res.body.message, /more than 7 days ago.*can no longer be reopened/);
    assert.equal((await at(acme, 7 * DAY + MINUTE).get(`/api/portal/tickets/${t.id}`)).body.status, 'Closed');
    assert.ok(!(await at(acme, 7 * DAY + MINUTE).get(`/api/portal/tickets/${t.id}`)).body.actions.includes('reopen'));
  });

  test('an automatically closed ticket can still be reopened inside the 7 days', async () => {
    const t = await portalTicket(acme);
    await resolveAs(ana, t.id);
    const res = await at(acme, 6 * DAY).post(`/api/portal/tickets/${t.id}/reopen`);
    assert.equal(res.body.status, 'Reopened');
  });

  test('satisfaction is rated 1–5, only once closed, only once', async () => {
    const t = await portalTicket(acme);
    await resolveAs(ana, t.id);
    const early = await acme.post(`/api/portal/tickets/${t.id}/rating`, { rating: 5 });
    assert.equal(early.status, 409);
    assert.match(early.body.message, /once it is closed/);
    await acme.post(`/api/portal/tickets/${t.id}/confirm`);
    for (const bad of [0, 6, 3.5, 'good']) {
      const res = await acme.post(`/api/portal/tickets/${t.id}/rating`, { rating: bad });
      assert.equal(res.status, 400, `rating ${bad}`);
      assert.ok(res.body.fields.rating);
    }
    assert.equal((await acme.post(`/api/portal/tickets/${t.id}/rating`, { rating: 2 })).body.satisfaction, 2);
    const again = await acme.post(`/api/portal/tickets/${t.id}/rating`, { rating: 5 });
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already rated/);
    assert.equal((await ana.get(`/api/tickets/${t.id}`)).body.satisfaction, 2);
  });
});

describe('Dashboard numbers are the records behind them, scoped to the reader', () => {
  async function everyTicket(client: ApiClient, offset: number) {
    const all: { status: string; priority: string; satisfaction: number | null; sla: { breached: boolean } }[] = [];
    for (let page = 1; ; page++) {
      const res = await at(client, offset).get(`/api/tickets?pageSize=100&page=${page}`);
      all.push(...res.body.items);
      if (page * 100 >= res.body.total) break;
    }
    return all;
  }
  async function metrics(client: ApiClient, offset: number) {
    const res = await at(client, offset).get('/api/dashboard');
    const widget = res.body.widgets.find((w: { id: string }) => w.id === 'service');
    return new Map((widget.metrics as { id: string; raw: number; value: string }[]).map((m) => [m.id, m]));
  }

  test('closed count and average satisfaction (manager: all tickets; agent: queue, own and escalated)', async () => {
    for (const rating of [5, 2]) {
      const t = await portalTicket(acme);
      await resolveAs(ana, t.id);
      await acme.post(`/api/portal/tickets/${t.id}/confirm`);
      await acme.post(`/api/portal/tickets/${t.id}/rating`, { rating });
    }
    for (const [who, client] of [['manager', kim], ['agent', ben]] as const) {
      const offset = 2 * DAY;
      const all = await everyTicket(client, offset);
      const m = await metrics(client, offset);
      const rated = all.filter((t) => t.satisfaction !== null).map((t) => t.satisfaction as number);
      assert.equal(m.get('tickets-closed')?.raw, all.filter((t) => t.status === 'Closed').length, who);
      const expected = rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : 0;
      assert.equal(m.get('avg-satisfaction')?.raw, Math.round(expected * 100) / 100, who);
      assert.equal(m.get('sla-breaches')?.raw, all.filter((t) => t.sla.breached && !['Resolved', 'Closed'].includes(t.status)).length, who);
    }
    const managerClosed = (await metrics(kim, 0)).get('tickets-closed')?.raw ?? 0;
    const agentClosed = (await metrics(ben, 0)).get('tickets-closed')?.raw ?? 0;
    assert.ok(managerClosed >= 2 && agentClosed === 0, 'Ben sees none of Ana’s closed tickets');
  });
});

