import type { Database } from 'better-sqlite3';
import { hashPassword } from '../../core/auth.js';
import type { AppContext } from '../../core/module.js';
import { seedPasswordHashes } from '../../core/seed-passwords.js';
import type { Role } from '../../core/permissions.js';

export interface SeedUser {
  username: string;
  displayName: string;
  role: Role;
  team: 'sales' | 'support' | null;
  password: string;
  manager?: string;
}

/** Staff accounts of a fresh database. Passwords are documented in .env.example for the framework. */
export const STAFF: readonly SeedUser[] = [
  { username: 'admin', displayName: 'Ada Admin', role: 'admin', team: null, password: 'Admin#Flows2026' },
  { username: 'mgr.zhang', displayName: 'Zhang Min', role: 'sales_manager', team: 'sales', password: 'MgrZhang#Flows2026' },
  { username: 'rep.li', displayName: 'Li Wei', role: 'sales_rep', team: 'sales', password: 'RepLi#Flows2026', manager: 'mgr.zhang' },
  { username: 'rep.sam', displayName: 'Sam Carter', role: 'sales_rep', team: 'sales', password: 'RepSam#Flows2026', manager: 'mgr.zhang' },
  { username: 'fin.omar', displayName: 'Omar Haddad', role: 'finance', team: null, password: 'FinOmar#Flows2026' },
  { username: 'supmgr.kim', displayName: 'Kim Park', role: 'support_manager', team: 'support', password: 'SupKim#Flows2026' },
  { username: 'agent.ana', displayName: 'Ana Souza', role: 'support_agent', team: 'support', password: 'AgentAna#Flows2026', manager: 'supmgr.kim' },
  { username: 'agent.ben', displayName: 'Ben Okafor', role: 'support_agent', team: 'support', password: 'AgentBen#Flows2026', manager: 'supmgr.kim' },
  { username: 'auditor.eve', displayName: 'Eve Moreau', role: 'auditor', team: null, password: 'AuditEve#Flows2026' },
];

/** Portal users are seeded by the service module; their passwords are listed here for the test harness. */
export const SEEDED_PASSWORDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(STAFF.map((u) => [u.username, u.password])),
  'cust.acme': 'CustAcme#Flows2026',
  'cust.globex': 'CustGlobex#Flows2026',
};

export function insertUser(
  db: Database,
  u: { username: string; displayName: string; role: Role; team: 'sales' | 'support' | null; managerId?: number | null; accountId?: number | null; contactId?: number | null; email?: string } & ({ password: string } | { passwordHash: string }),
): number {
  const info = db
    .prepare(
      `INSERT INTO users (username, display_name, email, role, team, manager_id, account_id, contact_id, password_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    )
    .run(
      u.username.toLowerCase(), u.displayName, u.email ?? `${u.username}@demo-crm.test`, u.role, u.team,
      u.managerId ?? null, u.accountId ?? null, u.contactId ?? null, 'passwordHash' in u ? u.passwordHash : hashPassword(u.password), new Date().toISOString(),
    );
  return Number(info.lastInsertRowid);
}

/** Every seed user's stored password hash (src/core/seed-passwords.ts). */
export function seedUserPasswordHashes(ctx: AppContext): Record<string, string> {
  return seedPasswordHashes(ctx.config.seedHashFile, SEEDED_PASSWORDS);
}

export function seedStaff(ctx: AppContext): void {
  const ids = new Map<string, number>();
  const hashes = seedUserPasswordHashes(ctx);
  for (const { password: _published, ...u } of STAFF) {
    const managerId = u.manager ? ids.get(u.manager) ?? null : null;
    ids.set(u.username, insertUser(ctx.db, { ...u, managerId, passwordHash: hashes[u.username]! }));
  }
}
