/** Discount approvals: the inbox and the approve / reject decisions. */
import type { FastifyRequest } from 'fastify';
import { audit } from '../../core/audit.js';
import { authorize, authorizeRecord } from '../../core/auth.js';
import { nowIso } from '../../core/clock.js';
import { conflict, HttpError } from '../../core/http.js';
import { runList, type ListParams, type ListResult } from '../../core/list.js';
import type { AppContext } from '../../core/module.js';
import { scopeSql, type SessionUser } from '../../core/permissions.js';
import { APPROVAL_STATUSES, roleSatisfiesLevel } from './approval-rules.js';
import { notifyDecision } from './notices.js';
import { formatBp } from './pricing.js';
import { APPROVAL_FROM, APPROVAL_SELECT, loadApproval, ownershipOf, type ApprovalRow } from './records.js';

export function listApprovals(
  req: FastifyRequest,
  ctx: AppContext,
  params: ListParams & { status?: string | undefined },
): ListResult<ApprovalRow> {
  const user = authorize(req, 'approval', 'list');
  const scope = scopeSql(user, 'approval', 'list', { owner: 'op.owner_id' });
  const where = [scope.sql];
  const sqlParams = [...scope.params];
  // The inbox opens on what needs a decision; "all" shows the history too.
  const status = params.status === undefined || params.status === '' ? 'Pending' : params.status;
  if (status !== 'all' && (APPROVAL_STATUSES as readonly string[]).includes(status)) {
    where.push('ar.status = ?');
    sqlParams.push(status);
  }
  return runList<ApprovalRow>(ctx.db, {
    select: APPROVAL_SELECT,
    from: APPROVAL_FROM,
    where,
    params: sqlParams,
    searchColumns: ['q.number', 'op.name'],
    q: params.q,
    sortColumns: { requested: 'ar.requested_at', quote: 'q.number', discount: 'ar.max_discount_bp', total: 'ar.grand_total_cents', status: 'ar.status' },
    sort: params.sort,
    dir: params.sort ? params.dir : 'asc',
    defaultSort: 'requested',
    page: params.page,
    pageSize: params.pageSize,
  });
}

export function authorizedApproval(req: FastifyRequest, ctx: AppContext, id: number, action: 'view' | 'approve'): { user: SessionUser; approval: ApprovalRow } {
  authorize(req, 'approval', action);
  const approval = loadApproval(ctx.db, id);
  const user = authorizeRecord(req, 'approval', action, ownershipOf(approval), id);
  return { user, approval };
}

/** Whether this user's decision counts for this request (the sales-manager / admin split). */
export function mayDecide(ctx: AppContext, user: SessionUser, approval: Pick<ApprovalRow, 'level'>): boolean {
  return roleSatisfiesLevel(user.role, approval.level, ctx.faults.on('manager-approves-above-30'));
}

function authorizedDecision(req: FastifyRequest, ctx: AppContext, id: number): { user: SessionUser; approval: ApprovalRow } {
  const { user, approval } = authorizedApproval(req, ctx, id, 'approve');
  if (!mayDecide(ctx, user, approval)) {
    audit(req, { action: 'permission_denied', object: 'approval', recordId: id, summary: `${approval.quote_number}: discount above 30% needs an admin` });
    throw new HttpError(403, {
      error: 'forbidden',
      message: `Discounts above 30% need an admin's approval; a sales manager cannot decide quote ${approval.quote_number} (${formatBp(approval.max_discount_bp)}%)`,
    });
  }
  if (approval.status !== 'Pending') conflict(`This approval request was already decided (${approval.status})`);
  return { user, approval };
}

export function approve(req: FastifyRequest, ctx: AppContext, id: number, comment: string): ApprovalRow {
  const { user, approval } = authorizedDecision(req, ctx, id);
  const at = nowIso(req);
  ctx.db.transaction(() => {
    ctx.db.prepare(`UPDATE approvals SET status = 'Approved', decided_by = ?, decided_at = ?, comment = ? WHERE id = ?`).run(user.id, at, comment || null, id);
    ctx.db.prepare(`UPDATE quotes SET status = 'Approved', approved_by = ?, approved_at = ?, rejection_comment = NULL, updated_at = ?
              WHERE id = ? AND status = 'Pending approval'`).run(
      user.id, at, at, approval.quote_id,
    );
    audit(req, {
      action: 'approve', object: 'quote', recordId: approval.quote_id,
      summary: `${approval.quote_number}: discount ${formatBp(approval.max_discount_bp)}% approved${comment ? `: ${comment}` : ''}`,
      changes: { status: { from: 'Pending approval', to: 'Approved' } },
    });
    notifyDecision(ctx.db, {
      requesterId: approval.requested_by, quoteId: approval.quote_id, quoteNumber: approval.quote_number, decision: 'approved',
      deciderName: user.displayName, comment,
    }, at);
  })();
  return loadApproval(ctx.db, id);
}

/** A rejected quote goes back to Draft and carries the comment until it is submitted again. */
export function reject(req: FastifyRequest, ctx: AppContext, id: number, comment: string): ApprovalRow {
  const { user, approval } = authorizedDecision(req, ctx, id);
  const at = nowIso(req);
  ctx.db.transaction(() => {
    ctx.db.prepare(`UPDATE approvals SET status = 'Rejected', decided_by = ?, decided_at = ?, comment = ? WHERE id = ?`).run(user.id, at, comment, id);
    ctx.db.prepare(`UPDATE quotes SET status = 'Draft', rejection_comment = ?, updated_at = ? WHERE id = ? AND status = 'Pending approval'`).run(comment, at, approval.quote_id);
    audit(req, {
      action: 'reject', object: 'quote', recordId: approval.quote_id,
      summary: `${approval.quote_number}: discount ${formatBp(approval.max_discount_bp)}% rejected: ${comment}`,
      changes: { status: { from: 'Pending approval', to: 'Draft' } },
    });
    notifyDecision(ctx.db, {
      requesterId: approval.requested_by, quoteId: approval.quote_id, quoteNumber: approval.quote_number, decision: 'rejected',
      deciderName: user.displayName, comment,
    }, at);
  })();
  return loadApproval(ctx.db, id);
}
