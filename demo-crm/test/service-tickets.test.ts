/**
 * Service desk through the staff API (docs/service.md §1, §2, §3, §7): creation, validation,
 * numbering, SLA due times, the agent's working steps and refused transitions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import {
  accountId, auditRows, DOCUMENTED_SLA, HOUR, ms, portalTicket, staffTicket, uniqueSubject, type Priority,
} from './service-helpers.js';

let crm: TestCrm;
let ana: ApiClient;
let kim: ApiClient;
let admin: ApiClient;
let acme: ApiClient;
let acmeId: number;
let globexId: number;

before(async () => {
  crm = await startCrm({ testMode: true });
  [ana, kim, admin, acme] = await Promise.all([crm.login('agent.ana'), crm.login('supmgr.kim'), crm.login('admin'), crm.login('cust.acme')]);
  acmeId = await accountId(ana, 'Acme Robotics');
  globexId = await accountId(ana, 'Globex Trading');
});
after(() => crm.close());

describe('Creating tickets', () => {
  test('staff record a phone ticket: sequential number, New, unassigned, in the queue', async () => {
    const a = await staffTicket(ana, { accountId: acmeId, priority: 'P2' });
    const b = await staffTicket(ana, { accountId: acmeId, priority: 'P2' });
    assert.match(a.number, /^TCK-\d{6}$/);
    assert.equal(Number(b.number.slice(4)), Number(a.number.slice(4)) + 1);
    assert.equal(a.status, 'New');
    assert.equal(a.assignee, null);
    assert.equal(a.channel, 'phone');
    const queue = await ana.get(`/api/tickets?view=queue&q=${encodeURIComponent(a.subject)}`);
    assert.deepEqual(queue.body.items.map((t: { id: number }) => t.id), [a.id]);
  });

  test('a customer ticket comes from the portal with the customer’s account and contact', async () => {
    const t = await portalTicket(acme, { priority: 'P4' });
    assert.equal(t.channel, 'portal');
    assert.equal(t.account.name, 'Acme Robotics');
    assert.ok(t.contact?.name, 'contact is the portal user’s contact');
    const staffView = await ana.get(`/api/tickets/${t.id}`);
    assert.equal(staffView.body.account.id, acmeId);
  });

  for (const p of Object.keys(DOCUMENTED_SLA) as Priority[]) {
    test(`${p} due times are creation + the documented targets`, async () => {
      const t = await staffTicket(ana, { accountId: acmeId, priority: p });
      const created = ms(t.createdAt);
      assert.equal(ms(t.sla.firstResponse.dueAt), created + DOCUMENTED_SLA[p].firstResponse);
      assert.equal(ms(t.sla.resolution.dueAt), created + DOCUMENTED_SLA[p].resolution);
      assert.equal(t.sla.firstResponse.state, 'running');
      assert.equal(t.sla.resolution.state, 'running');
    });
  }

  test('CJK text is stored and returned intact', async () => {
    const subject = `打印机无法连接 ${uniqueSubject('')}`;
    const t = await portalTicket(acme, { subject, description: '设备型号：RX-200。错误代码 E42。' });
    const back = await ana.get(`/api/tickets/${t.id}`);
    assert.equal(back.body.subject, subject);
    assert.equal(back.body.description, '设备型号：RX-200。错误代码 E42。');
  });
});

describe('Validation: clear field messages, nothing created', () => {
  async function countTickets(): Promise<number> {
    return (await admin.get('/api/tickets?pageSize=1')).body.total;
  }

  const cases: [string, Record<string, unknown>, string][] = [
    ['empty subject', { subject: '   ' }, 'subject'],
    ['subject over 200 characters', { subject: 'x'.repeat(201) }, 'subject'],
    ['missing description', { description: '' }, 'description'],
    ['description over 10,000 characters', { description: 'y'.repeat(10_001) }, 'description'],
    ['unknown priority', { priority: 'P0' }, 'priority'],
    ['unknown category', { category: 'Sales' }, 'category'],
    ['portal is not a staff channel', { channel: 'portal' }, 'channel'],
    ['no account', { accountId: '' }, 'accountId'],
    ['account that does not exist', { accountId: 999_999 }, 'accountId'],
  ];
  for (const [name, patch, fieldName] of cases) {
    test(`staff: ${name} → 400 on ${fieldName}`, async () => {
      const before = await countTickets();
      const res = await ana.post('/api/tickets', {
        accountId: acmeId, channel: 'email', subject: uniqueSubject('Bad'), description: 'd', priority: 'P3', category: 'Other', ...patch,
      });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error, 'validation');
      assert.ok(res.body.fields[fieldName], `message for ${fieldName}: ${res.text}`);
      assert.equal(await countTickets(), before);
    });
  }

  test('exactly 200 characters of subject (CJK counts one each) and 10,000 of description are accepted', async () => {
    const t = await staffTicket(ana, { accountId: acmeId, subject: '票'.repeat(200), description: 'z'.repeat(10_000) });
    assert.equal([...t.subject].length, 200);
  });

  test('line breaks are stored as LF whatever the channel: a form\'s CRLF counts as one character', async () => {
    // 14,979 characters as sent, 9,988 once each line break is one: within the 10,000 limit
    const t = await staffTicket(ana, { accountId: acmeId, description: `${'x\r\n'.repeat(4_990)}end\rlast` });
    assert.equal(t.description, `${'x\n'.repeat(4_990)}end\nlast`);
    assert.equal([...t.description].length, 9_988);
  });

  test('a contact of another account is refused', async () => {
    const globexTicket = await portalTicket(await crm.login('cust.globex'));
    const res = await ana.post('/api/tickets', {
      accountId: acmeId, contactId: globexTicket.contact.id, channel: 'email', subject: uniqueSubject(), description: 'd', priority: 'P3', category: 'Other',
    });
    assert.equal(res.status, 400);
    assert.match(res.body.fields.contactId, /does not belong/);
    assert.equal(globexTicket.account.id, globexId);
  });

  test('portal: empty subject and oversized description are named, nothing created', async () => {
    const before = await countTickets();
    const res = await acme.post('/api/portal/tickets', { subject: '', description: 'q'.repeat(10_001), priority: 'P2', category: 'Billing' });
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body.fields).sort(), ['description', 'subject']);
    assert.equal(await countTickets(), before);
  });

  test('a reply needs a body', async () => {
    const t = await staffTicket(ana, { accountId: acmeId });
    await ana.post(`/api/tickets/${t.id}/take`);
    const res = await ana.post(`/api/tickets/${t.id}/replies`, { body: ' ' });
    assert.equal(res.status, 400);
    assert.ok(res.body.fields.body);
  });
});

describe('Working a ticket', () => {
  test('take → reply → internal note → pending customer → open → resolve, each audited with its actor', async () => {
    const t = await staffTicket(ana, { accountId: acmeId, priority: 'P2' });
    const taken = await ana.post(`/api/tickets/${t.id}/take`);
    assert.equal(taken.body.status, 'Open');
    assert.equal(taken.body.assignee.name, 'Ana Souza');

    const replied = await ana.post(`/api/tickets/${t.id}/replies`, { body: 'Could you send the log file?' });
    assert.equal(replied.body.sla.firstResponse.state, 'met');
    assert.equal(replied.body.sla.firstResponse.stoppedAt, replied.body.messages[0].createdAt);

    const noted = await ana.post(`/api/tickets/${t.id}/notes`, { body: 'Probably the firmware bug #77' });
    assert.deepEqual(noted.body.messages.map((m: { kind: string }) => m.kind), ['public', 'internal']);

    assert.equal((await ana.post(`/api/tickets/${t.id}/pending`)).body.status, 'Pending customer');
    assert.equal((await ana.post(`/api/tickets/${t.id}/resume`)).body.status, 'Open');
    const resolved = await ana.post(`/api/tickets/${t.id}/resolve`, { resolutionCode: 'Workaround' });
    assert.equal(resolved.body.status, 'Resolved');
    assert.equal(resolved.body.resolutionCode, 'Workaround');
    assert.equal(resolved.body.sla.resolution.state, 'met');

    const rows = await auditRows(admin, `object=ticket&recordId=${t.id}&sort=at&dir=asc`);
    const steps = rows.map((r) => `${r.actor}:${r.action}`);
    assert.deepEqual(steps, [
      'agent.ana:create', 'agent.ana:update', 'agent.ana:reply', 'agent.ana:internal_note',
      'agent.ana:update', 'agent.ana:update', 'agent.ana:update',
    ]);
    assert.match(rows[6]?.summary ?? '', /resolved \(Workaround\)/);
  });

  test('resolving needs a resolution code from the list', async () => {
    const t = await staffTicket(ana, { accountId: acmeId });
    await ana.post(`/api/tickets/${t.id}/take`);
    const res = await ana.post(`/api/tickets/${t.id}/resolve`, { resolutionCode: 'Magic' });
    assert.equal(res.status, 400);
    assert.match(res.body.fields.resolutionCode, /Fixed, Workaround, Duplicate, No fault found/);
  });

  test('refused transitions answer 409 with a clear message and change nothing', async () => {
    const t = await staffTicket(ana, { accountId: acmeId });
    const pending = await ana.post(`/api/tickets/${t.id}/pending`);
    // An agent cannot work on a queue ticket before taking it; the manager can, and is refused by the table.
    assert.equal(pending.status, 403);
    const mgrPending = await kim.post(`/api/tickets/${t.id}/pending`);
    assert.equal(mgrPending.status, 409);
    assert.match(mgrPending.body.message, /not allowed while the ticket is New/);
    const resolveNew = await kim.post(`/api/tickets/${t.id}/resolve`, { resolutionCode: 'Fixed' });
    assert.equal(resolveNew.status, 409);
    const toClosed = await kim.post(`/api/tickets/${t.id}/status`, { status: 'Closed' });
    assert.equal(toClosed.status, 409);
    assert.match(toClosed.body.message, /cannot go from New to Closed.*only the customer/);
    assert.equal((await kim.get(`/api/tickets/${t.id}`)).body.status, 'New');
  });

  test('take twice: the second taker is told it is assigned', async () => {
    const t = await staffTicket(ana, { accountId: acmeId });
    await kim.post(`/api/tickets/${t.id}/take`);
    const again = await kim.post(`/api/tickets/${t.id}/take`);
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already assigned/);
  });

  test('the status endpoint follows the same table (Pending customer, Open, Resolved with code)', async () => {
    const t = await staffTicket(ana, { accountId: acmeId });
    await ana.post(`/api/tickets/${t.id}/take`);
    assert.equal((await ana.post(`/api/tickets/${t.id}/status`, { status: 'Pending customer' })).body.status, 'Pending customer');
    assert.equal((await ana.post(`/api/tickets/${t.id}/status`, { status: 'Open' })).body.status, 'Open');
    const noCode = await ana.post(`/api/tickets/${t.id}/status`, { status: 'Resolved' });
    assert.equal(noCode.status, 400);
    const ok = await ana.post(`/api/tickets/${t.id}/status`, { status: 'Resolved', resolutionCode: 'Duplicate' });
    assert.equal(ok.body.status, 'Resolved');
    const escalate = await ana.post(`/api/tickets/${t.id}/status`, { status: 'Escalated' });
    assert.equal(escalate.status, 409);
  });

  test('no replies or notes on a closed ticket', async () => {
    const t = await portalTicket(acme);
    await ana.post(`/api/tickets/${t.id}/take`);
    await ana.post(`/api/tickets/${t.id}/resolve`, { resolutionCode: 'Fixed' });
    assert.equal((await acme.post(`/api/portal/tickets/${t.id}/confirm`)).body.status, 'Closed');
    const res = await ana.post(`/api/tickets/${t.id}/replies`, { body: 'one more thing' });
    assert.equal(res.status, 409);
    assert.match(res.body.message, /Closed/);
  });

  test('list filters: status, priority, assignee, search', async () => {
    const subject = uniqueSubject('Filterable');
    const p1 = await staffTicket(ana, { accountId: acmeId, priority: 'P1', subject: `${subject} one` });
    const p4 = await staffTicket(ana, { accountId: acmeId, priority: 'P4', subject: `${subject} two` });
    await ana.post(`/api/tickets/${p4.id}/take`);
    const q = `q=${encodeURIComponent(subject)}`;
    const ids = async (query: string) => ((await kim.get(`/api/tickets?${q}&${query}`)).body.items as { id: number }[]).map((t) => t.id);
    assert.deepEqual(await ids('priority=P1'), [p1.id]);
    assert.deepEqual(await ids('status=Open'), [p4.id]);
    assert.deepEqual(await ids('assignee=unassigned'), [p1.id]);
    assert.deepEqual((await ids('status=unresolved')).sort(), [p1.id, p4.id].sort());
    const anaId = (await ana.get('/api/session')).body.user.id;
    assert.deepEqual(await ids(`assignee=${anaId}`), [p4.id]);
    assert.deepEqual(await ids('sort=number&dir=asc'), [p1.id, p4.id]);
    const bad = await kim.get('/api/tickets?status=Lost');
    assert.equal(bad.status, 400);
  });
});

test('time moved for one request does not change what another request sees', async () => {
  const t = await staffTicket(ana, { accountId: acmeId, priority: 'P1' });
  const later = await kim.withClockOffset(2 * HOUR).get(`/api/tickets/${t.id}`);
  assert.equal(later.body.status, 'Escalated');
  const now = await kim.get(`/api/tickets/${t.id}`);
  assert.equal(now.body.status, 'New');
  assert.equal(now.body.sla.firstResponse.breached, false);
});
