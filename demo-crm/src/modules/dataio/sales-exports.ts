import type { FastifyInstance } from 'fastify';
import { listAccounts } from '../sales-crm/accounts/account-service.js';
import type { AccountRow } from '../sales-crm/accounts/account-store.js';
import { listContacts } from '../sales-crm/contacts/contact-service.js';
import type { ContactRow } from '../sales-crm/contacts/contact-store.js';
import { listLeads } from '../sales-crm/leads/lead-service.js';
import type { LeadRow } from '../sales-crm/leads/lead-store.js';
import { registerExport, type ExportColumn } from './export-registry.js';
import { IMPORT_SPECS, type ImportObjectSpec } from './import-objects.js';

/** Export columns in the import's field order and with its headers: the file imports back as is. */
function columnsOf<T>(spec: ImportObjectSpec, values: Record<string, ExportColumn<T>['value']>): ExportColumn<T>[] {
  return spec.fields.map((f) => {
    const value = values[f.key];
    if (!value) throw new Error(`export of ${spec.plural} has no value for import field ${f.key}`);
    return { header: f.header, value };
  });
}

export function registerSalesExports(app: FastifyInstance): void {
  registerExport<LeadRow>(app, {
    path: 'leads', object: 'lead', title: 'Leads', itemsAreRows: true,
    page: (req, query) => listLeads(req, query).list,
    columns: columnsOf<LeadRow>(IMPORT_SPECS.lead, {
      firstName: (r) => r.firstName, lastName: (r) => r.lastName, company: (r) => r.company, email: (r) => r.email,
      phone: (r) => r.phone, source: (r) => r.source, status: (r) => r.status, owner: (r, h) => h.username(r.ownerId),
    }),
  });
  registerExport<AccountRow>(app, {
    path: 'accounts', object: 'account', title: 'Accounts', itemsAreRows: true,
    page: (req, query) => listAccounts(req, query).list,
    columns: columnsOf<AccountRow>(IMPORT_SPECS.account, {
      name: (r) => r.name, industry: (r) => r.industry, website: (r) => r.website, phone: (r) => r.phone,
      billingCity: (r) => r.billingCity, billingCountry: (r) => r.billingCountry, owner: (r, h) => h.username(r.ownerId),
    }),
  });
  registerExport<ContactRow>(app, {
    path: 'contacts', object: 'contact', title: 'Contacts', itemsAreRows: true,
    page: (req, query) => listContacts(req, query).list,
    columns: columnsOf<ContactRow>(IMPORT_SPECS.contact, {
      firstName: (r) => r.firstName, lastName: (r) => r.lastName, email: (r) => r.email, phone: (r) => r.phone,
      title: (r) => r.title, account: (r) => r.accountName ?? '', owner: (r, h) => h.username(r.ownerId),
    }),
  });
}
