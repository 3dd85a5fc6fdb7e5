import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, diffChanges } from '../../../core/audit.js';
import { authorize, deny } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import { parseInput, ValidationError } from '../../../core/http.js';
import { listParamsSchema, runList, type ListResult } from '../../../core/list.js';
import { canAccessRecord, scopeSql } from '../../../core/permissions.js';
import { listOwnerColumn, loadAuthorized, resolveOwner } from '../access.js';
import { accountFinancials } from '../extensions.js';
import { mergePatch } from '../patch.js';
import { prefixSearch } from '../search.js';
import { accountInputSchema, optionalId, MESSAGES } from '../validation.js';
import {
  ACCOUNT_AUDIT_KEYS, ACCOUNT_FROM, ACCOUNT_TABLE, ACCOUNT_SELECT, accountValuesOf, getAccount, insertAccount, updateAccountValues,
  type AccountRow, type AccountValues,
} from './account-store.js';

export const accountListQuery = listParamsSchema.extend({
  owner: optionalId(MESSAGES.owner),
});
export type AccountListQuery = z.output<typeof accountListQuery>;

export function listAccounts(req: FastifyRequest, query: unknown): { list: ListResult<AccountRow>; filters: AccountListQuery } {
  const user = authorize(req, 'account', 'list');
  const p = parseInput(accountListQuery, query);
  const scope = scopeSql(user, 'account', 'list', { owner: listOwnerColumn('a.owner_id') });
  const where = [scope.sql];
  const params = [...scope.params];
  if (p.owner) { where.push('a.owner_id = ?'); params.push(p.owner); }
  const q = p.q?.trim() ?? '';
  const list = runList<AccountRow>(req.server.crm.db, {
    select: ACCOUNT_SELECT, from: ACCOUNT_FROM, countFrom: ACCOUNT_TABLE, where, params, q,
    searchSql: q ? prefixSearch(q, ['a.name']) : undefined,
    sortColumns: { name: 'a.name', industry: 'a.industry', billingCountry: 'a.billing_country', createdAt: 'a.created_at' },
    sort: p.sort, dir: p.dir, defaultSort: 'name', page: p.page, pageSize: p.pageSize,
  });
  return { list, filters: p };
}

export interface AccountDetail extends AccountRow {
  /** cents, from the revenue module's registered function */
  lifetimeRevenue: number;
  openBalance: number;
}

export function viewAccount(req: FastifyRequest, id: number): AccountDetail {
  const row = loadAuthorized(req, 'account', 'view', id, (i) => getAccount(req.server.crm.db, i));
  const money = accountFinancials(req.server, id);
  return { ...row, lifetimeRevenue: money.lifetimeRevenueCents, openBalance: money.openBalanceCents };
}

/**
 * An account referenced by another record (contact, opportunity): it must exist (else a field error)
 * and the caller must be allowed to see it (else 403, audited like any guessed id).
 */
export function referencedAccount(req: FastifyRequest, accountId: number, field = 'accountId'): AccountRow {
  const row = getAccount(req.server.crm.db, accountId);
  if (!row) throw new ValidationError({ [field]: `${MESSAGES.account}: account ${accountId} does not exist` });
  const user = authorize(req, 'account', 'view');
  if (!canAccessRecord(user, 'account', 'view', { ownerId: row.ownerId, ownerTeam: row.ownerTeam })) {
    deny(req, 'account', 'view', accountId);
  }
  return row;
}

export function createAccount(req: FastifyRequest, body: unknown): AccountRow {
  const user = authorize(req, 'account', 'create');
  const { db } = req.server.crm;
  const input = parseInput(accountInputSchema, body);
  const values: AccountValues = { ...input, ownerId: resolveOwner(req, 'account', 'create', input.ownerId, user.id) };
  const id = db.transaction(() => {
    const newId = insertAccount(db, values, nowIso(req));
    audit(req, { action: 'create', object: 'account', recordId: newId, summary: `account ${values.name}`, changes: diffChanges({}, { ...values }) });
    return newId;
  })();
  return getAccount(db, id) as AccountRow;
}

export function updateAccount(req: FastifyRequest, id: number, body: unknown): AccountRow {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'account', 'edit', id, (i) => getAccount(db, i));
  const before = accountValuesOf(row);
  const input = parseInput(accountInputSchema, mergePatch(before, body, ACCOUNT_AUDIT_KEYS));
  const ownerId = input.ownerId !== undefined && input.ownerId !== row.ownerId
    ? resolveOwner(req, 'account', 'edit', input.ownerId, row.ownerId, id)
    : row.ownerId;
  const after: AccountValues = { ...input, ownerId };
  const changes = diffChanges({ ...before }, { ...after }, ACCOUNT_AUDIT_KEYS);
  if (Object.keys(changes).length > 0) {
    db.transaction(() => {
      updateAccountValues(db, id, after, nowIso(req));
      audit(req, { action: 'update', object: 'account', recordId: id, changes });
    })();
  }
  return getAccount(db, id) as AccountRow;
}
