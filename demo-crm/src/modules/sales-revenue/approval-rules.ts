/**
 * Discount approval routing and quote status transitions (pure; the routes enforce them).
 * Documented in demo-crm/docs/sales-revenue.md §3–4.
 */
import type { Role } from '../../core/permissions.js';

export type ApprovalLevel = 'none' | 'manager' | 'admin';

/** Up to and including 10.00 % needs no approval. */
export const NO_APPROVAL_MAX_BP = 1000;
/** Defect switch approval-threshold-20 moves the free limit here. */
export const FAULTY_NO_APPROVAL_MAX_BP = 2000;
/** Above 10 % up to and including 30.00 %: a sales manager (or admin) approves. Above: admin only. */
export const MANAGER_MAX_BP = 3000;

export function approvalLevelFor(maxDiscountBp: number, noApprovalMaxBp = NO_APPROVAL_MAX_BP): ApprovalLevel {
  if (maxDiscountBp <= noApprovalMaxBp) return 'none';
  if (maxDiscountBp <= MANAGER_MAX_BP) return 'manager';
  return 'admin';
}

export const LEVEL_LABEL: Record<ApprovalLevel, string> = {
  none: 'No approval needed',
  manager: 'Sales manager',
  admin: 'Admin',
};

/** Whether a role's approval satisfies the level (permission scope is checked separately). */
export function roleSatisfiesLevel(role: Role, level: ApprovalLevel, managerMayApproveAdminLevel = false): boolean {
  if (role === 'admin') return true;
  if (role !== 'sales_manager') return false;
  return level === 'manager' || (level === 'admin' && managerMayApproveAdminLevel);
}

export const QUOTE_STATUSES = ['Draft', 'Pending approval', 'Approved', 'Sent', 'Accepted', 'Declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** Statuses in which a quote is still "open" (declined automatically when a sibling is accepted). */
export const OPEN_QUOTE_STATUSES: readonly QuoteStatus[] = ['Draft', 'Pending approval', 'Approved', 'Sent'];

export const APPROVAL_STATUSES = ['Pending', 'Approved', 'Rejected', 'Withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
