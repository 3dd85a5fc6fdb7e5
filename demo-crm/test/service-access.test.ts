/**
 * Who sees what (docs/service.md §5): portal isolation between accounts by list, URL and API;
 * internal notes never reach the portal; portal and staff areas are separate; agents see the
 * queue, their own and escalated tickets; manager-only actions; denials are 403 and audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { accountId, auditRows, portalTicket, staffTicket, uniqueSubject } from './service-helpers.js';

let crm: TestCrm;
let ana: ApiClient;
let ben: ApiClient;
let kim: ApiClient;
let eve: ApiClient;
let rep: ApiClient;
let admin: ApiClient;
let acme: ApiClient;
let globex: ApiClient;

before(async () => {
  crm = await startCrm({ testMode: true });
  [ana, ben, kim, eve, rep, admin, acme, globex] = await Promise.all(
    ['agent.ana', 'agent.ben', 'supmgr.kim', 'auditor.eve', 'rep.li', 'admin', 'cust.acme', 'cust.globex'].map((u) => crm.login(u)),
  );
});
after(() => crm.close());

async function deniedFor(actor: string, recordId: number): Promise<boolean> {
  const rows = await auditRows(admin, `action=permission_denied&actor=${actor}&recordId=${recordId}`);
  return rows.length > 0;
}

describe('Customer portal isolation', () => {
  test('a customer of Globex cannot find, open or act on an Acme ticket — by list, URL or API', async () => {
    const subject = uniqueSubject('Acme secret');
    const t = await portalTicket(acme, { subject });

    const list = await globex.get(`/api/portal/tickets?q=${encodeURIComponent(subject)}`);
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 0);
    const all = await globex.get('/api/portal/tickets?pageSize=100');
    assert.ok(all.body.items.every((i: { account: { name: string } }) => i.account.name === 'Globex Trading'));

    const api = await globex.get(`/api/portal/tickets/${t.id}`);
    assert.equal(api.status, 403);
    assert.deepEqual(Object.keys(api.body).sort(), ['error', 'message']);
    assert.ok(!api.text.includes(subject));

    const page = await globex.get(`/portal/tickets/${t.id}`);
    assert.equal(page.status, 403);
    assert.match(page.text, /data-testid="access-denied"/);
    assert.ok(!page.text.includes(subject));

    const listPage = await globex.get('/portal');
    assert.equal(listPage.status, 200);
    assert.ok(!listPage.text.includes(subject));

    for (const [path, body] of [['replies', { body: 'hi' }], ['confirm', {}], ['reopen', {}], ['rating', { rating: 5 }]] as const) {
      assert.equal((await globex.post(`/api/portal/tickets/${t.id}/${path}`, body)).status, 403, path);
    }
    assert.ok(await deniedFor('cust.globex', t.id), 'the denial is audited');

    const own = await acme.get(`/api/portal/tickets/${t.id}`);
    assert.equal(own.body.subject, subject);
  });

  test('a ticket id that does not exist is 404 in the portal', async () => {
    assert.equal((await acme.get('/api/portal/tickets/987654')).status, 404);
  });

  test('customers cannot use staff pages or the staff API; staff cannot use the portal', async () => {
    const t = await portalTicket(acme);
    for (const path of ['/api/tickets', `/api/tickets/${t.id}`, '/tickets', `/tickets/${t.id}`, '/service/sla', '/']) {
      assert.equal((await acme.get(path)).status, 403, `customer on ${path}`);
    }
    assert.equal((await acme.post(`/api/tickets/${t.id}/notes`, { body: 'x' })).status, 403);
    for (const path of ['/api/portal/tickets', `/api/portal/tickets/${t.id}`, '/portal']) {
      assert.equal((await ana.get(path)).status, 403, `staff on ${path}`);
    }
  });

  test('portal and staff sign-in are separate, with the same form labels', async () => {
    const login = async (username: string, password: string, portal: boolean) =>
      (await fetch(`${crm.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password, portal }) })).status;
    assert.equal(await login('agent.ana', 'AgentAna#Flows2026', true), 401);
    assert.equal(await login('cust.acme', 'CustAcme#Flows2026', false), 401);
    const page = await (await fetch(`${crm.baseUrl}/portal/login`)).text();
    assert.match(page, /<label for="f-username">Username/);
    assert.match(page, /<label for="f-password">Password/);
    assert.match(page, /<button type="submit"[^>]*>Sign in<\/button>/);
  });
});

describe('Internal notes never reach the portal', () => {
  test('the customer sees the public reply but not the internal note, by API and page', async () => {
    const t = await portalTicket(acme);
    const note = `internal-${uniqueSubject('note')}`;
    const publicReply = `public-${uniqueSubject('reply')}`;
    await ana.post(`/api/tickets/${t.id}/take`);
    await ana.post(`/api/tickets/${t.id}/replies`, { body: publicReply });
    await ana.post(`/api/tickets/${t.id}/notes`, { body: note });

    const api = await acme.get(`/api/portal/tickets/${t.id}`);
    assert.deepEqual(api.body.messages.map((m: { kind: string; body: string }) => [m.kind, m.body]), [['public', publicReply]]);
    assert.ok(!api.text.includes(note));
    const page = await acme.get(`/portal/tickets/${t.id}`);
    assert.ok(page.text.includes(publicReply));
    assert.ok(!page.text.includes(note));
    assert.ok(!page.text.includes('Internal note'));

    const staff = await kim.get(`/tickets/${t.id}`);
    assert.match(staff.text, /data-kind="internal">\s*<header><strong class="message-kind">Internal note<\/strong> · Ana Souza/);
    assert.ok(staff.text.includes(note));
    const auditor = await eve.get(`/api/tickets/${t.id}`);
    assert.ok(auditor.body.messages.some((m: { body: string }) => m.body === note), 'the auditor reads everything');
  });
});

describe('Agents see the queue, their own tickets and escalated ones', () => {
  test('another agent’s ticket is hidden from Ben until it is escalated to the team', async () => {
    const subject = uniqueSubject('Ana only');
    const t = await portalTicket(acme, { subject });
    const search = (c: ApiClient) => c.get(`/api/tickets?q=${encodeURIComponent(subject)}`);
    assert.equal((await search(ben)).body.total, 1, 'the queue is visible to every agent');

    await ana.post(`/api/tickets/${t.id}/take`);
    assert.equal((await search(ben)).body.total, 0);
    assert.equal((await ben.get(`/api/tickets/${t.id}`)).status, 403);
    assert.equal((await ben.get(`/tickets/${t.id}`)).status, 403);
    assert.equal((await ben.post(`/api/tickets/${t.id}/replies`, { body: 'me too' })).status, 403);
    assert.ok(await deniedFor('agent.ben', t.id));

    assert.equal((await kim.post(`/api/tickets/${t.id}/escalate`)).body.status, 'Escalated');
    assert.equal((await search(ben)).body.total, 1);
    const benView = await ben.get(`/api/tickets/${t.id}`);
    assert.equal(benView.status, 200);
    assert.equal((await ben.post(`/api/tickets/${t.id}/notes`, { body: 'Seen this before: reset the controller' })).status, 200);

    assert.equal((await kim.post(`/api/tickets/${t.id}/de-escalate`)).body.status, 'Open');
    assert.equal((await ben.get(`/api/tickets/${t.id}`)).status, 403);
    assert.equal((await search(kim)).body.total, 1, 'the manager sees every ticket');
  });

  test('only managers reassign and escalate; reassigning needs a support team member', async () => {
    const t = await portalTicket(acme);
    await ana.post(`/api/tickets/${t.id}/take`);
    const benId = (await ben.get('/api/session')).body.user.id;
    assert.equal((await ana.post(`/api/tickets/${t.id}/assign`, { assigneeId: benId })).status, 403);
    assert.equal((await ana.post(`/api/tickets/${t.id}/escalate`)).status, 403);
    const repId = (await rep.get('/api/session')).body.user.id;
    const wrong = await kim.post(`/api/tickets/${t.id}/assign`, { assigneeId: repId });
    assert.equal(wrong.status, 400);
    assert.ok(wrong.body.fields.assigneeId);
    const ok = await kim.post(`/api/tickets/${t.id}/assign`, { assigneeId: benId });
    assert.equal(ok.body.assignee.name, 'Ben Okafor');
    assert.equal((await ana.get(`/api/tickets/${t.id}`)).status, 403, 'Ana no longer sees it');
    const benNotes = await ben.get('/api/notifications');
    assert.ok(benNotes.body.items.some((n: { message: string }) => n.message.includes(t.number) && /assigned to you/.test(n.message)));
  });

  test('sales roles have no ticket access; the auditor reads but does not write', async () => {
    const t = await portalTicket(acme);
    assert.equal((await rep.get('/api/tickets')).status, 403);
    assert.equal((await rep.get(`/api/tickets/${t.id}`)).status, 403);
    const page = await rep.get('/tickets');
    assert.equal(page.status, 403);
    assert.match(page.text, /<h1>Access denied<\/h1>/);
    assert.equal((await eve.get(`/api/tickets/${t.id}`)).status, 200);
    assert.equal((await eve.post(`/api/tickets/${t.id}/take`)).status, 403);
    const acmeAccount = await accountId(ana, 'Acme Robotics');
    const create = await eve.post('/api/tickets', { accountId: acmeAccount, channel: 'phone', subject: 's', description: 'd', priority: 'P3', category: 'Other' });
    assert.equal(create.status, 403);
  });

  test('the SLA board is for managers (and admin/auditor), with per-agent load from the records', async () => {
    assert.equal((await ana.get('/api/tickets/sla-board')).status, 403);
    assert.equal((await ana.get('/service/sla')).status, 403);
    assert.equal((await eve.get('/api/tickets/sla-board')).status, 200);
    const acmeAccount = await accountId(ana, 'Acme Robotics');
    const mine = await staffTicket(ana, { accountId: acmeAccount });
    await ana.post(`/api/tickets/${mine.id}/take`);
    const board = await kim.get('/api/tickets/sla-board');
    assert.equal(board.status, 200);
    const anaOpen = await kim.get('/api/tickets?assignee=' + (await ana.get('/api/session')).body.user.id + '&status=unresolved&pageSize=100');
    const load = board.body.agentLoad.find((l: { name: string }) => l.name === 'Ana Souza');
    assert.equal(load.open, anaOpen.body.total);
    assert.equal(board.body.openCount, board.body.open.length);
    const html = await kim.get('/service/sla');
    assert.match(html.text, /<h1>SLA board<\/h1>/);
    assert.match(html.text, /<caption>Agent load<\/caption>/);
  });

  test('an agent deactivated while holding open tickets keeps an Agent load row, so the rows add up to the open tickets', async () => {
    const username = `agent.gone.${Date.now() % 100_000}`;
    const created = await admin.post('/api/users', { username, displayName: `Gone ${username}`, email: `${username}@example.test`, role: 'support_agent', team: 'support', password: 'Departing#Agent2026' });
    assert.equal(created.status, 201);
    const gone = await crm.login(username, 'Departing#Agent2026');
    const held = await staffTicket(gone, { accountId: await accountId(ana, 'Acme Robotics') });
    assert.equal((await gone.post(`/api/tickets/${held.id}/take`)).status, 200);
    assert.equal((await admin.patch(`/api/users/${created.body.id}`, { active: false })).status, 200);
    const board = (await kim.get('/api/tickets/sla-board')).body;
    const row = board.agentLoad.find((l: { userId: number | null }) => l.userId === created.body.id);
    assert.deepEqual([row?.name, row?.open], [`Gone ${username} (inactive)`, 1]);
    assert.equal(board.agentLoad.reduce((sum: number, l: { open: number }) => sum + l.open, 0), board.openCount);
    assert.match((await kim.get('/service/sla')).text, new RegExp(`<th scope="row">Gone ${username.replace(/\./g, '\\.')} \\(inactive\\)</th>`));
  });

  test('an admin who takes a queue ticket gets an Agent load row too, so the rows still add up to the open tickets', async () => {
    const ticket = await staffTicket(ana, { accountId: await accountId(ana, 'Acme Robotics') });
    assert.equal((await admin.post(`/api/tickets/${ticket.id}/take`)).status, 200);
    const board = (await kim.get('/api/tickets/sla-board')).body;
    const me = (await admin.get('/api/session')).body;
    const row = board.agentLoad.find((l: { userId: number | null }) => l.userId === (me.user?.id ?? me.id));
    assert.ok(row && row.open >= 1, 'the admin holding a ticket has a row with it');
    assert.equal(board.agentLoad.reduce((sum: number, l: { open: number }) => sum + l.open, 0), board.openCount);
  });
});
