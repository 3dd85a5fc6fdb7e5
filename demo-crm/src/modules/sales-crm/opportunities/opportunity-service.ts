import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, diffChanges } from '../../../core/audit.js';
import { authorize } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import { conflict, parseInput, ValidationError } from '../../../core/http.js';
import { listParamsSchema, runList, type ListResult } from '../../../core/list.js';
import { scopeSql } from '../../../core/permissions.js';
import { listOwnerColumn, loadAuthorized, resolveOwner } from '../access.js';
import { referencedAccount } from '../accounts/account-service.js';
import { getContact } from '../contacts/contact-store.js';
import { mergePatch } from '../patch.js';
import { prefixSearch } from '../search.js';
import { opportunityInputSchema, optionalId, stageChangeSchema, MESSAGES } from '../validation.js';
import { isOpenStage, stageTransitionError, STAGES } from '../vocab.js';
import {
  getOpportunity, insertOpportunity, OPPORTUNITY_AUDIT_KEYS, OPPORTUNITY_FROM, OPPORTUNITY_SELECT, opportunityValuesOf,
  updateOpportunityValues, type OpportunityRow, type OpportunityValues,
} from './opportunity-store.js';

const blank = (v: unknown) => (v === '' ? undefined : v);

export const opportunityListQuery = listParamsSchema.extend({
  stage: z.preprocess(blank, z.enum(STAGES, { error: MESSAGES.stage }).optional()),
  owner: optionalId(MESSAGES.owner),
  account: optionalId(MESSAGES.account),
});
export type OpportunityListQuery = z.output<typeof opportunityListQuery>;

export function listOpportunities(
  req: FastifyRequest,
  query: unknown,
): { list: ListResult<OpportunityRow>; filters: OpportunityListQuery } {
  const user = authorize(req, 'opportunity', 'list');
  const p = parseInput(opportunityListQuery, query);
  const scope = scopeSql(user, 'opportunity', 'list', { owner: listOwnerColumn('o.owner_id') });
  const where = [scope.sql];
  const params = [...scope.params];
  if (p.stage) { where.push('o.stage = ?'); params.push(p.stage); }
  if (p.owner) { where.push('o.owner_id = ?'); params.push(p.owner); }
  if (p.account) { where.push('o.account_id = ?'); params.push(p.account); }
  const q = p.q?.trim() ?? '';
  const list = runList<OpportunityRow>(req.server.crm.db, {
    select: OPPORTUNITY_SELECT, from: OPPORTUNITY_FROM, where, params, q,
    searchSql: q ? prefixSearch(q, ['o.name']) : undefined,
    sortColumns: { name: 'o.name', amount: 'o.amount_cents', stage: 'o.stage', closeDate: 'o.close_date', createdAt: 'o.created_at' },
    sort: p.sort, dir: p.dir, defaultSort: 'closeDate', page: p.page, pageSize: p.pageSize,
  });
  return { list, filters: p };
}

/** `skipOwnership` exists only for the `opportunity-owner-check-missing` defect on GET /api/opportunities/:id. */
export function viewOpportunity(req: FastifyRequest, id: number, o: { skipOwnership?: boolean } = {}): OpportunityRow {
  return loadAuthorized(req, 'opportunity', 'view', id, (i) => getOpportunity(req.server.crm.db, i), o);
}

/** The primary contact must belong to the opportunity's account. */
function checkContact(req: FastifyRequest, contactId: number | null, accountId: number): void {
  if (contactId === null) return;
  const contact = getContact(req.server.crm.db, contactId);
  if (!contact || contact.accountId !== accountId) {
    throw new ValidationError({ contactId: 'Choose a contact of this opportunity’s account' });
  }
}

export function createOpportunity(req: FastifyRequest, body: unknown): OpportunityRow {
  const user = authorize(req, 'opportunity', 'create');
  const { db } = req.server.crm;
  const input = parseInput(opportunityInputSchema, body);
  referencedAccount(req, input.accountId);
  const contactId = input.contactId ?? null;
  checkContact(req, contactId, input.accountId);
  const values: OpportunityValues = {
    ...input, contactId, ownerId: resolveOwner(req, 'opportunity', 'create', input.ownerId, user.id),
  };
  const id = db.transaction(() => {
    const newId = insertOpportunity(db, values, nowIso(req));
    audit(req, {
      action: 'create', object: 'opportunity', recordId: newId, summary: `opportunity ${values.name} (Prospecting)`,
      changes: diffChanges({}, { ...values, stage: 'Prospecting' }),
    });
    return newId;
  })();
  return getOpportunity(db, id) as OpportunityRow;
}

function assertOpen(row: OpportunityRow): void {
  if (!isOpenStage(row.stage)) conflict(`This opportunity is ${row.stage} and read-only`, { error: 'read_only' });
}

export function updateOpportunity(req: FastifyRequest, id: number, body: unknown): OpportunityRow {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'opportunity', 'edit', id, (i) => getOpportunity(db, i));
  assertOpen(row);
  const before = opportunityValuesOf(row);
  const merged = mergePatch(before, body, OPPORTUNITY_AUDIT_KEYS, {
    stage: 'Change the stage with POST /api/opportunities/:id/stage',
    accountId: 'The account of an opportunity cannot be changed',
  });
  const input = parseInput(opportunityInputSchema, merged);
  const contactId = input.contactId ?? null;
  if (contactId !== row.contactId) checkContact(req, contactId, row.accountId);
  const ownerId = input.ownerId !== undefined && input.ownerId !== row.ownerId
    ? resolveOwner(req, 'opportunity', 'edit', input.ownerId, row.ownerId, id)
    : row.ownerId;
  const after: OpportunityValues = { ...input, accountId: row.accountId, contactId, ownerId };
  const changes = diffChanges({ ...before }, { ...after }, OPPORTUNITY_AUDIT_KEYS);
  if (Object.keys(changes).length > 0) {
    db.transaction(() => {
      updateOpportunityValues(db, id, after, nowIso(req));
      audit(req, { action: 'update', object: 'opportunity', recordId: id, changes });
    })();
  }
  return getOpportunity(db, id) as OpportunityRow;
}

/** Forward one stage, or Closed Lost (with a reason) from any open stage. Closed Won: see opportunity-close.ts. */
export function changeStage(req: FastifyRequest, id: number, body: unknown): OpportunityRow {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'opportunity', 'edit', id, (i) => getOpportunity(db, i));
  assertOpen(row);
  const input = parseInput(stageChangeSchema, body);
  const error = stageTransitionError(row.stage, input.stage);
  if (error) conflict(error, { error: 'invalid_transition' });
  const at = nowIso(req);
  const lost = input.stage === 'Closed Lost';
  const lossReason = lost ? input.lossReason ?? null : null;
  const closeDate = lost ? at.slice(0, 10) : row.closeDate;
  db.transaction(() => {
    db.prepare('UPDATE opportunities SET stage = ?, loss_reason = ?, close_date = ?, closed_at = ?, updated_at = ? WHERE id = ?')
      .run(input.stage, lossReason, closeDate, lost ? at : null, at, id);
    audit(req, {
      action: 'update', object: 'opportunity', recordId: id, summary: `stage ${row.stage} → ${input.stage}`,
      changes: diffChanges(
        { stage: row.stage, lossReason: row.lossReason, closeDate: row.closeDate },
        { stage: input.stage, lossReason, closeDate },
      ),
    });
  })();
  return getOpportunity(db, id) as OpportunityRow;
}
