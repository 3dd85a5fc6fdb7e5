import type { CrmModule } from '../../core/module.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerBackupRoutes } from './backups/backup-routes.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import { coreMigrations } from './migrations.js';
import { seedStaff } from './seed-users.js';

/** Sign-in, dashboard shell, notifications, users, the audit log and backups. */
export const coreAdminModule: CrmModule = {
  name: 'core-admin',
  migrations: coreMigrations,
  nav: [
    { label: 'Dashboard', href: '/', object: 'dashboard', order: 0 },
    { label: 'Users', href: '/admin/users', object: 'user', order: 90 },
    { label: 'Audit log', href: '/audit', object: 'audit_log', order: 95 },
    { label: 'Backups', href: '/admin/backups', object: 'backup', order: 97 },
  ],
  register(app) {
    registerAuthRoutes(app);
    registerDashboardRoutes(app);
    registerAdminRoutes(app);
    registerBackupRoutes(app);
  },
  seed(ctx) {
    seedStaff(ctx);
  },
};
