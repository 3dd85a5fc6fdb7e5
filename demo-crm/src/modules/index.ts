import type { CrmModule } from '../core/module.js';
import { coreAdminModule } from './core-admin/index.js';

/** Every module of the CRM, in registration and seed order. */
export const modules: CrmModule[] = [
  coreAdminModule,
];
