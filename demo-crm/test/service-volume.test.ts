import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedVolume } from '../src/modules/sales-crm/index.js';
import { seedTicketVolume } from '../src/modules/service/index.js';
import { startCrm, type TestCrm } from './harness.js';

/** The bulk tickets of `crm:seed --volume N` (docs/service.md §9) as each role's lists show them. */
describe('service: bulk tickets', () => {
  const N = 200;
  let crm: TestCrm;

  before(async () => {
    crm = await startCrm();
    const db = crm.server.app.crm.db;
    seedTicketVolume(db, seedVolume(db, N).customers);
  });
  after(async () => { await crm.close(); });

  const total = async (username: string, path: string) => (await (await crm.login(username)).get(path)).body.total as number;

  test('every tenth run waits New and unassigned in the queue, the rest is Closed history, none escalates', async () => {
    assert.equal(await total('supmgr.kim', '/api/tickets'), N);
    assert.equal(await total('supmgr.kim', '/api/tickets?view=queue'), N / 10);
    assert.equal(await total('supmgr.kim', '/api/tickets?status=Closed'), N - N / 10);
    assert.equal(await total('supmgr.kim', '/api/tickets?status=Escalated'), 0);
    const first = (await (await crm.login('supmgr.kim')).get('/api/tickets?q=TCK-000001')).body.items;
    assert.deepEqual(first.map((t: { number: string; status: string }) => [t.number, t.status]), [['TCK-000001', 'New']]);
  });

  test("an agent's reach is the queue and the closed tickets assigned to them; the portal customer sees runs 5, 25, 45, …", async () => {
    assert.equal(await total('agent.ana', '/api/tickets'), N / 10 + N / 2);
    assert.equal(await total('cust.acme', '/api/portal/tickets'), N / 20);
    assert.equal(await total('cust.globex', '/api/portal/tickets'), 0);
  });

  test('each bulk account has one contact and one open opportunity, split between the two reps', async () => {
    assert.equal(await total('rep.li', '/api/contacts?q=contact'), N / 2);
    assert.equal(await total('rep.sam', '/api/opportunities?stage=Closed%20Won'), 0);
    assert.equal(await total('mgr.zhang', '/api/opportunities'), N + 4);
  });
});
