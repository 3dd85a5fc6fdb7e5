import type { CrmModule } from '../../core/module.js';
import { registerAccountPages } from './accounts/account-pages.js';
import { registerSalesApi } from './api-routes.js';
import { registerContactPages } from './contacts/contact-pages.js';
import { registerPipelineWidget } from './dashboard-widget.js';
import { registerLeadPages } from './leads/lead-pages.js';
import { salesCrmMigrations } from './migrations.js';
import { registerOpportunityPages } from './opportunities/opportunity-pages.js';
import { registerProductPages } from './products/product-pages.js';
import { seedSalesCrm } from './seed.js';

export { seedVolume } from './seed-volume.js';

/** Leads, conversion, accounts, contacts, opportunities with the pipeline board, and the price book. */
export const salesCrmModule: CrmModule = {
  name: 'sales-crm',
  migrations: salesCrmMigrations,
  nav: [
    { label: 'Leads', href: '/leads', object: 'lead', order: 10 },
    { label: 'Accounts', href: '/accounts', object: 'account', order: 20 },
    { label: 'Contacts', href: '/contacts', object: 'contact', order: 25 },
    { label: 'Opportunities', href: '/opportunities', object: 'opportunity', order: 30 },
    { label: 'Products', href: '/products', object: 'product', order: 80 },
  ],
  register(app) {
    registerSalesApi(app);
    registerLeadPages(app);
    registerAccountPages(app);
    registerContactPages(app);
    registerOpportunityPages(app);
    registerProductPages(app);
    registerPipelineWidget(app);
  },
  seed(ctx) {
    seedSalesCrm(ctx.db);
  },
};
