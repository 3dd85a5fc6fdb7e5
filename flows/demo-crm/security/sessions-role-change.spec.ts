import { AppShell } from '../../../profiles/demo-crm/pages/app-shell.js';
import { rawRequest } from '../../../profiles/demo-crm/security/raw-http.js';
import { UsersAdminPage } from '../../../profiles/demo-crm/security/users-admin-page.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { auditNameOf, criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

interface AuditEntry { at: string; actor: string; action: string; summary: string | null; changes: Record<string, { from: unknown; to: unknown }> | null }

test.describe('Sessions: a role change', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Sessions', story: 'A session belongs to one sign-in and ends when it should', severity: 'blocker', owner: 'qa-security', tags: ['security', 'sessions', 'audit'] });
  });

  test('a sales manager the admin makes a sales rep loses the approvals at once, in the open browser and the API, and the audit log names the admin', async ({ admin, throwaway }) => {
    await criteria('AC-SEC-04', 'AC-SEC-06');
    const since = Date.now();
    const { user, session, page } = await throwaway.signedIn({ role: 'sales_manager', team: 'sales' });
    const shell = new AppShell(page);

    await test.step(`${user.username}, a sales manager, has the approval requests open`, async () => {
      expect(await shell.visit('/approvals'), 'the approvals inbox of a sales manager').toEqual({ outcome: 'allowed', status: 200 });
    });

    await admin.step(`changes ${user.username}'s role from sales manager to sales rep on the Users screen`, async () => {
      const users = admin.at(UsersAdminPage);
      await users.open(user.username);
      await users.changeRole(user.username, 'sales_rep');
      await expect(users.roleOf(user.username)).toHaveText('sales_rep');
    });

    await test.step(`${user.username}'s next load of the approvals is refused, in the browser and the API, while the session itself goes on`, async () => {
      expect(await shell.visit('/approvals'), 'the approvals page after the role change').toEqual({ outcome: 'denied', status: 403 });
      expect((await rawRequest(session, 'GET', '/api/approvals')).status, 'GET /api/approvals after the role change').toBe(403);
      expect((await rawRequest(session, 'GET', '/api/leads')).status, 'GET /api/leads, which a sales rep may').toBe(200);
    });

    const until = Date.now();
    await admin.step('finds the role change in the audit log, under their name, stamped within the test', async () => {
      const entries = ((await admin.api.get('/api/audit', { object: 'user', recordId: String(user.id), action: 'role_changed' })) as { items: AuditEntry[] }).items;
      expect(entries.map((e) => ({ actor: e.actor, summary: e.summary, changes: e.changes })), 'role changes of the user').toEqual([
        { actor: auditNameOf(admin), summary: 'role sales_manager → sales_rep', changes: { role: { from: 'sales_manager', to: 'sales_rep' } } },
      ]);
      const at = Date.parse(entries[0]!.at);
      expect(at >= since - 1_000 && at <= until + 1_000, `the change is stamped ${entries[0]!.at}, within the test (${new Date(since).toISOString()} – ${new Date(until).toISOString()})`).toBe(true);
    });

    await recordCount('AC-SEC-04', 0, 'session rules broken', 'a user whose role changed has the new rights at once');
    await recordCount('AC-SEC-06', 0, 'denials or sensitive changes missing from the audit log', 'a role change');
  });
});
