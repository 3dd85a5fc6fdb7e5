/**
 * Who may do what: role × object × action → scope. This table is the single source of truth on the
 * server; every route asks it (hiding a button is never the check). Documented in demo-crm/README.md.
 */
export const ROLES = [
  'admin',
  'sales_rep',
  'sales_manager',
  'finance',
  'support_agent',
  'support_manager',
  'auditor',
  'customer',
] as const;
export type Role = (typeof ROLES)[number];

export const OBJECTS = [
  'lead', 'account', 'contact', 'opportunity', 'quote', 'approval', 'order', 'invoice', 'payment',
  'ticket', 'internal_note', 'product', 'user', 'audit_log', 'import', 'dashboard', 'backup',
] as const;
export type PermissionObject = (typeof OBJECTS)[number];

export const ACTIONS = ['list', 'view', 'create', 'edit', 'delete', 'approve', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * any: every record; team: records owned by anyone in the user's team; own: records the user owns;
 * account: records of the customer's own account (portal); none: denied.
 */
export type Scope = 'any' | 'team' | 'own' | 'account' | 'none';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  team: 'sales' | 'support' | null;
  /** customer portal users: the account they belong to */
  accountId: number | null;
  contactId: number | null;
}

type Row = Partial<Record<Action, Scope>>;
type RoleTable = Partial<Record<PermissionObject, Row>>;

const read = (scope: Scope): Row => ({ list: scope, view: scope });
const readExport = (scope: Scope): Row => ({ list: scope, view: scope, export: scope });
const crud = (scope: Scope, extra: Row = {}): Row => ({
  list: scope, view: scope, create: scope, edit: scope, export: scope, ...extra,
});

const everything = (scope: Scope): RoleTable =>
  Object.fromEntries(OBJECTS.map((o) => [o, Object.fromEntries(ACTIONS.map((a) => [a, scope]))]));

/** Admin may do everything except record payments: only finance moves money (segregation of duties). */
const adminTable = (): RoleTable => {
  const table = everything('any');
  return { ...table, payment: { ...table.payment, create: 'none' } };
};

/** The auditor reads and exports everything but backups: a backup holds every record and every password hash. */
const auditorTable = (): RoleTable =>
  Object.fromEntries(OBJECTS.filter((o) => o !== 'backup').map((o) => [o, readExport('any')]));

export const MATRIX: Record<Role, RoleTable> = {
  admin: adminTable(),
  sales_rep: {
    lead: crud('own', { delete: 'own' }),
    account: crud('own'),
    contact: crud('own'),
    opportunity: crud('own'),
    quote: crud('own'),
    order: read('own'),
    invoice: read('own'),
    payment: read('own'),
    product: read('any'),
    dashboard: { view: 'own' },
  },
  sales_manager: {
    lead: crud('team', { delete: 'team' }),
    account: crud('team'),
    contact: crud('team'),
    opportunity: crud('team'),
    quote: crud('team'),
    approval: { list: 'team', view: 'team', approve: 'team' },
    order: read('team'),
    invoice: read('team'),
    payment: read('team'),
    product: read('any'),
    import: { list: 'team', view: 'team', create: 'team' },
    dashboard: { view: 'team' },
  },
  finance: {
    account: read('any'),
    contact: read('any'),
    opportunity: read('any'),
    quote: read('any'),
    order: { list: 'any', view: 'any', edit: 'any', export: 'any' },
    invoice: crud('any'),
    payment: { list: 'any', view: 'any', create: 'any', export: 'any' },
    product: read('any'),
    dashboard: { view: 'any' },
  },
  support_agent: {
    account: read('any'),
    contact: read('any'),
    ticket: { list: 'own', view: 'own', create: 'any', edit: 'own' },
    internal_note: { list: 'own', view: 'own', create: 'own' },
    product: read('any'),
    dashboard: { view: 'own' },
  },
  support_manager: {
    account: read('any'),
    contact: read('any'),
    ticket: { list: 'team', view: 'team', create: 'team', edit: 'team', approve: 'team', export: 'team' },
    internal_note: { list: 'team', view: 'team', create: 'team' },
    product: read('any'),
    dashboard: { view: 'team' },
  },
  auditor: auditorTable(),
  customer: {
    ticket: { list: 'account', view: 'account', create: 'account', edit: 'account' },
  },
};

export function scopeOf(user: SessionUser, object: PermissionObject, action: Action): Scope {
  return MATRIX[user.role][object]?.[action] ?? 'none';
}

export function can(user: SessionUser, object: PermissionObject, action: Action): boolean {
  return scopeOf(user, object, action) !== 'none';
}

/** The ownership facts of one record, as far as the object has them. */
export interface RecordOwnership {
  ownerId?: number | null;
  ownerTeam?: string | null;
  accountId?: number | null;
}

export function canAccessRecord(
  user: SessionUser,
  object: PermissionObject,
  action: Action,
  record: RecordOwnership,
): boolean {
  switch (scopeOf(user, object, action)) {
    case 'any':
      return true;
    case 'team':
      return record.ownerTeam != null && record.ownerTeam === user.team;
    case 'own':
      return record.ownerId != null && record.ownerId === user.id;
    case 'account':
      return record.accountId != null && record.accountId === user.accountId;
    case 'none':
      return false;
  }
}

/**
 * SQL condition limiting a list query to what the user may see.
 * `ownerColumn` must hold a users.id; `accountColumn` an accounts.id (portal scope).
 */
export function scopeSql(
  user: SessionUser,
  object: PermissionObject,
  action: Action,
  cols: { owner?: string; account?: string },
): { sql: string; params: unknown[] } {
  const scope = scopeOf(user, object, action);
  switch (scope) {
    case 'any':
      return { sql: '1=1', params: [] };
    case 'team':
      if (!cols.owner) return { sql: '0=1', params: [] };
      return { sql: `${cols.owner} IN (SELECT id FROM users WHERE team = ?)`, params: [user.team] };
    case 'own':
      if (!cols.owner) return { sql: '0=1', params: [] };
      return { sql: `${cols.owner} = ?`, params: [user.id] };
    case 'account':
      if (!cols.account) return { sql: '0=1', params: [] };
      return { sql: `${cols.account} = ?`, params: [user.accountId] };
    case 'none':
      return { sql: '0=1', params: [] };
  }
}
