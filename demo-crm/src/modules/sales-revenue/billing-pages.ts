/** Order and invoice detail screens (Issue invoice, Record payment dialog, payments table). */
import type { FastifyRequest } from 'fastify';
import {
  actionButton, card, dateTime, date, detailList, errorSummary, field, formTag, html, money, pageHeader, statusBadge, type SafeHtml,
} from '../../core/html.js';
import type { AppContext } from '../../core/module.js';
import { can, canAccessRecord, type SessionUser } from '../../core/permissions.js';
import { balanceOf, invoiceStatusNow } from './billing-service.js';
import { nowIso } from '../../core/clock.js';
import { PAYMENT_METHODS } from './invoice-rules.js';
import { formatBp } from './pricing.js';
import { loadInvoicePayments, loadOrderLines, ownershipOf, type InvoiceRow, type OrderRow } from './records.js';

function alertBox(alert?: string): SafeHtml {
  return alert ? html`<div class="error-summary" role="alert" data-testid="action-error"><p>${alert}</p></div>` : html``;
}

export function orderPageBody(req: FastifyRequest, ctx: AppContext, user: SessionUser, o: OrderRow, alert?: string): SafeHtml {
  const lines = loadOrderLines(ctx.db, o.id);
  const mayInvoice = can(user, 'invoice', 'create') && canAccessRecord(user, 'invoice', 'create', ownershipOf(o));
  const actions = mayInvoice && o.invoice_id === null
    ? actionButton(req, { action: `/orders/${o.id}/invoice`, label: 'Issue invoice', variant: 'primary' })
    : html``;
  return html`${pageHeader(`Order ${o.number}`, actions, html`<a href="/quotes/${o.quote_id}">Quote ${o.quote_number}</a> · ${o.account_name}`)}
    ${alertBox(alert)}
    <p>${statusBadge(o.invoice_id === null ? 'Awaiting invoice' : 'Invoiced')}</p>
    ${card('Details', detailList([
      { key: 'number', label: 'Order number', value: o.number },
      { key: 'account', label: 'Account', value: o.account_name },
      { key: 'opportunity', label: 'Opportunity', value: html`<a href="/opportunities/${o.opportunity_id}">${o.opportunity_name}</a>` },
      { key: 'owner', label: 'Owner', value: o.owner_name },
      { key: 'subtotal', label: 'Subtotal', value: money(o.subtotal_cents) },
      { key: 'tax', label: 'Tax', value: money(o.tax_cents) },
      { key: 'total', label: 'Total', value: money(o.total_cents) },
      { key: 'invoice', label: 'Invoice', value: o.invoice_id ? html`<a href="/invoices/${o.invoice_id}">${o.invoice_number}</a>` : '—' },
      { key: 'createdAt', label: 'Created', value: dateTime(o.created_at) },
    ]))}
    <div class="table-wrap"><table class="data-table"><caption>Order lines</caption>
      <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th>
        <th scope="col" class="num">Discount</th><th scope="col" class="num">Net</th><th scope="col" class="num">Tax</th><th scope="col" class="num">Line total</th></tr></thead>
      <tbody>${lines.map((l) => html`<tr><th scope="row">${l.product_name}</th><td>${l.product_sku}</td><td class="num">${l.quantity}</td>
        <td class="num">${money(l.unit_price_cents)}</td><td class="num">${formatBp(l.discount_bp)}%</td><td class="num" data-testid="line-net">${money(l.net_cents)}</td>
        <td class="num" data-testid="line-tax">${money(l.tax_cents)}</td><td class="num" data-testid="line-total">${money(l.total_cents)}</td></tr>`)}</tbody>
    </table></div>`;
}

export interface PaymentFormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

function paymentFields(req: FastifyRequest, inv: InvoiceRow, s: PaymentFormState): SafeHtml {
  const v = s.values ?? {};
  return html`${errorSummary(s.errors)}
    ${field({ name: 'amount', label: 'Amount ($)', value: v.amount ?? '', error: s.errors?.amount, required: true, hint: `Open balance ${money(balanceOf(inv))}` })}
    ${field({ name: 'paidOn', label: 'Payment date', type: 'date', value: v.paidOn ?? nowIso(req).slice(0, 10), error: s.errors?.paidOn, required: true })}
    ${field({ name: 'method', label: 'Method', type: 'select', options: PAYMENT_METHODS.map((m) => ({ value: m, label: m })), value: v.method ?? 'Bank transfer', error: s.errors?.method, required: true })}
    ${field({ name: 'reference', label: 'Reference', value: v.reference ?? '', error: s.errors?.reference })}`;
}

/** The dialog normally; after a refused submit the same fields inline, so the errors are visible. */
function paymentForm(req: FastifyRequest, inv: InvoiceRow, s: PaymentFormState): { action?: SafeHtml; inline?: SafeHtml } {
  const action = `/invoices/${inv.id}/payments`;
  if (s.errors && Object.keys(s.errors).length > 0) {
    return { inline: card('Record payment', formTag(req, { action, body: paymentFields(req, inv, s), submitLabel: 'Save payment', label: 'Record payment', once: true })) };
  }
  return {
    action: actionButton(req, {
      action, label: 'Record payment', variant: 'primary',
      dialog: { title: `Record payment on ${inv.number}`, body: paymentFields(req, inv, s), confirmLabel: 'Save payment', once: true },
    }),
  };
}

export function invoicePageBody(req: FastifyRequest, ctx: AppContext, user: SessionUser, inv: InvoiceRow, s: PaymentFormState & { alert?: string } = {}): SafeHtml {
  const payments = loadInvoicePayments(ctx.db, inv.id);
  const status = invoiceStatusNow(req, inv);
  const mayPay = can(user, 'payment', 'create') && canAccessRecord(user, 'payment', 'create', ownershipOf(inv));
  const form = mayPay && balanceOf(inv) > 0 || mayPay && ctx.faults.on('overpayment-accepted') ? paymentForm(req, inv, s) : {};
  return html`${pageHeader(`Invoice ${inv.number}`, form.action, html`<a href="/orders/${inv.order_id}">Order ${inv.order_number}</a> · ${inv.account_name}`)}
    ${alertBox(s.alert)}
    ${form.inline ?? ''}
    <p>${statusBadge(status)}</p>
    ${card('Details', detailList([
      { key: 'number', label: 'Invoice number', value: inv.number },
      { key: 'account', label: 'Account', value: inv.account_name },
      { key: 'order', label: 'Order', value: html`<a href="/orders/${inv.order_id}">${inv.order_number}</a>` },
      { key: 'owner', label: 'Sales owner', value: inv.owner_name },
      { key: 'issuedAt', label: 'Issue date', value: date(inv.issued_at) },
      { key: 'dueAt', label: 'Due date', value: date(inv.due_at) },
      { key: 'total', label: 'Total', value: money(inv.total_cents) },
      { key: 'paid', label: 'Paid', value: money(inv.paid_cents) },
      { key: 'openBalance', label: 'Open balance', value: money(balanceOf(inv)) },
    ]))}
    <div class="table-wrap"><table class="data-table"><caption>Payments</caption>
      <thead><tr><th scope="col">Paid on</th><th scope="col">Method</th><th scope="col">Reference</th><th scope="col" class="num">Amount</th><th scope="col">Recorded by</th></tr></thead>
      <tbody>${payments.length
        ? payments.map((p) => html`<tr><td>${p.paid_on}</td><td>${p.method}</td><td>${p.reference}</td><td class="num" data-testid="payment-amount">${money(p.amount_cents)}</td><td>${p.recorded_by_name}</td></tr>`)
        : html`<tr><td colspan="5" class="empty">No payments yet</td></tr>`}</tbody>
    </table></div>`;
}
