/** API shapes (camelCase, money in integer cents, discounts in basis points plus a "12.50" percent). */
import { formatBp } from './pricing.js';
import { LEVEL_LABEL } from './approval-rules.js';
import type { InvoiceStatus } from './invoice-rules.js';
import type { ApprovalRow, InvoiceRow, OrderLineRow, OrderRow, PaymentRow, QuoteLineRow, QuoteRow } from './records.js';

export function lineJson(l: QuoteLineRow | OrderLineRow) {
  return {
    id: l.id,
    productId: l.product_id,
    sku: l.product_sku,
    productName: l.product_name,
    quantity: l.quantity,
    unitPriceCents: l.unit_price_cents,
    discountBp: l.discount_bp,
    discountPercent: formatBp(l.discount_bp),
    taxRateBp: l.tax_rate_bp,
    netCents: l.net_cents,
    taxCents: l.tax_cents,
    totalCents: l.total_cents,
  };
}

export function quoteJson(q: QuoteRow) {
  return {
    id: q.id,
    number: q.number,
    status: q.status,
    opportunityId: q.opportunity_id,
    opportunityName: q.opportunity_name,
    opportunityStage: q.opportunity_stage,
    accountId: q.account_id,
    accountName: q.account_name,
    ownerId: q.owner_id,
    ownerName: q.owner_name,
    subtotalCents: q.subtotal_cents,
    taxCents: q.tax_cents,
    grandTotalCents: q.grand_total_cents,
    maxDiscountBp: q.max_discount_bp,
    maxDiscountPercent: formatBp(q.max_discount_bp),
    approvalLevel: q.approval_level,
    approvalRequired: q.approval_level !== 'none',
    rejectionComment: q.rejection_comment,
    approvedBy: q.approved_by,
    approvedByName: q.approved_by_name,
    approvedAt: q.approved_at,
    sentAt: q.sent_at,
    decidedAt: q.decided_at,
    createdAt: q.created_at,
    updatedAt: q.updated_at,
  };
}

export function approvalJson(a: ApprovalRow) {
  return {
    id: a.id,
    quoteId: a.quote_id,
    quoteNumber: a.quote_number,
    quoteStatus: a.quote_status,
    opportunityId: a.opportunity_id,
    opportunityName: a.opportunity_name,
    accountName: a.account_name,
    ownerId: a.owner_id,
    ownerName: a.owner_name,
    level: a.level,
    levelLabel: LEVEL_LABEL[a.level],
    status: a.status,
    maxDiscountBp: a.max_discount_bp,
    maxDiscountPercent: formatBp(a.max_discount_bp),
    grandTotalCents: a.grand_total_cents,
    requestedBy: a.requested_by,
    requestedByName: a.requested_by_name,
    requestedAt: a.requested_at,
    decidedBy: a.decided_by,
    decidedByName: a.decided_by_name,
    decidedAt: a.decided_at,
    comment: a.comment,
  };
}

export function orderJson(o: OrderRow) {
  return {
    id: o.id,
    number: o.number,
    status: o.invoice_id === null ? 'Awaiting invoice' : 'Invoiced',
    quoteId: o.quote_id,
    quoteNumber: o.quote_number,
    opportunityId: o.opportunity_id,
    opportunityName: o.opportunity_name,
    accountId: o.account_id,
    accountName: o.account_name,
    ownerId: o.owner_id,
    ownerName: o.owner_name,
    subtotalCents: o.subtotal_cents,
    taxCents: o.tax_cents,
    totalCents: o.total_cents,
    invoiceId: o.invoice_id,
    invoiceNumber: o.invoice_number,
    createdAt: o.created_at,
  };
}

export function invoiceJson(i: InvoiceRow, status: InvoiceStatus) {
  return {
    id: i.id,
    number: i.number,
    status,
    storedStatus: i.status,
    orderId: i.order_id,
    orderNumber: i.order_number,
    opportunityId: i.opportunity_id,
    accountId: i.account_id,
    accountName: i.account_name,
    ownerId: i.owner_id,
    ownerName: i.owner_name,
    totalCents: i.total_cents,
    paidCents: i.paid_cents,
    balanceCents: i.total_cents - i.paid_cents,
    issuedAt: i.issued_at,
    dueAt: i.due_at,
    paidAt: i.paid_at,
  };
}

export function paymentJson(p: PaymentRow) {
  return {
    id: p.id,
    invoiceId: p.invoice_id,
    invoiceNumber: p.invoice_number,
    amountCents: p.amount_cents,
    paidOn: p.paid_on,
    method: p.method,
    reference: p.reference,
    recordedBy: p.recorded_by,
    recordedByName: p.recorded_by_name,
    createdAt: p.created_at,
    accountId: p.account_id,
    accountName: p.account_name,
  };
}
