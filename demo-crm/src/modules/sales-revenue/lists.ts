/** List queries (server-side paging, sorting, search and filters), each limited to the caller's scope. */
import type { FastifyRequest } from 'fastify';
import { nowIso } from '../../core/clock.js';
import { runList, type ListParams, type ListResult } from '../../core/list.js';
import type { AppContext } from '../../core/module.js';
import { scopeSql, type PermissionObject, type SessionUser } from '../../core/permissions.js';
import { QUOTE_STATUSES } from './approval-rules.js';
import { PAYMENT_METHODS } from './invoice-rules.js';
import {
  INVOICE_FROM, INVOICE_SELECT, ORDER_FROM, ORDER_SELECT, PAYMENT_FROM, PAYMENT_SELECT, QUOTE_FROM, QUOTE_SELECT,
  type InvoiceRow, type OrderRow, type PaymentRow, type QuoteRow,
} from './records.js';

export interface ListFilters {
  status?: string | undefined;
  opportunityId?: number | undefined;
  accountId?: number | undefined;
  invoiceId?: number | undefined;
  invoiced?: string | undefined;
  method?: string | undefined;
}

function scoped(user: SessionUser, object: PermissionObject): { where: string[]; params: unknown[] } {
  const s = scopeSql(user, object, 'list', { owner: 'op.owner_id' });
  return { where: [s.sql], params: [...s.params] };
}

export function listQuotes(user: SessionUser, ctx: AppContext, p: ListParams, f: ListFilters): ListResult<QuoteRow> {
  const { where, params } = scoped(user, 'quote');
  if (f.status && (QUOTE_STATUSES as readonly string[]).includes(f.status)) {
    where.push('q.status = ?');
    params.push(f.status);
  }
  if (f.opportunityId) {
    where.push('q.opportunity_id = ?');
    params.push(f.opportunityId);
  }
  if (f.accountId) {
    where.push('op.account_id = ?');
    params.push(f.accountId);
  }
  return runList<QuoteRow>(ctx.db, {
    select: QUOTE_SELECT, from: QUOTE_FROM, where, params,
    searchColumns: ['q.number', 'op.name', 'a.name'], q: p.q,
    sortColumns: { number: 'q.seq', created: 'q.created_at', total: 'q.grand_total_cents', status: 'q.status', opportunity: 'op.name' },
    sort: p.sort, dir: p.sort ? p.dir : 'desc', defaultSort: 'number', page: p.page, pageSize: p.pageSize,
  });
}

export function listOrders(user: SessionUser, ctx: AppContext, p: ListParams, f: ListFilters): ListResult<OrderRow> {
  const { where, params } = scoped(user, 'order');
  if (f.invoiced === 'yes') where.push('i.id IS NOT NULL');
  if (f.invoiced === 'no') where.push('i.id IS NULL');
  if (f.accountId) {
    where.push('o.account_id = ?');
    params.push(f.accountId);
  }
  if (f.opportunityId) {
    where.push('o.opportunity_id = ?');
    params.push(f.opportunityId);
  }
  return runList<OrderRow>(ctx.db, {
    select: ORDER_SELECT, from: ORDER_FROM, where, params,
    searchColumns: ['o.number', 'a.name'], q: p.q,
    sortColumns: { number: 'o.seq', created: 'o.created_at', total: 'o.total_cents', account: 'a.name' },
    sort: p.sort, dir: p.sort ? p.dir : 'desc', defaultSort: 'number', page: p.page, pageSize: p.pageSize,
  });
}

/** Status filter follows what is displayed: Overdue is derived from now(req), so Issued excludes it. */
export function listInvoices(req: FastifyRequest, user: SessionUser, ctx: AppContext, p: ListParams, f: ListFilters): ListResult<InvoiceRow> {
  const { where, params } = scoped(user, 'invoice');
  const at = nowIso(req);
  switch (f.status) {
    case 'Issued':
    case 'Partially paid':
      where.push('i.status = ? AND i.due_at >= ?');
      params.push(f.status, at);
      break;
    case 'Paid':
      where.push(`i.status = 'Paid'`);
      break;
    case 'Overdue':
      where.push(`i.status <> 'Paid' AND i.due_at < ?`);
      params.push(at);
      break;
    case 'open':
      where.push(`i.status <> 'Paid'`);
      break;
    default:
      break;
  }
  if (f.accountId) {
    where.push('i.account_id = ?');
    params.push(f.accountId);
  }
  return runList<InvoiceRow>(ctx.db, {
    select: INVOICE_SELECT, from: INVOICE_FROM, where, params,
    searchColumns: ['i.number', 'a.name'], q: p.q,
    sortColumns: {
      number: 'i.seq', issued: 'i.issued_at', due: 'i.due_at', total: 'i.total_cents', balance: '(i.total_cents - i.paid_cents)', account: 'a.name',
    },
    sort: p.sort, dir: p.sort ? p.dir : 'desc', defaultSort: 'number', page: p.page, pageSize: p.pageSize,
  });
}

export function listPayments(user: SessionUser, ctx: AppContext, p: ListParams, f: ListFilters): ListResult<PaymentRow> {
  const { where, params } = scoped(user, 'payment');
  if (f.invoiceId) {
    where.push('p.invoice_id = ?');
    params.push(f.invoiceId);
  }
  if (f.method && (PAYMENT_METHODS as readonly string[]).includes(f.method)) {
    where.push('p.method = ?');
    params.push(f.method);
  }
  if (f.accountId) {
    where.push('i.account_id = ?');
    params.push(f.accountId);
  }
  return runList<PaymentRow>(ctx.db, {
    select: PAYMENT_SELECT, from: PAYMENT_FROM, where, params,
    searchColumns: ['i.number', 'a.name'], q: p.q,
    sortColumns: { paidOn: 'p.paid_on', amount: 'p.amount_cents', invoice: 'i.seq', id: 'p.id' },
    sort: p.sort, dir: p.sort ? p.dir : 'desc', defaultSort: 'paidOn', page: p.page, pageSize: p.pageSize,
  });
}
