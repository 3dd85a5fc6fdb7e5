/**
 * The service desk's server-rendered screens (README conventions, docs/service.md §10): SLA panel
 * with countdown and breach badges, labelled conversation, role-dependent actions, form posts
 * with 303/400/409, the new-ticket form, the portal screens and the dashboard widget.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { accountId, HOUR, MINUTE, portalTicket, resolveAs, staffTicket, uniqueSubject } from './service-helpers.js';

let crm: TestCrm;
let ana: ApiClient;
let kim: ApiClient;
let acme: ApiClient;
let acmeId: number;

before(async () => {
  crm = await startCrm({ testMode: true });
  [ana, kim, acme] = await Promise.all(['agent.ana', 'supmgr.kim', 'cust.acme'].map((u) => crm.login(u)));
  acmeId = await accountId(ana, 'Acme Robotics');
});
after(() => crm.close());

function postForm(client: ApiClient, path: string, fields: Record<string, string> = {}) {
  const body = new URLSearchParams({ ...fields, _csrf: client.csrfToken }).toString();
  return client.request('POST', path, body, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
}

const attr = (html: string, testId: string, name: string): string | undefined =>
  new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0].match(new RegExp(`${name}="([^"]*)"`))?.[1];
const text = (html: string, testId: string): string | undefined =>
  new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe('Staff ticket page', () => {
  test('SLA panel shows the due times with a live countdown and flags a breach', async () => {
    const t = await staffTicket(ana, { accountId: acmeId, priority: 'P1' });
    const page = await kim.get(`/tickets/${t.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<h1>${t.subject}</h1>`));
    assert.equal(text(page.text, 'status'), 'New');
    assert.equal(attr(page.text, 'sla-first-response-due', 'datetime'), t.sla.firstResponse.dueAt);
    assert.equal(attr(page.text, 'sla-resolution-due', 'datetime'), t.sla.resolution.dueAt);
    assert.match(page.text, new RegExp(`<time data-countdown datetime="${t.sla.firstResponse.dueAt}"`));
    assert.equal(text(page.text, 'sla-first-response'), 'On track');

    const late = await kim.withClockOffset(HOUR + MINUTE).get(`/tickets/${t.id}`);
    assert.equal(text(late.text, 'sla-first-response'), 'Breached');
    assert.equal(text(late.text, 'sla-resolution'), 'On track');
    assert.equal(text(late.text, 'status'), 'Escalated');
  });

  test('paused resolution clock is shown as paused (the countdown script leaves it alone)', async () => {
    const t = await staffTicket(ana, { accountId: acmeId, priority: 'P2' });
    await ana.post(`/api/tickets/${t.id}/take`);
    await ana.post(`/api/tickets/${t.id}/pending`);
    const page = await ana.withClockOffset(5 * HOUR).get(`/tickets/${t.id}`);
    assert.equal(text(page.text, 'sla-resolution'), 'Paused');
    assert.match(page.text, /<time data-countdown data-paused datetime="[^"]+" data-testid="sla-resolution-remaining">/);
  });

  test('actions follow the role: an agent can take a queue ticket, only the manager can reassign or escalate', async () => {
    const t = await portalTicket(acme);
    const agentPage = await ana.get(`/tickets/${t.id}`);
    assert.match(agentPage.text, />Take<\/button>/);
    assert.doesNotMatch(agentPage.text, />Reassign<\/button>/);
    assert.doesNotMatch(agentPage.text, />Escalate<\/button>/);
    const managerPage = await kim.get(`/tickets/${t.id}`);
    assert.match(managerPage.text, />Reassign<\/button>/);
    assert.match(managerPage.text, />Escalate<\/button>/);
    assert.match(managerPage.text, /<dialog id="[^"]+" aria-labelledby="[^"]+"/);
  });

  test('Take, Reply and Resolve by form: 303 back to the ticket with a toast, conversation labelled', async () => {
    const t = await portalTicket(acme);
    const taken = await postForm(ana, `/tickets/${t.id}/take`);
    assert.equal(taken.status, 303);
    assert.equal(taken.headers.get('location'), `/tickets/${t.id}`);
    assert.equal((await postForm(ana, `/tickets/${t.id}/reply`, { replyBody: 'We are on it' })).status, 303);
    assert.equal((await postForm(ana, `/tickets/${t.id}/note`, { noteBody: 'Check the logs' })).status, 303);
    const page = await ana.get(`/tickets/${t.id}`);
    assert.match(page.text, /data-kind="public">\s*<header><strong class="message-kind">Public reply<\/strong> · Ana Souza/);
    assert.match(page.text, /data-kind="internal">\s*<header><strong class="message-kind">Internal note<\/strong> · Ana Souza/);
    assert.match(page.text, /<label for="f-resolutionCode">Resolution code/);
    const resolved = await postForm(ana, `/tickets/${t.id}/resolve`, { resolutionCode: 'Fixed' });
    assert.equal(resolved.status, 303);
    const after = await ana.get(`/tickets/${t.id}`);
    assert.equal(text(after.text, 'status'), 'Resolved');
    assert.equal(text(after.text, 'field-resolutionCode'), 'Fixed');
  });

  test('an empty reply re-renders with 400 and an inline error; a refused step with 409 and an alert', async () => {
    const t = await portalTicket(acme);
    await ana.post(`/api/tickets/${t.id}/take`);
    const empty = await postForm(ana, `/tickets/${t.id}/reply`, { replyBody: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /<textarea id="f-replyBody" name="replyBody" required aria-invalid="true" aria-describedby="f-replyBody-error/);
    assert.match(empty.text, /role="alert"/);
    const refused = await postForm(kim, `/tickets/${t.id}/de-escalate`);
    assert.equal(refused.status, 409);
    assert.match(refused.text, /data-testid="action-problem">&quot;De-escalate&quot; is not allowed while the ticket is Open/);
  });
});

describe('Lists, new ticket form, SLA board, dashboard', () => {
  test('the queue lists unassigned New tickets with links, total and filters', async () => {
    const subject = uniqueSubject('Queue item');
    const t = await portalTicket(acme, { subject });
    const page = await ana.get(`/tickets?view=queue&q=${encodeURIComponent(subject)}`);
    assert.match(page.text, /<caption>Ticket queue<\/caption>/);
    assert.equal(text(page.text, 'list-total'), '1 record');
    assert.match(page.text, new RegExp(`<a href="/tickets/${t.id}">${t.number}</a>`));
    assert.match(page.text, /<label for="filter-status">Status<\/label>/);
    assert.match(page.text, /<label for="filter-priority">Priority<\/label>/);
    assert.match(page.text, /<label for="filter-assignee">Assignee<\/label>/);
  });

  test('new ticket: choose the account, then the form; errors re-render with 400; success redirects to the ticket', async () => {
    const step1 = await ana.get('/tickets/new');
    assert.match(step1.text, /<label for="f-accountId">Account/);
    const step2 = await ana.get(`/tickets/new?accountId=${acmeId}`);
    assert.match(step2.text, /<label for="f-contactId">Contact/);
    const bad = await postForm(ana, '/tickets', { accountId: String(acmeId), channel: 'phone', priority: 'P2', category: 'Billing', subject: '', description: 'x' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<input type="text" id="f-subject" name="subject" required aria-invalid="true"/);
    const subject = uniqueSubject('Form');
    const ok = await postForm(ana, '/tickets', { accountId: String(acmeId), channel: 'email', priority: 'P2', category: 'Billing', subject, description: 'From the form' });
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location') ?? '', /^\/tickets\/\d+$/);
  });

  test('the SLA board page and the dashboard widget render for the manager', async () => {
    const board = await kim.get('/service/sla');
    assert.equal(board.status, 200);
    assert.match(board.text, /data-testid="board-breach-count"/);
    const dash = await kim.get('/');
    for (const id of ['tickets-open-p1', 'sla-breaches', 'avg-satisfaction', 'tickets-closed']) assert.match(dash.text, new RegExp(`data-testid="metric-${id}"`));
    assert.match((await kim.get('/tickets')).text, /href="\/service\/sla"/);
  });
});

describe('Portal screens', () => {
  test('a customer opens a ticket by form, confirms the resolution and rates it', async () => {
    const subject = uniqueSubject('Portal form 门户');
    const created = await postForm(acme, '/portal/tickets', { subject, description: 'Screen flickers', priority: 'P2', category: 'Technical' });
    assert.equal(created.status, 303);
    const id = Number((created.headers.get('location') ?? '').split('/').pop());
    const list = await acme.get('/portal');
    assert.match(list.text, /<caption>Support tickets<\/caption>/);
    assert.ok(list.text.includes(subject));

    const invalid = await postForm(acme, '/portal/tickets', { subject: '', description: '', priority: 'P2', category: 'Technical' });
    assert.equal(invalid.status, 400);
    assert.match(invalid.text, /id="f-description" name="description" required aria-invalid="true"/);

    await resolveAs(ana, id);
    const resolved = await acme.get(`/portal/tickets/${id}`);
    assert.match(resolved.text, />Confirm resolution<\/button>/);
    assert.match(resolved.text, />Reopen<\/button>/);
    assert.equal((await postForm(acme, `/portal/tickets/${id}/confirm`)).status, 303);
    const closed = await acme.get(`/portal/tickets/${id}`);
    assert.equal(text(closed.text, 'status'), 'Closed');
    assert.match(closed.text, /<label for="f-rating">Satisfaction/);
    assert.equal((await postForm(acme, `/portal/tickets/${id}/rate`, { rating: '5' })).status, 303);
    const twice = await postForm(acme, `/portal/tickets/${id}/rate`, { rating: '4' });
    assert.equal(twice.status, 409);
    assert.match(twice.text, /already rated/);
    assert.equal(text((await acme.get(`/portal/tickets/${id}`)).text, 'field-satisfaction'), '5 of 5');
  });
});
