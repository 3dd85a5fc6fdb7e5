import type { CrmModule } from '../../core/module.js';
import { registerExportRoutes } from './export-route.js';
import { registerImportApi } from './import-api.js';
import { registerImportPages } from './import-pages.js';
import { dataioMigrations } from './migrations.js';
import { registerSalesExports } from './sales-exports.js';

export { exportCsvLink, registerExport, type ExportSpec } from './export-registry.js';

/** Data migration: the CSV import wizard (leads, accounts, contacts) and CSV export of list views. */
export const dataioModule: CrmModule = {
  name: 'dataio',
  migrations: dataioMigrations,
  nav: [{ label: 'Imports', href: '/imports', object: 'import', order: 85 }],
  register(app) {
    registerImportApi(app);
    registerImportPages(app);
    registerExportRoutes(app);
    registerSalesExports(app);
  },
};
