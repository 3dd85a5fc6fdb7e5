import type { RoleSpec } from '../../fixtures/profile.js';

/**
 * The roles of the bundled CRM, as data: adding a role is one entry here (plus its seeded user in
 * demo-crm/). Defaults are the users the bundled CRM seeds, so a fresh clone runs without a .env;
 * ROLE_<ENV KEY>_USERNAME / _PASSWORD / _NAME override them.
 */
export const ROLES = [
  { key: 'admin', title: 'Admin', loginKind: 'staff', defaults: { username: 'admin', password: 'Admin#Flows2026', displayName: 'Ada Admin' } },
  { key: 'salesRep', title: 'Sales rep', loginKind: 'staff', defaults: { username: 'rep.li', password: 'RepLi#Flows2026', displayName: 'Li Wei' } },
  { key: 'salesRep2', title: 'Sales rep', loginKind: 'staff', defaults: { username: 'rep.sam', password: 'RepSam#Flows2026', displayName: 'Sam Carter' } },
  { key: 'salesManager', title: 'Sales manager', loginKind: 'staff', defaults: { username: 'mgr.zhang', password: 'MgrZhang#Flows2026', displayName: 'Zhang Min' } },
  { key: 'finance', title: 'Finance clerk', loginKind: 'staff', defaults: { username: 'fin.omar', password: 'FinOmar#Flows2026', displayName: 'Omar Haddad' } },
  { key: 'supportAgent', title: 'Support agent', loginKind: 'staff', defaults: { username: 'agent.ana', password: 'AgentAna#Flows2026', displayName: 'Ana Souza' } },
  { key: 'supportAgent2', title: 'Support agent', loginKind: 'staff', defaults: { username: 'agent.ben', password: 'AgentBen#Flows2026', displayName: 'Ben Okafor' } },
  { key: 'supportManager', title: 'Support manager', loginKind: 'staff', defaults: { username: 'supmgr.kim', password: 'SupKim#Flows2026', displayName: 'Kim Park' } },
  { key: 'auditor', title: 'Auditor', loginKind: 'staff', defaults: { username: 'auditor.eve', password: 'AuditEve#Flows2026', displayName: 'Eve Moreau' } },
  { key: 'customer', title: 'Customer', loginKind: 'portal', defaults: { username: 'cust.acme', password: 'CustAcme#Flows2026', displayName: 'Alice Chen' } },
  { key: 'customer2', title: 'Customer', loginKind: 'portal', defaults: { username: 'cust.globex', password: 'CustGlobex#Flows2026', displayName: 'Gus Patel' } },
] as const satisfies readonly RoleSpec[];

export type RoleKey = (typeof ROLES)[number]['key'];
export const ROLE_KEYS: readonly RoleKey[] = ROLES.map((r) => r.key);

export function isPortalRole(role: RoleKey): boolean {
  return ROLES.find((r) => r.key === role)?.loginKind === 'portal';
}
