/**
 * Sales and finance dashboard widgets. Every number is a query over the records behind it, limited by
 * the same scope as the list the metric links to, and "this month" comes from now(req).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { now, nowIso } from '../../core/clock.js';
import { registerWidget, type DashboardMetric } from '../../core/dashboard.js';
import { money } from '../../core/html.js';
import type { AppContext } from '../../core/module.js';
import { can, scopeSql, type PermissionObject, type SessionUser } from '../../core/permissions.js';
import { monthBounds } from './invoice-rules.js';

const count = (id: string, label: string, n: number, href?: string): DashboardMetric => ({ id, label, value: String(n), raw: n, ...(href ? { href } : {}) });
const amount = (id: string, label: string, cents: number, href?: string): DashboardMetric => ({ id, label, value: money(cents), raw: cents, ...(href ? { href } : {}) });

function scoped(user: SessionUser, object: PermissionObject) {
  return scopeSql(user, object, 'list', { owner: 'op.owner_id' });
}

/** Σ amount and count of opportunities Closed Won in the calendar month (UTC) of the request's now. */
export function wonThisMonth(req: FastifyRequest, ctx: AppContext, user: SessionUser): { cents: number; count: number } {
  const { start, end } = monthBounds(now(req));
  const scope = scoped(user, 'opportunity');
  const row = ctx.db
    .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(op.amount_cents), 0) AS s FROM opportunities op
              WHERE op.stage = 'Closed Won' AND op.closed_at >= ? AND op.closed_at < ? AND ${scope.sql}`)
    .get(start, end, ...scope.params) as { n: number; s: number };
  // Defect switch dashboard-double-counts-won: every won opportunity is counted twice.
  const factor = ctx.faults.on('dashboard-double-counts-won') ? 2 : 1;
  return { cents: row.s * factor, count: row.n * factor };
}

const INVOICE_BALANCE = `i.total_cents - COALESCE((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)`;
const INVOICE_SCOPE_FROM = `invoices i JOIN orders o ON o.id = i.order_id JOIN opportunities op ON op.id = o.opportunity_id`;

export function openInvoices(req: FastifyRequest, ctx: AppContext, user: SessionUser) {
  const scope = scoped(user, 'invoice');
  const at = nowIso(req);
  return ctx.db
    .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(${INVOICE_BALANCE}), 0) AS balance,
                COALESCE(SUM(CASE WHEN i.due_at < ? THEN 1 ELSE 0 END), 0) AS overdue,
                COALESCE(SUM(CASE WHEN i.due_at < ? THEN ${INVOICE_BALANCE} ELSE 0 END), 0) AS overdue_balance
              FROM ${INVOICE_SCOPE_FROM} WHERE i.status <> 'Paid' AND ${scope.sql}`)
    .get(at, at, ...scope.params) as { n: number; balance: number; overdue: number; overdue_balance: number };
}

export function registerRevenueWidgets(app: FastifyInstance, ctx: AppContext): void {
  registerWidget(app, {
    id: 'sales-results',
    title: 'Sales results',
    order: 20,
    visible: (user) => can(user, 'opportunity', 'list'),
    metrics(req, user) {
      const won = wonThisMonth(req, ctx, user);
      const metrics = [
        amount('won-this-month', 'Won this month', won.cents, '/opportunities?stage=Closed%20Won'),
        count('won-this-month-count', 'Deals won this month', won.count),
      ];
      if (can(user, 'quote', 'list')) {
        const scope = scoped(user, 'quote');
        const pending = ctx.db
          .prepare(`SELECT COUNT(*) AS n FROM quotes q JOIN opportunities op ON op.id = q.opportunity_id
                    WHERE q.status = 'Pending approval' AND ${scope.sql}`)
          .get(...scope.params) as { n: number };
        metrics.push(count('quotes-pending-approval', 'Quotes pending approval', pending.n, '/quotes?status=Pending%20approval'));
      }
      return metrics;
    },
  });

  registerWidget(app, {
    id: 'finance',
    title: 'Invoices and payments',
    order: 30,
    visible: (user) => can(user, 'invoice', 'list'),
    metrics(req, user) {
      const open = openInvoices(req, ctx, user);
      const { start, end } = monthBounds(now(req));
      const payScope = scoped(user, 'payment');
      const paid = ctx.db
        .prepare(`SELECT COALESCE(SUM(p.amount_cents), 0) AS s FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN orders o ON o.id = i.order_id
                  JOIN opportunities op ON op.id = o.opportunity_id
                  WHERE p.paid_on >= ? AND p.paid_on < ? AND ${payScope.sql}`)
        .get(start.slice(0, 10), end.slice(0, 10), ...payScope.params) as { s: number };
      const orderScope = scoped(user, 'order');
      const toInvoice = ctx.db
        .prepare(`SELECT COUNT(*) AS n FROM orders o JOIN opportunities op ON op.id = o.opportunity_id
                  WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id) AND ${orderScope.sql}`)
        .get(...orderScope.params) as { n: number };
      return [
        amount('open-invoice-balance', 'Open invoice balance', open.balance, '/invoices?status=open'),
        count('open-invoices', 'Unpaid invoices', open.n, '/invoices?status=open'),
        count('overdue-invoices', 'Overdue invoices', open.overdue, '/invoices?status=Overdue'),
        amount('overdue-balance', 'Overdue balance', open.overdue_balance, '/invoices?status=Overdue'),
        amount('payments-this-month', 'Payments received this month', paid.s, '/payments'),
        count('orders-to-invoice', 'Orders awaiting an invoice', toInvoice.n, '/orders?invoiced=no'),
      ];
    },
  });

  registerWidget(app, {
    id: 'approvals',
    title: 'Approvals',
    order: 25,
    visible: (user) => can(user, 'approval', 'approve'),
    metrics(_req, user) {
      const scope = scopeSql(user, 'approval', 'list', { owner: 'op.owner_id' });
      const row = ctx.db
        .prepare(`SELECT COUNT(*) AS n FROM approvals ar JOIN quotes q ON q.id = ar.quote_id JOIN opportunities op ON op.id = q.opportunity_id
                  WHERE ar.status = 'Pending' AND ${scope.sql}`)
        .get(...scope.params) as { n: number };
      return [count('approvals-pending', 'Approvals waiting for a decision', row.n, '/approvals')];
    },
  });
}
