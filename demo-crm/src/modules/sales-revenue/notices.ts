/** In-app notifications of the revenue workflow (rendered by core). Message texts are documented. */
import type { Database } from 'better-sqlite3';
import { notify } from '../../core/notifications.js';
import { money } from '../../core/html.js';
import { LEVEL_LABEL, type ApprovalLevel } from './approval-rules.js';
import { formatBp } from './pricing.js';

interface ApprovalNoticeFacts {
  id: number;
  number: string;
  opportunity_name: string;
  owner_team: string | null;
  approval_level: ApprovalLevel;
  max_discount_bp: number;
  grand_total_cents: number;
  approvalId: number;
}

/**
 * Who is asked: for a sales-manager level, the active sales managers of the quote owner's team (the
 * admins when that team has none); for the admin level, every active admin.
 */
export function approverIds(db: Database, level: ApprovalLevel, ownerTeam: string | null): number[] {
  if (level === 'manager') {
    const managers = db
      .prepare(`SELECT id FROM users WHERE role = 'sales_manager' AND active = 1 AND team IS ? ORDER BY id`)
      .pluck()
      .all(ownerTeam) as number[];
    if (managers.length > 0) return managers;
  }
  return db.prepare(`SELECT id FROM users WHERE role = 'admin' AND active = 1 ORDER BY id`).pluck().all() as number[];
}

export function notifyApprovers(db: Database, q: ApprovalNoticeFacts, at: string): void {
  const message = `Approval requested: quote ${q.number} (${q.opportunity_name}, ${money(q.grand_total_cents)}) has a ${formatBp(q.max_discount_bp)}% discount and needs ${LEVEL_LABEL[q.approval_level].toLowerCase()} approval`;
  for (const id of approverIds(db, q.approval_level, q.owner_team)) notify(db, id, message, `/approvals#approval-${q.approvalId}`, at);
}

export function notifyDecision(
  db: Database,
  o: { requesterId: number; quoteId: number; quoteNumber: string; decision: 'approved' | 'rejected'; deciderName: string; comment: string },
  at: string,
): void {
  const tail = o.comment ? `: ${o.comment}` : '';
  notify(db, o.requesterId, `Quote ${o.quoteNumber} ${o.decision} by ${o.deciderName}${tail}`, `/quotes/${o.quoteId}`, at);
}

export function notifyInvoicePaid(
  db: Database,
  o: { ownerId: number; invoiceId: number; invoiceNumber: string; accountName: string; totalCents: number },
  at: string,
): void {
  notify(db, o.ownerId, `Invoice ${o.invoiceNumber} paid in full (${o.accountName}, ${money(o.totalCents)})`, `/invoices/${o.invoiceId}`, at);
}
