import type { CrmModule } from '../core/module.js';
import { coreAdminModule } from './core-admin/index.js';
import { salesCrmModule } from './sales-crm/index.js';
import { salesRevenueModule } from './sales-revenue/index.js';
import { serviceModule } from './service/index.js';
import { dataioModule } from './dataio/index.js';

/** Every module of the CRM, in registration and seed order. */
export const modules: CrmModule[] = [
  coreAdminModule,
  salesCrmModule,
  salesRevenueModule,
  serviceModule,
  dataioModule,
];
