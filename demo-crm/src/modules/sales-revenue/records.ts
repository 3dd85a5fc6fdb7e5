/**
 * Loading quotes, orders, invoices and approvals together with their ownership facts. The owner of
 * every money document is the owner of its opportunity (joined, never copied).
 */
import type { Database } from 'better-sqlite3';
import type { RecordOwnership } from '../../core/permissions.js';
import { notFound } from '../../core/http.js';
import type { ApprovalLevel, ApprovalStatus, QuoteStatus } from './approval-rules.js';
import type { StoredInvoiceStatus } from './invoice-rules.js';

interface OwnedRow {
  owner_id: number;
  owner_team: string | null;
  owner_name: string;
  account_id: number;
  account_name: string;
  opportunity_id: number;
  opportunity_name: string;
  opportunity_stage: string;
}

export function ownershipOf(row: OwnedRow): RecordOwnership {
  return { ownerId: row.owner_id, ownerTeam: row.owner_team, accountId: row.account_id };
}

/** FROM clause reaching owner, account and opportunity from an alias `op` (opportunities). */
const OWNED_JOINS = `JOIN accounts a ON a.id = op.account_id JOIN users u ON u.id = op.owner_id`;
const OWNED_COLUMNS = `op.owner_id, u.team AS owner_team, u.display_name AS owner_name, op.account_id, a.name AS account_name,
  op.id AS opportunity_id, op.name AS opportunity_name, op.stage AS opportunity_stage`;

export interface QuoteRow extends OwnedRow {
  id: number;
  number: string;
  status: QuoteStatus;
  subtotal_cents: number;
  tax_cents: number;
  grand_total_cents: number;
  max_discount_bp: number;
  approval_level: ApprovalLevel;
  rejection_comment: string | null;
  approved_by: number | null;
  approved_by_name: string | null;
  approved_at: string | null;
  sent_at: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export const QUOTE_SELECT = `q.id, q.number, q.status, q.subtotal_cents, q.tax_cents, q.grand_total_cents, q.max_discount_bp,
  q.approval_level, q.rejection_comment, q.approved_by, ap.display_name AS approved_by_name, q.approved_at, q.sent_at, q.decided_at,
  q.created_at, q.updated_at, ${OWNED_COLUMNS}`;
export const QUOTE_FROM = `quotes q JOIN opportunities op ON op.id = q.opportunity_id ${OWNED_JOINS} LEFT JOIN users ap ON ap.id = q.approved_by`;

export function loadQuote(db: Database, id: number): QuoteRow {
  const row = db.prepare(`SELECT ${QUOTE_SELECT} FROM ${QUOTE_FROM} WHERE q.id = ?`).get(id) as QuoteRow | undefined;
  return row ?? notFound('Quote not found');
}

export interface QuoteLineRow {
  id: number;
  quote_id: number;
  product_id: number;
  product_sku: string;
  product_name: string;
  quantity: number;
  unit_price_cents: number;
  discount_bp: number;
  tax_rate_bp: number;
  net_cents: number;
  tax_cents: number;
  total_cents: number;
}

export function loadQuoteLines(db: Database, quoteId: number): QuoteLineRow[] {
  return db.prepare('SELECT * FROM quote_lines WHERE quote_id = ? ORDER BY id').all(quoteId) as QuoteLineRow[];
}

export interface ApprovalRow extends OwnedRow {
  id: number;
  quote_id: number;
  quote_number: string;
  quote_status: QuoteStatus;
  level: Exclude<ApprovalLevel, 'none'>;
  status: ApprovalStatus;
  max_discount_bp: number;
  grand_total_cents: number;
  requested_by: number;
  requested_by_name: string;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  comment: string | null;
}

export const APPROVAL_SELECT = `ar.id, ar.quote_id, q.number AS quote_number, q.status AS quote_status, ar.level, ar.status,
  ar.max_discount_bp, ar.grand_total_cents, ar.requested_by, rq.display_name AS requested_by_name, ar.requested_at,
  ar.decided_by, dc.display_name AS decided_by_name, ar.decided_at, ar.comment, ${OWNED_COLUMNS}`;
export const APPROVAL_FROM = `approvals ar JOIN quotes q ON q.id = ar.quote_id JOIN opportunities op ON op.id = q.opportunity_id
  ${OWNED_JOINS} JOIN users rq ON rq.id = ar.requested_by LEFT JOIN users dc ON dc.id = ar.decided_by`;

export function loadApproval(db: Database, id: number): ApprovalRow {
  const row = db.prepare(`SELECT ${APPROVAL_SELECT} FROM ${APPROVAL_FROM} WHERE ar.id = ?`).get(id) as ApprovalRow | undefined;
  return row ?? notFound('Approval not found');
}

export function loadQuoteApprovals(db: Database, quoteId: number): ApprovalRow[] {
  return db.prepare(`SELECT ${APPROVAL_SELECT} FROM ${APPROVAL_FROM} WHERE ar.quote_id = ? ORDER BY ar.id`).all(quoteId) as ApprovalRow[];
}

export interface OrderRow extends OwnedRow {
  id: number;
  number: string;
  quote_id: number;
  quote_number: string;
  subtotal_cents: number;
  tax_cents: number;
  total_cents: number;
  created_at: string;
  invoice_id: number | null;
  invoice_number: string | null;
}

export const ORDER_SELECT = `o.id, o.number, o.quote_id, q.number AS quote_number, o.subtotal_cents, o.tax_cents, o.total_cents,
  o.created_at, i.id AS invoice_id, i.number AS invoice_number, ${OWNED_COLUMNS}`;
export const ORDER_FROM = `orders o JOIN quotes q ON q.id = o.quote_id JOIN opportunities op ON op.id = o.opportunity_id
  ${OWNED_JOINS} LEFT JOIN invoices i ON i.order_id = o.id`;

export function loadOrder(db: Database, id: number): OrderRow {
  const row = db.prepare(`SELECT ${ORDER_SELECT} FROM ${ORDER_FROM} WHERE o.id = ?`).get(id) as OrderRow | undefined;
  return row ?? notFound('Order not found');
}

export type OrderLineRow = Omit<QuoteLineRow, 'quote_id'> & { order_id: number };

export function loadOrderLines(db: Database, orderId: number): OrderLineRow[] {
  return db.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY id').all(orderId) as OrderLineRow[];
}

export interface InvoiceRow extends OwnedRow {
  id: number;
  number: string;
  order_id: number;
  order_number: string;
  total_cents: number;
  paid_cents: number;
  status: StoredInvoiceStatus;
  issued_at: string;
  due_at: string;
  paid_at: string | null;
}

export const INVOICE_SELECT = `i.id, i.number, i.order_id, o.number AS order_number, i.total_cents, i.paid_cents, i.status,
  i.issued_at, i.due_at, i.paid_at, ${OWNED_COLUMNS}`;
export const INVOICE_FROM = `invoices i JOIN orders o ON o.id = i.order_id JOIN opportunities op ON op.id = o.opportunity_id ${OWNED_JOINS}`;

export function loadInvoice(db: Database, id: number): InvoiceRow {
  const row = db.prepare(`SELECT ${INVOICE_SELECT} FROM ${INVOICE_FROM} WHERE i.id = ?`).get(id) as InvoiceRow | undefined;
  return row ?? notFound('Invoice not found');
}

export interface PaymentRow {
  id: number;
  invoice_id: number;
  invoice_number: string;
  amount_cents: number;
  paid_on: string;
  method: string;
  reference: string;
  recorded_by: number;
  recorded_by_name: string;
  created_at: string;
  account_id: number;
  account_name: string;
  owner_id: number;
}

export const PAYMENT_SELECT = `p.id, p.invoice_id, i.number AS invoice_number, p.amount_cents, p.paid_on, p.method, p.reference,
  p.recorded_by, rb.display_name AS recorded_by_name, p.created_at, i.account_id, a.name AS account_name, op.owner_id`;
export const PAYMENT_FROM = `payments p JOIN invoices i ON i.id = p.invoice_id JOIN orders o ON o.id = i.order_id
  JOIN opportunities op ON op.id = o.opportunity_id JOIN accounts a ON a.id = i.account_id JOIN users rb ON rb.id = p.recorded_by`;

export function loadInvoicePayments(db: Database, invoiceId: number): PaymentRow[] {
  return db.prepare(`SELECT ${PAYMENT_SELECT} FROM ${PAYMENT_FROM} WHERE p.invoice_id = ? ORDER BY p.id`).all(invoiceId) as PaymentRow[];
}

/** Next value of a per-table sequence; called inside the writing transaction. */
export function nextSeq(db: Database, table: 'quotes' | 'orders' | 'invoices'): number {
  return (db.prepare(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n;
}
