/** Tabs this module adds to the sales-crm opportunity and account pages, and the account money fields. */
import type { FastifyInstance } from 'fastify';
import { actionButton, date, html, money, statusBadge } from '../../core/html.js';
import type { AppContext } from '../../core/module.js';
import { can, canAccessRecord } from '../../core/permissions.js';
import { registerAccountFinancials, registerAccountPanel, registerOpportunityPanel } from '../sales-crm/extensions.js';
import { invoiceStatusNow } from './billing-service.js';
import { listInvoices, listOrders, listQuotes } from './lists.js';
import { isOpenOpportunityStage } from './quote-workflow.js';
import { accountFinancialsOf } from './rollups.js';

const PANEL_PAGE = { page: 1, pageSize: 100, dir: 'desc' as const, sort: 'number' };

export function registerPanels(app: FastifyInstance, ctx: AppContext): void {
  registerAccountFinancials(app, (db, accountId) => accountFinancialsOf(db, ctx.faults, accountId));

  registerOpportunityPanel(app, {
    id: 'quotes',
    label: 'Quotes',
    order: 10,
    visible: (user) => can(user, 'quote', 'list'),
    render(req, opp) {
      const user = req.user;
      if (!user) return html``;
      const list = listQuotes(user, ctx, PANEL_PAGE, { opportunityId: opp.id });
      const mayCreate = canAccessRecord(user, 'quote', 'create', { ownerId: opp.ownerId, ownerTeam: opp.ownerTeam }) && isOpenOpportunityStage(opp.stage);
      return html`${mayCreate ? html`<p>${actionButton(req, { action: `/opportunities/${opp.id}/quotes`, label: 'New quote', variant: 'primary' })}</p>` : ''}
        <div class="table-wrap"><table class="data-table"><caption>Quotes</caption>
          <thead><tr><th scope="col">Quote</th><th scope="col">Status</th><th scope="col" class="num">Grand total</th><th scope="col">Created</th></tr></thead>
          <tbody>${list.items.length
            ? list.items.map((q) => html`<tr><td><a href="/quotes/${q.id}">${q.number}</a></td><td>${statusBadge(q.status, `status-${q.number}`)}</td>
              <td class="num">${money(q.grand_total_cents)}</td><td>${date(q.created_at)}</td></tr>`)
            : html`<tr><td colspan="4" class="empty">No quotes yet</td></tr>`}</tbody>
        </table></div>`;
    },
  });

  registerAccountPanel(app, {
    id: 'invoices',
    label: 'Invoices',
    order: 20,
    visible: (user) => can(user, 'invoice', 'list'),
    render(req, account) {
      const user = req.user;
      if (!user) return html``;
      const list = listInvoices(req, user, ctx, PANEL_PAGE, { accountId: account.id });
      return html`<div class="table-wrap"><table class="data-table"><caption>Invoices</caption>
        <thead><tr><th scope="col">Invoice</th><th scope="col">Status</th><th scope="col" class="num">Total</th><th scope="col" class="num">Open balance</th><th scope="col">Due</th></tr></thead>
        <tbody>${list.items.length
          ? list.items.map((i) => html`<tr><td><a href="/invoices/${i.id}">${i.number}</a></td><td>${statusBadge(invoiceStatusNow(req, i), `status-${i.number}`)}</td>
            <td class="num">${money(i.total_cents)}</td><td class="num">${money(i.total_cents - i.paid_cents)}</td><td>${date(i.due_at)}</td></tr>`)
          : html`<tr><td colspan="5" class="empty">No invoices yet</td></tr>`}</tbody>
      </table></div>`;
    },
  });

  registerAccountPanel(app, {
    id: 'orders',
    label: 'Orders',
    order: 19,
    visible: (user) => can(user, 'order', 'list'),
    render(req, account) {
      const user = req.user;
      if (!user) return html``;
      const list = listOrders(user, ctx, PANEL_PAGE, { accountId: account.id });
      return html`<div class="table-wrap"><table class="data-table"><caption>Orders</caption>
        <thead><tr><th scope="col">Order</th><th scope="col">Quote</th><th scope="col" class="num">Total</th><th scope="col">Invoice</th></tr></thead>
        <tbody>${list.items.length
          ? list.items.map((o) => html`<tr><td><a href="/orders/${o.id}">${o.number}</a></td><td>${o.quote_number}</td><td class="num">${money(o.total_cents)}</td>
            <td>${o.invoice_id ? html`<a href="/invoices/${o.invoice_id}">${o.invoice_number}</a>` : 'Awaiting invoice'}</td></tr>`)
          : html`<tr><td colspan="4" class="empty">No orders yet</td></tr>`}</tbody>
      </table></div>`;
    },
  });
}
