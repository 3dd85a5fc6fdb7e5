/**
 * The service desk's defect switches (core/faults.ts): each scenario runs on a clean CRM and on one
 * with the switch on, and the documented behaviour must hold on the first and break on the second.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FaultName } from '../src/core/faults.js';
import { startCrm, type TestCrm } from './harness.js';
import { DAY, DOCUMENTED_SLA, HOUR, MINUTE, ms, notificationsAbout, portalTicket, resolveAs, uniqueSubject } from './service-helpers.js';

const SERVICE_FAULTS: FaultName[] = ['ticket-reopen-after-window', 'internal-note-in-portal', 'sla-pause-ignored', 'sla-breach-not-flagged', 'ticket-subject-unvalidated'];

let clean: TestCrm;
let faulty: TestCrm;

before(async () => {
  [clean, faulty] = await Promise.all([startCrm({ testMode: true }), startCrm({ testMode: true, faults: SERVICE_FAULTS })]);
});
after(async () => {
  await Promise.all([clean.close(), faulty.close()]);
});

async function actors(crm: TestCrm) {
  const [ana, kim, acme] = await Promise.all(['agent.ana', 'supmgr.kim', 'cust.acme'].map((u) => crm.login(u)));
  return { ana: ana!, kim: kim!, acme: acme! };
}

describe('ticket-reopen-after-window', () => {
  async function reopenAfterEightDays(crm: TestCrm) {
    const { ana, acme } = await actors(crm);
    const t = await portalTicket(acme);
    await resolveAs(ana, t.id);
    return acme.withClockOffset(8 * DAY).post(`/api/portal/tickets/${t.id}/reopen`);
  }

  test('clean: refused after 7 days; with the switch: reopened', async () => {
    const ok = await reopenAfterEightDays(clean);
    assert.equal(ok.status, 409);
    const broken = await reopenAfterEightDays(faulty);
    assert.equal(broken.status, 200);
    assert.equal(broken.body.status, 'Reopened');
  });
});

describe('internal-note-in-portal', () => {
  async function portalMessages(crm: TestCrm) {
    const { ana, acme } = await actors(crm);
    const t = await portalTicket(acme);
    const note = `note ${uniqueSubject()}`;
    await ana.post(`/api/tickets/${t.id}/take`);
    await ana.post(`/api/tickets/${t.id}/notes`, { body: note });
    const api = await acme.get(`/api/portal/tickets/${t.id}`);
    const page = await acme.get(`/portal/tickets/${t.id}`);
    return { note, api, page };
  }

  test('clean: the customer never sees the note; with the switch: it shows in the portal API and page', async () => {
    const ok = await portalMessages(clean);
    assert.ok(!ok.api.text.includes(ok.note));
    assert.ok(!ok.page.text.includes(ok.note));
    const broken = await portalMessages(faulty);
    assert.ok(broken.api.body.messages.some((m: { kind: string; body: string }) => m.kind === 'internal' && m.body === broken.note));
    assert.ok(broken.page.text.includes(broken.note));
  });
});

describe('sla-pause-ignored', () => {
  async function pausedFor20Hours(crm: TestCrm) {
    const { ana, acme } = await actors(crm);
    const t = await portalTicket(acme, { priority: 'P2' });
    await ana.post(`/api/tickets/${t.id}/take`);
    await ana.post(`/api/tickets/${t.id}/replies`, { body: 'Please send a photo' });
    await ana.withClockOffset(HOUR).post(`/api/tickets/${t.id}/pending`);
    const during = await ana.withClockOffset(21 * HOUR).get(`/api/tickets/${t.id}`);
    await acme.withClockOffset(21 * HOUR).post(`/api/portal/tickets/${t.id}/replies`, { body: 'Photo attached' });
    const afterwards = await ana.withClockOffset(26 * HOUR).get(`/api/tickets/${t.id}`);
    return { created: ms(t.createdAt), during: during.body, afterwards: afterwards.body };
  }

  test('clean: the pause shifts the resolution due time; with the switch: the P2 breaches at 24 h regardless', async () => {
    const ok = await pausedFor20Hours(clean);
    assert.equal(ok.during.sla.resolution.state, 'paused');
    assert.equal(ok.afterwards.sla.resolution.breached, false);
    assert.ok(ms(ok.afterwards.sla.resolution.dueAt) > ok.created + DOCUMENTED_SLA.P2.resolution + 19 * HOUR);

    const broken = await pausedFor20Hours(faulty);
    assert.equal(broken.during.sla.resolution.state, 'running');
    assert.equal(ms(broken.afterwards.sla.resolution.dueAt), broken.created + DOCUMENTED_SLA.P2.resolution);
    assert.equal(broken.afterwards.sla.resolution.breached, true);
  });
});

describe('sla-breach-not-flagged', () => {
  async function unansweredP1(crm: TestCrm) {
    const { kim, acme } = await actors(crm);
    const t = await portalTicket(acme, { priority: 'P1' });
    const late = kim.withClockOffset(HOUR + 5 * MINUTE);
    const view = await late.get(`/api/tickets/${t.id}`);
    const board = await late.get('/api/tickets/sla-board');
    const notes = await notificationsAbout(late, t.number);
    return { id: t.id, view: view.body, board: board.body, notes };
  }

  test('clean: breach flagged, P1 escalated, manager notified, on the board; with the switch: none of it', async () => {
    const ok = await unansweredP1(clean);
    assert.equal(ok.view.sla.firstResponse.breached, true);
    assert.equal(ok.view.status, 'Escalated');
    assert.equal(ok.notes.length, 1);
    assert.ok(ok.board.breaches.some((b: { id: number }) => b.id === ok.id));

    const broken = await unansweredP1(faulty);
    assert.equal(broken.view.sla.firstResponse.breached, false);
    assert.equal(broken.view.status, 'New');
    assert.equal(broken.notes.length, 0);
    assert.ok(!broken.board.breaches.some((b: { id: number }) => b.id === broken.id));
  });
});

describe('ticket-subject-unvalidated', () => {
  async function badSubjects(crm: TestCrm) {
    const { acme } = await actors(crm);
    const ticket = (subject: string) => acme.post('/api/portal/tickets', { subject, description: 'The label printer jams.', priority: 'P3', category: 'Technical' });
    return { blank: await ticket('    '), long: await ticket(`${uniqueSubject('Long')} ${'单'.repeat(200)}`) };
  }

  test('clean: a subject of spaces only or over 200 characters is refused by field; with the switch: both pass the rules and fail in the database', async () => {
    const ok = await badSubjects(clean);
    assert.equal(ok.blank.status, 400);
    assert.equal(ok.blank.body.fields.subject, 'Enter a subject');
    assert.equal(ok.long.status, 400);
    assert.equal(ok.long.body.fields.subject, 'Subject must be at most 200 characters');

    const broken = await badSubjects(faulty);
    assert.deepEqual([broken.blank.status, broken.long.status], [500, 500]);
    assert.equal(broken.blank.body.fields, undefined, 'no field is named');
  });
});
