import { routeKey, type MatrixRoute, type OutsideRoute, type RecordKind } from './route-rules.js';
import type { Action, PermObject } from './model.js';

/**
 * Every page the CRM serves (GET, HTML), classified on OUR side from docs/permissions.md exactly as
 * route-rules.ts classifies the API: which matrix object and action opening it is, and which record
 * its :id names. Opened by direct URL as every role, each page must answer as the matrix says — the
 * screens a menu never offers included. A served page missing here, or a row the CRM no longer
 * serves, fails by name: a new screen gets its row before it ships.
 */
const page = (path: string, object: PermObject, action: Action, record?: RecordKind): MatrixRoute =>
  ({ method: 'GET', path, object, action, ...(record ? { record } : {}) });
const portalPage = (path: string, action: Action, record?: RecordKind): MatrixRoute => ({ ...page(path, 'ticket', action, record), surface: 'portal' });

export const PAGE_ROUTES: readonly MatrixRoute[] = [
  // a form page is the action it submits; an edit form is opened on a record
  page('/leads', 'lead', 'list'),
  page('/leads/new', 'lead', 'create'),
  page('/leads/:id', 'lead', 'view', 'lead'),
  page('/leads/:id/edit', 'lead', 'edit', 'newLead'),
  page('/accounts', 'account', 'list'),
  page('/accounts/new', 'account', 'create'),
  page('/accounts/:id', 'account', 'view', 'account'),
  page('/accounts/:id/edit', 'account', 'edit', 'account'),
  page('/contacts', 'contact', 'list'),
  page('/contacts/new', 'contact', 'create'),
  page('/contacts/:id', 'contact', 'view', 'contact'),
  page('/contacts/:id/edit', 'contact', 'edit', 'contact'),
  page('/opportunities', 'opportunity', 'list'),
  // the pipeline board is the opportunity list (docs/permissions.md, "Routes")
  page('/opportunities/board', 'opportunity', 'list'),
  page('/opportunities/new', 'opportunity', 'create'),
  page('/opportunities/:id', 'opportunity', 'view', 'opportunity'),
  page('/opportunities/:id/edit', 'opportunity', 'edit', 'opportunity'),
  page('/quotes', 'quote', 'list'),
  page('/quotes/:id', 'quote', 'view', 'quote'),
  // changing a line of a Draft quote is editing the quote
  page('/quotes/:id/lines/:lineId/edit', 'quote', 'edit', 'draftQuote'),
  page('/approvals', 'approval', 'list'),
  page('/orders', 'order', 'list'),
  page('/orders/:id', 'order', 'view', 'order'),
  page('/invoices', 'invoice', 'list'),
  page('/invoices/:id', 'invoice', 'view', 'invoice'),
  page('/payments', 'payment', 'list'),
  page('/tickets', 'ticket', 'list'),
  page('/tickets/new', 'ticket', 'create'),
  page('/tickets/:id', 'ticket', 'view', 'ticket'),
  // the SLA board counts every open ticket and every agent's load: for those who see every ticket
  { ...page('/service/sla', 'ticket', 'list'), everyRecord: true },
  portalPage('/portal', 'list'),
  portalPage('/portal/tickets/new', 'create'),
  portalPage('/portal/tickets/:id', 'view', 'ticket'),
  page('/products', 'product', 'list'),
  page('/products/new', 'product', 'create'),
  page('/products/:id', 'product', 'view', 'product'),
  page('/products/:id/edit', 'product', 'edit', 'product'),
  page('/admin/users', 'user', 'list'),
  page('/audit', 'auditLog', 'list'),
  page('/imports', 'import', 'list'),
  page('/imports/new', 'import', 'create'),
  page('/imports/:id', 'import', 'view', 'import'),
  // its rejected rows are a view of the import; a template is part of starting one (decision 7)
  page('/imports/:id/rejected.csv', 'import', 'view', 'import'),
  { ...page('/imports/templates/:file', 'import', 'create'), concrete: 'leads.csv' },
  // exports follow the list scope (decision 6)
  { ...page('/export/:file', 'lead', 'export'), concrete: 'leads.csv' },
  { ...page('/export/:file', 'account', 'export'), concrete: 'accounts.csv' },
  { ...page('/export/:file', 'contact', 'export'), concrete: 'contacts.csv' },
];

/** Pages the matrix does not govern, and who may open them. */
export interface OutsidePage extends Pick<OutsideRoute, 'path' | 'why'> {
  /**
   * staff: every staff role, the customer refused (403) · admin: the admin alone · sign-in: the sign-in
   * page of `surface`: a user already signed in there is sent to their start page, anyone else shown it ·
   * uploader: a step of an import's wizard, its uploader's alone — tried on the probe world's imports,
   * which have run: the uploader is told so (409), everyone else refused (403)
   */
  open: 'staff' | 'admin' | 'sign-in' | 'uploader';
  surface?: 'staff' | 'portal';
}

export const OUTSIDE_PAGES: readonly OutsidePage[] = [
  { path: '/login', open: 'sign-in', surface: 'staff', why: 'the staff sign-in page' },
  { path: '/portal/login', open: 'sign-in', surface: 'portal', why: "the customers' sign-in page" },
  { path: '/', open: 'staff', why: "each staff role's dashboard of the figures it may see (AC-PERM-16); the customer has the portal" },
  { path: '/notifications', open: 'staff', why: "every staff user's own notifications; the customer has the portal instead" },
  { path: '/imports/:id/mapping', open: 'uploader', why: 'continuing an upload (map, validate, run) is the uploader\'s alone, whatever the import scope (demo-crm/docs/data-migration.md §4)' },
  { path: '/imports/:id/review', open: 'uploader', why: 'the same wizard: its review step' },
  { path: '/admin/backups', open: 'admin', why: 'backups hold every record and password hash: the admin alone (AC-STAB-08); the matrix has no backup object' },
];

/** Served GET pages (not /api, not /static) against the two tables: both lists must be empty. */
export function comparePagesWithServed(served: readonly { method: string; path: string }[]): { unclassified: string[]; notServed: string[] } {
  const pages = served.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/') && !r.path.startsWith('/static/')).map(routeKey);
  const ours = new Set([...PAGE_ROUTES.map(routeKey), ...OUTSIDE_PAGES.map((p) => routeKey({ method: 'GET', path: p.path }))]);
  const theirs = new Set(pages);
  return { unclassified: pages.filter((k) => !ours.has(k)).sort(), notServed: [...ours].filter((k) => !theirs.has(k)).sort() };
}
