import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, diffChanges } from '../../../core/audit.js';
import { authorize } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import { conflict, HttpError, parseInput } from '../../../core/http.js';
import { listParamsSchema, runList, type ListResult, type SearchWindow } from '../../../core/list.js';
import { scopeSql } from '../../../core/permissions.js';
import { claimSubmission } from '../../../core/submissions.js';
import { listOwnerColumn, loadAuthorized, resolveOwner } from '../access.js';
import { mergePatch } from '../patch.js';
import { prefixSearch } from '../search.js';
import { leadInputSchema, leadStatusSchema, optionalId, MESSAGES } from '../validation.js';
import { isLeadReadOnly, leadTransitionError, LEAD_SOURCES, LEAD_STATUSES } from '../vocab.js';
import {
  findDuplicateLeads, getLead, insertLead, LEAD_AUDIT_KEYS, LEAD_FROM, LEAD_FROM_BY_CREATED, LEAD_SELECT, LEAD_TABLE, leadValuesOf, setLeadStatus,
  updateLeadValues, type LeadRow, type LeadValues,
} from './lead-store.js';

const blank = (v: unknown) => (v === '' ? undefined : v);

export const leadListQuery = listParamsSchema.extend({
  status: z.preprocess(blank, z.enum(LEAD_STATUSES, { error: `Choose a status: ${LEAD_STATUSES.join(', ')}` }).optional()),
  source: z.preprocess(blank, z.enum(LEAD_SOURCES, { error: MESSAGES.source }).optional()),
  owner: optionalId(MESSAGES.owner),
});
export type LeadListQuery = z.output<typeof leadListQuery>;

/**
 * Search condition for the lead list. Normally an index-friendly prefix search; the `slow-lead-search`
 * defect replaces it with a substring match over a concatenation plus per-row busy work, which no index
 * can serve (a full scan of every lead on every search).
 */
export function leadSearchSql(q: string, slow: boolean, concatenated = false): { sql: string; params: unknown[] } {
  if (concatenated) {
    // the defect: the typed text becomes part of the statement
    const t = q.trim().toLowerCase();
    return { sql: `(lower(l.first_name) LIKE '${t}%' OR lower(l.last_name) LIKE '${t}%' OR lower(l.company) LIKE '${t}%' OR lower(l.email) LIKE '${t}%')`, params: [] };
  }
  if (slow) {
    return {
      sql: `lower(l.first_name || ' ' || l.last_name || l.company || l.email) LIKE ?
            AND length(replace(hex(zeroblob(2048)), '0', lower(l.email))) > 0`,
      params: [`%${q.trim().toLowerCase()}%`],
    };
  }
  return prefixSearch(q, ['l.first_name', 'l.last_name', 'l.company', 'l.email'], ['l.first_name', 'l.last_name']);
}

/** The newest (or oldest) 2,000 leads: a search by the default order pages through them first (core/list.ts). */
const LEAD_SEARCH_WINDOW: SearchWindow = {
  sortKey: 'createdAt', column: 'l.created_at', edgeFrom: `${LEAD_TABLE} INDEXED BY leads_created`, from: LEAD_FROM_BY_CREATED, rows: 2_000,
};

const LEAD_SORT_COLUMNS: Record<string, string> = {
  name: 'l.last_name', company: 'l.company', email: 'l.email', status: 'l.status', source: 'l.source', createdAt: 'l.created_at',
};

/**
 * Defect switch slow-lead-sort: a chosen sort first orders by a per-row computed key (always 0, so the
 * order stays right) that no index serves, so every sorted page computes it for each matching lead
 * and sorts them all; the export of a sorted list runs the same ORDER BY.
 */
function slowSortColumns(columns: Record<string, string>): Record<string, string> {
  const key = "min(0, length(replace(hex(zeroblob(2048)), '0', l.email)))";
  return Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, `${key}, ${column}`]));
}

export function listLeads(req: FastifyRequest, query: unknown): { list: ListResult<LeadRow>; filters: LeadListQuery } {
  const user = authorize(req, 'lead', 'list');
  const p = parseInput(leadListQuery, query);
  const scope = scopeSql(user, 'lead', 'list', { owner: listOwnerColumn('l.owner_id') });
  const where = [scope.sql];
  const params = [...scope.params];
  if (p.status) { where.push('l.status = ?'); params.push(p.status); }
  if (p.source) { where.push('l.source = ?'); params.push(p.source); }
  if (p.owner) { where.push('l.owner_id = ?'); params.push(p.owner); }
  const q = p.q?.trim() ?? '';
  const list = runList<LeadRow>(req.server.crm.db, {
    select: LEAD_SELECT,
    from: LEAD_FROM,
    where,
    params,
    q,
    searchSql: q ? leadSearchSql(q, req.server.crm.faults.on('slow-lead-search'), req.server.crm.faults.on('lead-search-sql-concatenated')) : undefined,
    // Defect switch lead-list-count-capped: a "fast" count that stops at 5,000 leads.
    ...(req.server.crm.faults.on('lead-list-count-capped') ? { countCap: 5_000 } : {}),
    countFrom: LEAD_TABLE,
    // the slow-lead-search defect stands for a search without any of this: it reads every lead
    ...(req.server.crm.faults.on('slow-lead-search') ? {} : { window: LEAD_SEARCH_WINDOW }),
    sortColumns: p.sort && req.server.crm.faults.on('slow-lead-sort') ? slowSortColumns(LEAD_SORT_COLUMNS) : LEAD_SORT_COLUMNS,
    sort: p.sort,
    dir: p.sort ? p.dir : 'desc',
    defaultSort: 'createdAt',
    page: p.page,
    pageSize: p.pageSize,
  });
  return { list, filters: p };
}

export function viewLead(req: FastifyRequest, id: number): LeadRow {
  return loadAuthorized(req, 'lead', 'view', id, (i) => getLead(req.server.crm.db, i));
}

function duplicateError(duplicates: ReturnType<typeof findDuplicateLeads>): HttpError {
  return new HttpError(409, {
    error: 'duplicate',
    message: `A lead with this email already exists (${duplicates.length}). Confirm to save anyway.`,
    duplicates,
  });
}

function schema(req: FastifyRequest) {
  return leadInputSchema(!req.server.crm.faults.on('lead-email-unvalidated'));
}

export function createLead(req: FastifyRequest, body: unknown): LeadRow {
  const user = authorize(req, 'lead', 'create');
  const { db } = req.server.crm;
  const input = parseInput(schema(req), body);
  const ownerId = resolveOwner(req, 'lead', 'create', input.ownerId, user.id);
  const duplicates = findDuplicateLeads(db, input.email);
  if (duplicates.length > 0 && input.allowDuplicate !== true) throw duplicateError(duplicates);
  const values: LeadValues = { ...input, ownerId };
  const at = nowIso(req);
  const id = db.transaction(() => {
    const newId = insertLead(db, values, at);
    claimSubmission(req, `/leads/${newId}`);
    audit(req, {
      action: 'create', object: 'lead', recordId: newId,
      summary: `lead ${values.firstName} ${values.lastName} (${values.company})${duplicates.length ? ' saved despite duplicate email' : ''}`,
      changes: diffChanges({}, { ...values }),
    });
    return newId;
  })();
  return getLead(db, id) as LeadRow;
}

function assertEditable(row: LeadRow): void {
  if (isLeadReadOnly(row.status)) {
    conflict(`This lead is ${row.status} and read-only`, { error: 'read_only' });
  }
}

export function updateLead(req: FastifyRequest, id: number, body: unknown): LeadRow {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'lead', 'edit', id, (i) => getLead(db, i));
  assertEditable(row);
  const before = leadValuesOf(row);
  const merged = mergePatch(before, body, [...LEAD_AUDIT_KEYS, 'allowDuplicate'], {
    status: 'Change the status with POST /api/leads/:id/status',
  });
  const input = parseInput(schema(req), merged);
  const ownerId = input.ownerId !== undefined && input.ownerId !== row.ownerId
    ? resolveOwner(req, 'lead', 'edit', input.ownerId, row.ownerId, id)
    : row.ownerId;
  if (input.email.toLowerCase() !== row.email.toLowerCase()) {
    const duplicates = findDuplicateLeads(db, input.email, id);
    if (duplicates.length > 0 && input.allowDuplicate !== true) throw duplicateError(duplicates);
  }
  const after: LeadValues = { ...input, ownerId };
  const changes = diffChanges({ ...before }, { ...after }, LEAD_AUDIT_KEYS);
  if (Object.keys(changes).length > 0) {
    db.transaction(() => {
      updateLeadValues(db, id, after, nowIso(req));
      audit(req, { action: 'update', object: 'lead', recordId: id, changes });
    })();
  }
  return getLead(db, id) as LeadRow;
}

export function changeLeadStatus(req: FastifyRequest, id: number, body: unknown): LeadRow {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'lead', 'edit', id, (i) => getLead(db, i));
  assertEditable(row);
  const input = parseInput(leadStatusSchema, body);
  const error = leadTransitionError(row.status, input.status);
  if (error) conflict(error, { error: 'invalid_transition' });
  const reason = input.status === 'Disqualified' ? input.reason ?? null : null;
  db.transaction(() => {
    setLeadStatus(db, id, input.status, reason, nowIso(req));
    audit(req, {
      action: 'update', object: 'lead', recordId: id,
      summary: `status ${row.status} → ${input.status}`,
      changes: diffChanges({ status: row.status, disqualifyReason: row.disqualifyReason }, { status: input.status, disqualifyReason: reason }),
    });
  })();
  return getLead(db, id) as LeadRow;
}

export function deleteLead(req: FastifyRequest, id: number): void {
  const { db } = req.server.crm;
  const row = loadAuthorized(req, 'lead', 'delete', id, (i) => getLead(db, i));
  assertEditable(row);
  db.transaction(() => {
    db.prepare('DELETE FROM leads WHERE id = ?').run(id);
    audit(req, { action: 'delete', object: 'lead', recordId: id, summary: `lead ${row.name} (${row.company})` });
  })();
}
