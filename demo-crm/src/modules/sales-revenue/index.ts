import type { CrmModule } from '../../core/module.js';
import { registerApiRoutes } from './api-routes.js';
import { salesRevenueMigrations } from './migrations.js';
import { registerPanels } from './panels.js';
import { registerUiRoutes } from './ui-routes.js';
import { registerRevenueWidgets } from './widgets.js';

/**
 * Quotes, discount approvals, orders, invoices, payments, account roll-ups and the sales/finance
 * dashboard widgets. Rules: demo-crm/docs/sales-revenue.md.
 */
export const salesRevenueModule: CrmModule = {
  name: 'sales-revenue',
  migrations: salesRevenueMigrations,
  nav: [
    { label: 'Quotes', href: '/quotes', object: 'quote', order: 40 },
    { label: 'Approvals', href: '/approvals', object: 'approval', order: 42 },
    { label: 'Orders', href: '/orders', object: 'order', order: 44 },
    { label: 'Invoices', href: '/invoices', object: 'invoice', order: 46 },
    { label: 'Payments', href: '/payments', object: 'payment', order: 48 },
  ],
  register(app, ctx) {
    registerApiRoutes(app, ctx);
    registerUiRoutes(app, ctx);
    registerPanels(app, ctx);
    registerRevenueWidgets(app, ctx);
  },
};
