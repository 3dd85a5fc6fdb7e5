/**
 * The password policy (README, "Password policy"): the same rules for a new user and a reset, each
 * refusal naming its rule on the password field and changing nothing — and the defect switch
 * password-policy-skipped-on-reset, under which a reset checks the length alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { passwordProblem } from '../src/core/password-policy.js';
import { startCrm, type TestCrm } from './harness.js';
import { expectStatus } from './sales-crm-fixtures.js';

const REFUSED: [string, string, string][] = [
  ['nine characters', 'Kp4#vX9qz', 'Use at least 10 characters'],
  ['the username, in other letter case', 'POLICY.USER-2026!', 'Do not use the username in the password'],
  ['one character repeated', 'zzzzzzzzzzzz', 'Do not repeat one character: choose a password that is harder to guess'],
  ['a most used password', 'Password123', 'This is one of the most used passwords: choose one that is harder to guess'],
];
const ACCEPTED = ['Kp4#vX9qzL', '我的密码很长而且很安全', 'correct horse battery staple on a quiet morning'];

describe('password policy', () => {
  let plain: TestCrm;
  let faulty: TestCrm;
  before(async () => {
    [plain, faulty] = await Promise.all([startCrm(), startCrm({ faults: ['password-policy-skipped-on-reset'] })]);
  });
  after(async () => { await Promise.all([plain.close(), faulty.close()]); });

  test('the rules, one message each; characters are counted, not bytes', () => {
    for (const [, password, message] of REFUSED) assert.equal(passwordProblem(password, 'policy.user'), message, password);
    for (const password of ACCEPTED) assert.equal(passwordProblem(password, 'policy.user'), undefined, password);
    assert.equal(passwordProblem('我的密码很长而且很', 'x.y'), 'Use at least 10 characters', 'nine Chinese characters are nine');
  });

  test('a new user: each refused password is named on the password field and creates nobody; each accepted one signs in', async () => {
    const admin = await plain.login('admin');
    const input = (username: string, password: string) => ({ username, displayName: username, email: `${username}@x.example`, role: 'auditor', password });
    for (const [what, password, message] of REFUSED) {
      const res = await admin.post('/api/users', input('policy.user', password));
      expectStatus(res, 400);
      assert.deepEqual(res.body.fields, { password: message }, what);
    }
    assert.equal((await admin.get('/api/users?q=policy.user')).body.total, 0);
    for (const [i, password] of ACCEPTED.entries()) {
      expectStatus(await admin.post('/api/users', input(`policy.ok${i}`, password)), 201);
      await plain.login(`policy.ok${i}`, password);
    }
  });

  test('a reset follows the same rules and keeps the old password when it refuses; password-policy-skipped-on-reset checks the length alone', async () => {
    for (const [crm, skipped] of [[plain, false], [faulty, true]] as const) {
      const admin = await crm.login('admin');
      const created = await admin.post('/api/users', { username: 'policy.user', displayName: 'P', email: 'p@x.example', role: 'auditor', password: 'Start#Pw-2026' });
      expectStatus(created, 201);
      const statuses: number[] = [];
      for (const [what, password, message] of REFUSED) {
        const res = await admin.patch(`/api/users/${created.body.id}`, { password });
        statuses.push(res.status);
        if (skipped) continue;
        assert.deepEqual(res.body.fields, { password: message }, what);
        await crm.login('policy.user', 'Start#Pw-2026');
      }
      assert.deepEqual(statuses, skipped ? [400, 200, 200, 200] : [400, 400, 400, 400]);
    }
  });
});
