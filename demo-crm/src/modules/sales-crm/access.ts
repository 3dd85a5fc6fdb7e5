import type { FastifyRequest } from 'fastify';
import { authorize, authorizeRecord, deny } from '../../core/auth.js';
import { notFound, ValidationError } from '../../core/http.js';
import { can, canAccessRecord, type Action, type PermissionObject, type Role, type SessionUser } from '../../core/permissions.js';
import { MESSAGES } from './validation.js';

/** The ownership facts every sales record row carries (owner joined from users). */
export interface Owned {
  id: number;
  ownerId: number;
  ownerTeam: string | null;
}

/** Route ids: anything but a positive integer is simply "no such record". */
export function recordId(req: FastifyRequest): number {
  const raw = (req.params as { id?: string }).id ?? '';
  if (!/^[1-9]\d{0,15}$/.test(raw)) notFound('No such record');
  return Number(raw);
}

/**
 * Role check first (a role without the action gets 403 whether or not the record exists), then 404 for a
 * missing record, then the ownership check (403 + audit: a guessed id of someone else's record).
 */
export function loadAuthorized<T extends Owned>(
  req: FastifyRequest,
  object: PermissionObject,
  action: Action,
  id: number,
  load: (id: number) => T | undefined,
  o: { skipOwnership?: boolean } = {},
): T {
  authorize(req, object, action);
  const row = load(id);
  if (!row) notFound(`No such ${object.replace('_', ' ')}`);
  if (!o.skipOwnership) authorizeRecord(req, object, action, { ownerId: row.ownerId, ownerTeam: row.ownerTeam }, id);
  return row;
}

interface OwnerRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  team: 'sales' | 'support' | null;
  active: number;
}

function asSessionUser(u: OwnerRow): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, team: u.team, accountId: null, contactId: null };
}

/** Active users who could own a record of this object (their role may edit it). */
export function ownerCandidates(req: FastifyRequest, object: PermissionObject): OwnerRow[] {
  const rows = req.server.crm.db
    .prepare('SELECT id, username, display_name AS displayName, role, team, active FROM users WHERE active = 1 ORDER BY display_name')
    .all() as OwnerRow[];
  return rows.filter((u) => u.role !== 'customer' && can(asSessionUser(u), object, 'edit'));
}

/** Owners the current user may assign for `action` (a rep only themselves, a manager their team). */
export function assignableOwners(req: FastifyRequest, object: PermissionObject, action: 'create' | 'edit'): OwnerRow[] {
  const user = req.user;
  if (!user) return [];
  return ownerCandidates(req, object).filter((u) => canAccessRecord(user, object, action, { ownerId: u.id, ownerTeam: u.team }));
}

/**
 * The owner of a new or reassigned record: the requested one or the fallback. Unknown or inactive users
 * (or users whose role cannot own the object) are a field error; an owner outside the caller's scope is 403.
 */
export function resolveOwner(
  req: FastifyRequest,
  object: PermissionObject,
  action: 'create' | 'edit',
  requested: number | undefined,
  fallback: number,
  recordIdForAudit: number | string = 'new',
): number {
  const ownerId = requested ?? fallback;
  const owner = ownerCandidates(req, object).find((u) => u.id === ownerId);
  if (!owner) throw new ValidationError({ ownerId: `${MESSAGES.owner}: an active user who works on ${object}s` });
  const user = req.user;
  if (!user || !canAccessRecord(user, object, action, { ownerId: owner.id, ownerTeam: owner.team })) {
    deny(req, object, action, recordIdForAudit);
  }
  return owner.id;
}

/**
 * The owner column handed to scopeSql for a list, as `+column`: the unary + stops SQLite from driving
 * the query by the owner index. A rep or a team typically owns a large share of the rows, and driving by
 * owner means sorting every one of them for each page; with the + the planner walks the sort (or
 * prefix-search) index and stops after one page, treating ownership as a filter. The owner filter of
 * the list (`?owner=`) still uses the index.
 */
export function listOwnerColumn(column: string): string {
  return `+${column}`;
}
