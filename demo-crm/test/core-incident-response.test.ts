/**
 * Incident response (README, "Incident response"): the admin's Sign out everywhere and a password reset
 * end the user's sessions at once, the audit log counts them and shows where each sign-in came from —
 * and the two defect switches that leave sessions alive.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { html } from './backup-support.js';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { expectStatus } from './sales-crm-fixtures.js';

const PASSWORD = 'Incident#Resp-2026';

/** A new sales rep and `n` sessions of theirs (n sign-ins, as from n devices). */
async function userWithSessions(crm: TestCrm, admin: ApiClient, username: string, n: number): Promise<{ id: number; sessions: ApiClient[] }> {
  const created = await admin.post('/api/users', { username, displayName: username, email: `${username}@x.example`, role: 'sales_rep', team: 'sales', password: PASSWORD });
  expectStatus(created, 201);
  const sessions: ApiClient[] = [];
  for (let i = 0; i < n; i++) sessions.push(await crm.login(username, PASSWORD));
  return { id: created.body.id as number, sessions };
}

const statuses = async (sessions: ApiClient[]): Promise<number[]> => Promise.all(sessions.map(async (s) => (await s.get('/api/session')).status));
const summaries = async (admin: ApiClient, id: number, action: string): Promise<string[]> =>
  ((await admin.get(`/api/audit?object=user&recordId=${id}&action=${action}`)).body.items as { summary: string }[]).map((e) => e.summary);

describe('incident response', () => {
  let plain: TestCrm;
  let faulty: TestCrm;
  before(async () => {
    [plain, faulty] = await Promise.all([startCrm(), startCrm({ faults: ['sign-out-everywhere-ends-one', 'password-reset-keeps-sessions'] })]);
  });
  after(async () => { await Promise.all([plain.close(), faulty.close()]); });

  test('Sign out everywhere ends every session of the user and no one else\'s; sign-out-everywhere-ends-one ends only the newest', async () => {
    for (const [crm, expected] of [[plain, [401, 401, 401]], [faulty, [200, 200, 401]]] as const) {
      const admin = await crm.login('admin');
      const { id, sessions } = await userWithSessions(crm, admin, 'ir.signout', 3);
      const { sessions: [bystander] } = await userWithSessions(crm, admin, 'ir.bystander', 1);
      const answer = await admin.post(`/api/users/${id}/sign-out`);
      expectStatus(answer, 200);
      const ended = expected.filter((s) => s === 401).length;
      assert.deepEqual(answer.body, { ended });
      assert.deepEqual(await statuses(sessions), expected);
      assert.deepEqual(await statuses([bystander!, admin]), [200, 200], 'other users stay signed in');
      assert.deepEqual(await summaries(admin, id, 'sessions_ended'), [`signed out everywhere: ${ended} session${ended === 1 ? '' : 's'} ended`]);
    }
  });

  test('a password reset ends the sessions begun with the old password, which is refused; password-reset-keeps-sessions leaves them signed in', async () => {
    for (const [crm, expected, ended] of [[plain, [401, 401], '2 sessions'], [faulty, [200, 200], '0 sessions']] as const) {
      const admin = await crm.login('admin');
      const { id, sessions } = await userWithSessions(crm, admin, 'ir.reset', 2);
      expectStatus(await admin.patch(`/api/users/${id}`, { password: 'Incident#New-2026' }), 200);
      assert.deepEqual(await statuses(sessions), expected);
      await assert.rejects(crm.login('ir.reset', PASSWORD), /login ir.reset failed: 401/);
      assert.equal((await statuses([await crm.login('ir.reset', 'Incident#New-2026')]))[0], 200);
      assert.deepEqual(await summaries(admin, id, 'update'), [`password reset; ${ended} ended`]);
    }
  });

  test('an admin who resets their own password stays signed in where they did it', async () => {
    const admin = await plain.login('admin');
    const created = await admin.post('/api/users', { username: 'ir.admin2', displayName: 'Second Admin', email: 'ir.admin2@x.example', role: 'admin', password: PASSWORD });
    expectStatus(created, 201);
    const [me, other] = [await plain.login('ir.admin2', PASSWORD), await plain.login('ir.admin2', PASSWORD)];
    expectStatus(await me.patch(`/api/users/${created.body.id}`, { password: 'Own-Reset#2026x' }), 200);
    assert.deepEqual(await statuses([me!, other!]), [200, 401]);
  });

  test('the Users screen offers Sign out everywhere to the admin only, for every user but themselves; the audit log shows where each request came from', async () => {
    const admin = await plain.login('admin');
    const users = await html(admin, '/admin/users?q=rep.li');
    assert.match(users.text, /Sign out rep\.li everywhere/);
    assert.doesNotMatch((await html(admin, '/admin/users?q=admin')).text, /Sign out admin everywhere/);
    const auditor = await plain.login('auditor.eve');
    assert.doesNotMatch((await html(auditor, '/admin/users?q=rep.li')).text, /Sign out/);
    expectStatus(await auditor.post('/api/users/1/sign-out'), 403);
    const log = (await html(admin, '/audit?actor=admin&action=login')).text;
    assert.match(log, /<th[^>]*>From<\/th>/);
    assert.match(log, /<td>(::ffff:)?127\.0\.0\.1<\/td>/);
  });
});
