import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, diffChanges } from '../../../core/audit.js';
import { authorize } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import { parseInput } from '../../../core/http.js';
import { listParamsSchema, runList, type ListResult } from '../../../core/list.js';
import { scopeSql } from '../../../core/permissions.js';
import { listOwnerColumn, loadAuthorized, resolveOwner } from '../access.js';
import { referencedAccount } from '../accounts/account-service.js';
import { mergePatch } from '../patch.js';
import { prefixSearch } from '../search.js';
import { contactInputSchema, optionalId, MESSAGES } from '../validation.js';
import {
  CONTACT_AUDIT_KEYS, CONTACT_FROM, CONTACT_TABLE, CONTACT_SELECT, contactValuesOf, getContact, insertContact, updateContactValues,
  type ContactRow, type ContactValues,
} from './contact-store.js';

export const contactListQuery = listParamsSchema.extend({
  owner: optionalId(MESSAGES.owner),
  account: optionalId(MESSAGES.account),
});
export type ContactListQuery = z.output<typeof contactListQuery>;

export function listContacts(req: FastifyRequest, query: unknown): { list: ListResult<ContactRow>; filters: ContactListQuery } {
  const user = authorize(req, 'contact', 'list');
  const p = parseInput(contactListQuery, query);
  const scope = scopeSql(user, 'contact', 'list', { owner: listOwnerColumn('c.owner_id') });
  const where = [scope.sql];
  const params = [...scope.params];
  if (p.owner) { where.push('c.owner_id = ?'); params.push(p.owner); }
  if (p.account) { where.push('c.account_id = ?'); params.push(p.account); }
  const q = p.q?.trim() ?? '';
  const list = runList<ContactRow>(req.server.crm.db, {
    select: CONTACT_SELECT, from: CONTACT_FROM, countFrom: CONTACT_TABLE, where, params, q,
    searchSql: q ? prefixSearch(q, ['c.first_name', 'c.last_name', 'c.email'], ['c.first_name', 'c.last_name']) : undefined,
    sortColumns: { name: 'c.last_name', email: 'c.email', createdAt: 'c.created_at' },
    sort: p.sort, dir: p.dir, defaultSort: 'name', page: p.page, pageSize: p.pageSize,
  });
  return { list, filters: p };
}

export function viewContact(req: FastifyRequest, id: number): ContactRow {
  return loadAuthorized(req, 'contact', 'view', id, (i) => getContact(req.server.crm.db, i));
}

export function createContact(req: FastifyRequest, body: unknown): ContactRow {
  const user = authorize(req, 'contact', 'create');
  const { db } = req.server.crm;
  const input = parseInput(contactInputSchema, body);
  if (input.accountId !== undefined) referencedAccount(req, input.accountId);
  const values: ContactValues = {
    ...input, accountId: input.accountId ?? null, ownerId: resolveOwner(req, 'contact', 'create', input.ownerId, user.id),
  };
  const id = db.transaction(() => {
    const newId = insertContact(db, values, nowIso(req));
    audit(req, {
      action: 'create', object: 'contact', recordId: newId,
      summary: `contact ${values.firstName} ${values.lastName}`, changes: diffChanges({}, { ...values }),
    });
    return newId;
  })();
  return getContact(db, id) as ContactRow;
}

export function updateContact(req: FastifyRequest, id: number, body: unknown): ContactRow {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'contact', 'edit', id, (i) => getContact(db, i));
  const before = contactValuesOf(row);
  const input = parseInput(contactInputSchema, mergePatch(before, body, CONTACT_AUDIT_KEYS));
  const accountId = input.accountId ?? null;
  if (accountId !== null && accountId !== row.accountId) referencedAccount(req, accountId);
  const ownerId = input.ownerId !== undefined && input.ownerId !== row.ownerId
    ? resolveOwner(req, 'contact', 'edit', input.ownerId, row.ownerId, id)
    : row.ownerId;
  const after: ContactValues = { ...input, accountId, ownerId };
  const changes = diffChanges({ ...before }, { ...after }, CONTACT_AUDIT_KEYS);
  if (Object.keys(changes).length > 0) {
    db.transaction(() => {
      updateContactValues(db, id, after, nowIso(req));
      audit(req, { action: 'update', object: 'contact', recordId: id, changes });
    })();
  }
  return getContact(db, id) as ContactRow;
}
