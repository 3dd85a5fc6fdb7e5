/** Orders → invoices → payments: issuing, recording money, and the derived invoice status. */
import type { FastifyRequest } from 'fastify';
import { audit } from '../../core/audit.js';
import { crashPoint } from '../../core/crash-point.js';
import { claimSubmission } from '../../core/submissions.js';
import { authorize, authorizeRecord } from '../../core/auth.js';
import { now, nowIso } from '../../core/clock.js';
import { money } from '../../core/html.js';
import { conflict, ValidationError } from '../../core/http.js';
import type { AppContext } from '../../core/module.js';
import type { SessionUser } from '../../core/permissions.js';
import { displayStatus, documentNumber, dueAtFor, storedStatusFor, type InvoiceStatus } from './invoice-rules.js';
import { notifyInvoicePaid } from './notices.js';
import { loadInvoice, loadOrder, nextSeq, ownershipOf, type InvoiceRow, type OrderRow } from './records.js';
import type { PaymentInput } from './schemas.js';

export function authorizedOrder(req: FastifyRequest, ctx: AppContext, id: number): { user: SessionUser; order: OrderRow } {
  authorize(req, 'order', 'view');
  const order = loadOrder(ctx.db, id);
  const user = authorizeRecord(req, 'order', 'view', ownershipOf(order), id);
  return { user, order };
}

export function authorizedInvoice(req: FastifyRequest, ctx: AppContext, id: number): { user: SessionUser; invoice: InvoiceRow } {
  authorize(req, 'invoice', 'view');
  const invoice = loadInvoice(ctx.db, id);
  const user = authorizeRecord(req, 'invoice', 'view', ownershipOf(invoice), id);
  return { user, invoice };
}

export function balanceOf(invoice: Pick<InvoiceRow, 'total_cents' | 'paid_cents'>): number {
  return invoice.total_cents - invoice.paid_cents;
}

export function invoiceStatusNow(req: FastifyRequest, invoice: InvoiceRow): InvoiceStatus {
  return displayStatus(invoice.status, invoice.due_at, now(req), balanceOf(invoice));
}

/**
 * One invoice per order, total = order total (grand total incl. tax), issued now, due 30 days later.
 * Defect switch invoice-total-excludes-tax bills the order's subtotal instead.
 */
export function issueInvoice(req: FastifyRequest, ctx: AppContext, orderId: number): InvoiceRow {
  authorize(req, 'invoice', 'create');
  const order = loadOrder(ctx.db, orderId);
  const user = authorizeRecord(req, 'invoice', 'create', ownershipOf(order), orderId);
  if (order.invoice_id !== null) conflict(`Order ${order.number} already has invoice ${order.invoice_number}`, { invoiceId: order.invoice_id });
  const issuedAt = nowIso(req);
  const total = ctx.faults.on('invoice-total-excludes-tax') ? order.subtotal_cents : order.total_cents;
  const id = ctx.db.transaction(() => {
    const seq = nextSeq(ctx.db, 'invoices');
    const number = documentNumber('INV', seq);
    const status = storedStatusFor(total, 0);
    const info = ctx.db
      .prepare(`INSERT INTO invoices (seq, number, order_id, account_id, total_cents, paid_cents, status, issued_at, due_at, paid_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`)
      .run(seq, number, order.id, order.account_id, total, status, issuedAt, dueAtFor(issuedAt), status === 'Paid' ? issuedAt : null, user.id, issuedAt);
    const invoiceId = Number(info.lastInsertRowid);
    audit(req, { action: 'create', object: 'invoice', recordId: invoiceId, summary: `${number} for order ${order.number}, total ${money(total)}` });
    return invoiceId;
  })();
  return loadInvoice(ctx.db, id);
}

/**
 * A payment (> 0) reduces the open balance; one above the balance is refused (400 on amountCents)
 * and nothing is written. Defect switch overpayment-accepted records it anyway.
 */
export function recordPayment(req: FastifyRequest, ctx: AppContext, invoiceId: number, input: PaymentInput): { invoice: InvoiceRow; paymentId: number } {
  authorize(req, 'payment', 'create');
  const found = loadInvoice(ctx.db, invoiceId);
  const user = authorizeRecord(req, 'payment', 'create', ownershipOf(found), invoiceId);
  const today = nowIso(req).slice(0, 10);
  if (input.paidOn > today) throw new ValidationError({ paidOn: `The payment date cannot be after today (${today})` });
  const at = nowIso(req);
  const write = () => {
    // Re-read inside the transaction so two payments can never both fit the same balance.
    const invoice = loadInvoice(ctx.db, invoiceId);
    const balance = balanceOf(invoice);
    if (input.amountCents > balance && !ctx.faults.on('overpayment-accepted')) {
      throw new ValidationError({
        amountCents: balance === 0
          ? `Invoice ${invoice.number} is fully paid; no further payment can be recorded`
          : `The payment of ${money(input.amountCents)} exceeds the open balance of ${money(balance)}`,
      });
    }
    const info = ctx.db
      .prepare('INSERT INTO payments (invoice_id, amount_cents, paid_on, method, reference, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(invoice.id, input.amountCents, input.paidOn, input.method, input.reference, user.id, at);
    crashPoint(req, 'payment');
    const paid = invoice.paid_cents + input.amountCents;
    const status = storedStatusFor(invoice.total_cents, paid);
    ctx.db.prepare('UPDATE invoices SET paid_cents = ?, status = ?, paid_at = ?, updated_at = ? WHERE id = ?').run(
      paid, status, status === 'Paid' ? at : null, at, invoice.id,
    );
    const id = Number(info.lastInsertRowid);
    audit(req, {
      action: 'create', object: 'payment', recordId: id,
      summary: `${money(input.amountCents)} on ${invoice.number} (${input.method}, ${input.paidOn})`,
      changes: invoice.status === status ? {} : { status: { from: invoice.status, to: status } },
    });
    if (status === 'Paid' && invoice.status !== 'Paid') {
      notifyInvoicePaid(ctx.db, {
        ownerId: invoice.owner_id, invoiceId: invoice.id, invoiceNumber: invoice.number, accountName: invoice.account_name, totalCents: invoice.total_cents,
      }, at);
    }
    claimSubmission(req, `/invoices/${invoice.id}`);
    return id;
  };
  // Defect switch payment-split-write: no transaction, so the payment is committed before the invoice's paid amount.
  const paymentId = (ctx.faults.on('payment-split-write') ? write : ctx.db.transaction(write))();
  return { invoice: loadInvoice(ctx.db, invoiceId), paymentId };
}
