/** List screens: quotes, approvals inbox, orders, invoices, payments. */
import type { FastifyRequest } from 'fastify';
import { dataTable, date, dateTime, html, money, pageHeader, searchBar, statusBadge, type SafeHtml } from '../../core/html.js';
import type { ListResult } from '../../core/list.js';
import type { AppContext } from '../../core/module.js';
import type { SessionUser } from '../../core/permissions.js';
import { mayDecide } from './approval-service.js';
import { APPROVAL_STATUSES, LEVEL_LABEL, QUOTE_STATUSES } from './approval-rules.js';
import { invoiceStatusNow } from './billing-service.js';
import { PAYMENT_METHODS } from './invoice-rules.js';
import { formatBp } from './pricing.js';
import { decisionButtons } from './quote-page.js';
import type { ApprovalRow, InvoiceRow, OrderRow, PaymentRow, QuoteRow } from './records.js';

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export function quotesListBody(list: ListResult<QuoteRow>, query: Record<string, string | undefined>): SafeHtml {
  return html`${pageHeader('Quotes', undefined, 'Quotes are created from an opportunity.')}
    ${searchBar({ baseUrl: '/quotes', q: list.q, filters: [{ name: 'status', label: 'Status', options: opts(QUOTE_STATUSES), value: query.status }] })}
    ${dataTable<QuoteRow>({
      caption: 'Quotes', list, baseUrl: '/quotes', query: { status: query.status },
      columns: [
        { key: 'number', label: 'Quote', sortable: true, render: (q) => html`<a href="/quotes/${q.id}">${q.number}</a>` },
        { key: 'opportunity', label: 'Opportunity', sortable: true, render: (q) => q.opportunity_name },
        { key: 'account', label: 'Account', render: (q) => q.account_name },
        { key: 'owner', label: 'Owner', render: (q) => q.owner_name },
        { key: 'status', label: 'Status', sortable: true, render: (q) => statusBadge(q.status, `status-${q.number}`) },
        { key: 'total', label: 'Grand total', sortable: true, numeric: true, render: (q) => money(q.grand_total_cents) },
        { key: 'created', label: 'Created', sortable: true, render: (q) => dateTime(q.created_at) },
      ],
    })}`;
}

export function approvalsListBody(
  req: FastifyRequest,
  ctx: AppContext,
  user: SessionUser,
  list: ListResult<ApprovalRow>,
  status: string,
  alert?: string,
): SafeHtml {
  const statusOptions = [...opts(APPROVAL_STATUSES), { value: 'all', label: 'All' }];
  return html`${pageHeader('Approvals', undefined, 'Discount approval requests for quotes')}
    ${alert ? html`<div class="error-summary" role="alert" data-testid="action-error"><p>${alert}</p></div>` : ''}
    <form role="search" method="get" action="/approvals" class="search-bar" aria-label="Search and filter">
      <div class="field"><label for="search-q">Search</label><input type="search" id="search-q" name="q" value="${list.q}"></div>
      <div class="field"><label for="filter-status">Status</label><select id="filter-status" name="status">${statusOptions.map(
        (o) => html`<option value="${o.value}"${o.value === status ? html` selected` : ''}>${o.label}</option>`,
      )}</select></div>
      <div class="field field-submit"><button type="submit" class="btn btn-secondary">Apply</button></div>
    </form>
    ${dataTable<ApprovalRow>({
      caption: 'Approval requests', list, baseUrl: '/approvals', query: { status }, empty: 'Nothing waiting for a decision',
      columns: [
        { key: 'quote', label: 'Quote', sortable: true, render: (a) => html`<a href="/quotes/${a.quote_id}" id="approval-${a.id}">${a.quote_number}</a>` },
        { key: 'opportunity', label: 'Opportunity', render: (a) => a.opportunity_name },
        { key: 'owner', label: 'Requested by', render: (a) => a.requested_by_name },
        { key: 'discount', label: 'Max discount', sortable: true, numeric: true, render: (a) => `${formatBp(a.max_discount_bp)}%` },
        { key: 'total', label: 'Grand total', sortable: true, numeric: true, render: (a) => money(a.grand_total_cents) },
        { key: 'level', label: 'Needs', render: (a) => LEVEL_LABEL[a.level] },
        { key: 'status', label: 'Status', sortable: true, render: (a) => statusBadge(a.status, `approval-status-${a.quote_number}`) },
        { key: 'requested', label: 'Requested', sortable: true, render: (a) => dateTime(a.requested_at) },
        {
          key: 'actions', label: 'Decision',
          render: (a) => a.status !== 'Pending'
            ? html`${a.decided_by_name ?? ''}${a.comment ? html`: ${a.comment}` : ''}`
            : mayDecide(ctx, user, a)
              ? decisionButtons(req, a, '/approvals')
              : html`<span class="muted">Needs an admin</span>`,
        },
      ],
    })}`;
}

export function ordersListBody(list: ListResult<OrderRow>, query: Record<string, string | undefined>): SafeHtml {
  return html`${pageHeader('Orders')}
    ${searchBar({ baseUrl: '/orders', q: list.q, filters: [{ name: 'invoiced', label: 'Invoiced', options: [{ value: 'yes', label: 'Invoiced' }, { value: 'no', label: 'Awaiting invoice' }], value: query.invoiced }] })}
    ${dataTable<OrderRow>({
      caption: 'Orders', list, baseUrl: '/orders', query: { invoiced: query.invoiced },
      columns: [
        { key: 'number', label: 'Order', sortable: true, render: (o) => html`<a href="/orders/${o.id}">${o.number}</a>` },
        { key: 'account', label: 'Account', sortable: true, render: (o) => o.account_name },
        { key: 'quote', label: 'Quote', render: (o) => o.quote_number },
        { key: 'owner', label: 'Owner', render: (o) => o.owner_name },
        { key: 'total', label: 'Total', sortable: true, numeric: true, render: (o) => money(o.total_cents) },
        { key: 'invoice', label: 'Invoice', render: (o) => o.invoice_id ? html`<a href="/invoices/${o.invoice_id}">${o.invoice_number}</a>` : statusBadge('Awaiting invoice', `order-status-${o.number}`) },
        { key: 'created', label: 'Created', sortable: true, render: (o) => dateTime(o.created_at) },
      ],
    })}`;
}

export function invoicesListBody(req: FastifyRequest, list: ListResult<InvoiceRow>, query: Record<string, string | undefined>): SafeHtml {
  const statusOptions = [...opts(['Issued', 'Partially paid', 'Paid', 'Overdue']), { value: 'open', label: 'Unpaid (any)' }];
  return html`${pageHeader('Invoices')}
    ${searchBar({ baseUrl: '/invoices', q: list.q, filters: [{ name: 'status', label: 'Status', options: statusOptions, value: query.status }] })}
    ${dataTable<InvoiceRow>({
      caption: 'Invoices', list, baseUrl: '/invoices', query: { status: query.status },
      columns: [
        { key: 'number', label: 'Invoice', sortable: true, render: (i) => html`<a href="/invoices/${i.id}">${i.number}</a>` },
        { key: 'account', label: 'Account', sortable: true, render: (i) => i.account_name },
        { key: 'status', label: 'Status', render: (i) => statusBadge(invoiceStatusNow(req, i), `status-${i.number}`) },
        { key: 'total', label: 'Total', sortable: true, numeric: true, render: (i) => money(i.total_cents) },
        { key: 'balance', label: 'Open balance', sortable: true, numeric: true, render: (i) => money(i.total_cents - i.paid_cents) },
        { key: 'issued', label: 'Issued', sortable: true, render: (i) => date(i.issued_at) },
        { key: 'due', label: 'Due', sortable: true, render: (i) => date(i.due_at) },
      ],
    })}`;
}

export function paymentsListBody(list: ListResult<PaymentRow>, query: Record<string, string | undefined>): SafeHtml {
  return html`${pageHeader('Payments')}
    ${searchBar({ baseUrl: '/payments', q: list.q, filters: [{ name: 'method', label: 'Method', options: opts(PAYMENT_METHODS), value: query.method }] })}
    ${dataTable<PaymentRow>({
      caption: 'Payments', list, baseUrl: '/payments', query: { method: query.method },
      columns: [
        { key: 'invoice', label: 'Invoice', sortable: true, render: (p) => html`<a href="/invoices/${p.invoice_id}">${p.invoice_number}</a>` },
        { key: 'account', label: 'Account', render: (p) => p.account_name },
        { key: 'paidOn', label: 'Paid on', sortable: true, render: (p) => p.paid_on },
        { key: 'method', label: 'Method', render: (p) => p.method },
        { key: 'amount', label: 'Amount', sortable: true, numeric: true, render: (p) => money(p.amount_cents) },
        { key: 'recordedBy', label: 'Recorded by', render: (p) => p.recorded_by_name },
      ],
    })}`;
}
