import { randomBytes } from 'node:crypto';
import { acceptedPasswords, refusedPasswords } from '../../../profiles/demo-crm/security/password-cases.js';
import { resetPassword, signInOutcome } from '../../../profiles/demo-crm/security/raw-http.js';
import { UsersAdminPage } from '../../../profiles/demo-crm/security/users-admin-page.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Security policy: passwords', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Security policy', story: 'Passwords nobody guesses first', severity: 'critical', owner: 'qa-security', tags: ['security', 'passwords'] });
    await criteria('AC-SEC-13');
  });

  // The passwords of this test are typed into the New user form on purpose (the form is what is
  // tested): they belong to auditors made for the test, who can read and change nothing.
  test('the admin cannot give a new user a password the policy refuses, nor reset one to it; each refusal names its rule and changes nothing', async ({ admin, data }) => {
    const stem = `pw${randomBytes(3).toString('hex')}`;
    const newUser = (suffix: string, password: string) => ({ username: `${stem}.${suffix}`, displayName: `${data.tag} ${stem}.${suffix}`, email: `${stem}.${suffix}@example.test`, role: 'auditor', password });
    const users = admin.at(UsersAdminPage);
    await users.open();

    const refused = refusedPasswords(`${stem}.refused`);
    for (const c of refused) {
      await admin.step(`gives a new user ${c.case} as password, and is told "${c.message}" on the password field alone`, async () => {
        await users.createUser(newUser('refused', c.password));
        expect(await users.newUser.fieldErrors()).toEqual({ 'Initial password': c.message });
      });
    }
    const listed = async () => ((await admin.api.get('/api/users', { q: stem })) as { items: { id: number; username: string }[] }).items;
    expect(await listed(), 'no user was created by a refused password').toEqual([]);

    const accepted = acceptedPasswords();
    for (const [i, c] of accepted.entries()) {
      const u = newUser(`ok${i}`, c.password);
      await admin.step(`gives ${u.username} ${c.case} as password: the user is created, active`, async () => {
        await users.createUser(u);
        expect(await users.toast.message()).toBe('User created');
        await users.open(u.username);
        await expect(users.statusOf(u.username)).toHaveText('Active');
      });
      expect(await signInOutcome(u.username, c.password), `${u.username} signs in with ${c.case}`).toBe('signed in');
    }

    const target = { ...(await listed()).find((u) => u.username === `${stem}.ok0`), password: accepted[0]?.password ?? '' };
    expect(target.id, `${stem}.ok0 is listed`).toBeDefined();
    const refusedResets = refusedPasswords(target.username ?? '');

    const resets = await test.step(`Admin resets ${target.username}'s password to each refused one (over HTTP)`, async () => {
      const answers: { case: string; status: number; message: unknown }[] = [];
      for (const c of refusedResets) {
        const answer = await resetPassword(admin, target.id ?? 0, c.password);
        answers.push({ case: c.case, status: answer.status, message: (answer.body as { fields?: { password?: string } }).fields?.password });
      }
      return answers;
    });

    await recordCount('AC-SEC-13', resets.filter((r) => r.status !== 400).length, 'passwords accepted against the policy', `${refused.length} refused passwords on the New user form (none created) and by a reset, ${accepted.length} accepted`);
    expect(resets, 'each reset refused with the rule it breaks').toEqual(refusedResets.map((c) => ({ case: c.case, status: 400, message: c.message })));
    expect(await signInOutcome(target.username ?? '', target.password), 'the password before the refused resets still signs in').toBe('signed in');
  });
});
