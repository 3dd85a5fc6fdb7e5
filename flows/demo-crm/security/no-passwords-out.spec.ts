import { env } from '../../../fixtures/env.js';
import { createThrowawayUser, rawRequest, signInRaw } from '../../../profiles/demo-crm/security/raw-http.js';
import { servedRoutes } from '../../../profiles/demo-crm/security/route-list.js';
import { readablePaths, secretLeaks } from '../../../profiles/demo-crm/security/secret-scan.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Passwords never leave the CRM', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Secrets', story: 'No password or hash in any answer', severity: 'blocker', owner: 'qa-security', tags: ['security', 'secrets'] });
    await criteria('AC-SEC-03');
  });

  test('no page, API answer, export or audit entry holds a password or its hash, after a user is created and a password reset', async ({ admin, data }) => {
    const user = await createThrowawayUser(admin, { role: 'admin', tag: data.tag });
    const session = await signInRaw(user.username, user.password);
    const resetTo = `${user.password}-reset`;
    expect((await rawRequest(session, 'PATCH', `/api/users/${user.id}`, { token: true, json: { password: resetTo } })).status, 'password reset').toBe(200);
    const secrets = [user.password, resetTo, ...Object.values(env.roles).map((r) => r.password).filter(Boolean)];

    const paths = readablePaths(await servedRoutes(), user.id, ['/export/accounts.csv', '/export/contacts.csv', `/api/audit?actor=${user.username}`, `/audit?actor=${encodeURIComponent(user.username)}`, `/api/users?q=${user.username}`]);

    const leaks = await test.step(`reads all ${paths.length} GET paths the CRM serves, as an admin, exports included`, () => secretLeaks(session, paths, secrets));

    const reads = { paths };
    await test.info().attach('paths read', { body: reads.paths.join('\n'), contentType: 'text/plain' });

    await rawRequest(session, 'POST', '/api/auth/logout', { token: true });
    expect(reads.paths.length, 'paths read').toBeGreaterThan(80);
    await recordCount('AC-SEC-03', leaks.length, 'answers holding a password or its hash', `${reads.paths.length} GET paths read as an admin`);
    expect(leaks, 'answers that give a password away').toEqual([]);
  });
});
