import type { Action, PermObject } from './model.js';

/**
 * Every /api route of the CRM, classified on OUR side from docs/permissions.md (never from the CRM's
 * permission table): which matrix object and action a call is, and which record its :id names. The
 * every-route spec compares this table with the route list the CRM serves: a served route missing
 * here, or a row here the CRM no longer serves, fails by name.
 *
 * `surface`: customers use the portal API and staff the staff API (docs/permissions.md, "Routes");
 * a call on the other surface is refused whatever the matrix cell says.
 */
export type RecordKind =
  // the worker's probe world (read-only use)
  | 'lead' | 'account' | 'contact' | 'opportunity' | 'quote' | 'approval' | 'order' | 'invoice' | 'ticket' | 'import'
  | 'product' | 'user'
  // fresh records, made per route in the state the call needs
  | 'newLead' | 'qualifiedLead' | 'newAccount' | 'newContact' | 'newOpportunity' | 'draftQuote' | 'discountedDraft'
  | 'sentQuote' | 'pendingQuote' | 'pendingApproval' | 'openOrder' | 'openInvoice'
  | 'openTicket' | 'pendingTicket' | 'escalatedTicket' | 'queueTicket' | 'resolvedTicket' | 'closedTicket';

export interface MatrixRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  object: PermObject;
  action: Action;
  /** the record the :id names; absent on collection routes */
  record?: RecordKind;
  surface?: 'staff' | 'portal';
  /** an allowed call uses its record up (status moves on, record gone): each allowed role gets a fresh one */
  consumes?: boolean;
  /** a concrete value for a non-id parameter (:file) */
  concrete?: string;
  /** a board over every record: only roles whose scope of the action is `any` (a partial board would mislead) */
  everyRecord?: true;
}

/** Routes the matrix does not govern, and what is checked of them instead. */
export interface OutsideRoute {
  method: 'GET' | 'POST';
  path: string;
  /** public: anyone signed in; staff-self: every staff user, their own (customers have the portal instead) */
  kind: 'public' | 'staff-self' | 'not-called';
  why: string;
}

const staff = (method: MatrixRoute['method'], path: string, object: PermObject, action: Action, record?: RecordKind, consumes = false): MatrixRoute =>
  ({ method, path, object, action, ...(record ? { record } : {}), ...(consumes ? { consumes } : {}) });
const portal = (method: MatrixRoute['method'], path: string, action: Action, record?: RecordKind, consumes = false): MatrixRoute =>
  ({ ...staff(method, path, 'ticket', action, record, consumes), surface: 'portal' });

export const MATRIX_ROUTES: readonly MatrixRoute[] = [
  // Leads (AC-PERM-01); status, conversion and deletion are edits/deletes of the lead
  staff('GET', '/api/leads', 'lead', 'list'),
  staff('POST', '/api/leads', 'lead', 'create'),
  staff('GET', '/api/leads/:id', 'lead', 'view', 'lead'),
  staff('PATCH', '/api/leads/:id', 'lead', 'edit', 'newLead'),
  staff('DELETE', '/api/leads/:id', 'lead', 'delete', 'newLead', true),
  staff('POST', '/api/leads/:id/status', 'lead', 'edit', 'newLead', true),
  staff('POST', '/api/leads/:id/convert', 'lead', 'edit', 'qualifiedLead', true),
  // Accounts (AC-PERM-02); the roll-up is part of viewing the account
  staff('GET', '/api/accounts', 'account', 'list'),
  staff('POST', '/api/accounts', 'account', 'create'),
  staff('GET', '/api/accounts/:id', 'account', 'view', 'account'),
  staff('PATCH', '/api/accounts/:id', 'account', 'edit', 'newAccount'),
  staff('GET', '/api/accounts/:id/rollup', 'account', 'view', 'account'),
  // Contacts (AC-PERM-03)
  staff('GET', '/api/contacts', 'contact', 'list'),
  staff('POST', '/api/contacts', 'contact', 'create'),
  staff('GET', '/api/contacts/:id', 'contact', 'view', 'contact'),
  staff('PATCH', '/api/contacts/:id', 'contact', 'edit', 'newContact'),
  // Opportunities (AC-PERM-04); the board is the pipeline list
  staff('GET', '/api/opportunities', 'opportunity', 'list'),
  staff('GET', '/api/opportunities/board', 'opportunity', 'list'),
  staff('POST', '/api/opportunities', 'opportunity', 'create'),
  staff('GET', '/api/opportunities/:id', 'opportunity', 'view', 'opportunity'),
  staff('PATCH', '/api/opportunities/:id', 'opportunity', 'edit', 'newOpportunity'),
  staff('POST', '/api/opportunities/:id/stage', 'opportunity', 'edit', 'newOpportunity', true),
  // Quotes (AC-PERM-05): owned through their opportunity; every workflow step is an edit of the quote
  staff('GET', '/api/quotes', 'quote', 'list'),
  staff('GET', '/api/opportunities/:id/quotes', 'quote', 'list', 'opportunity'),
  staff('POST', '/api/opportunities/:id/quotes', 'quote', 'create', 'newOpportunity'),
  staff('GET', '/api/quotes/:id', 'quote', 'view', 'quote'),
  staff('POST', '/api/quotes/:id/lines', 'quote', 'edit', 'draftQuote'),
  staff('PATCH', '/api/quotes/:id/lines/:lineId', 'quote', 'edit', 'draftQuote'),
  staff('DELETE', '/api/quotes/:id/lines/:lineId', 'quote', 'edit', 'draftQuote', true),
  staff('POST', '/api/quotes/:id/submit', 'quote', 'edit', 'discountedDraft', true),
  staff('POST', '/api/quotes/:id/send', 'quote', 'edit', 'draftQuote', true),
  staff('POST', '/api/quotes/:id/accept', 'quote', 'edit', 'sentQuote', true),
  staff('POST', '/api/quotes/:id/decline', 'quote', 'edit', 'sentQuote', true),
  staff('POST', '/api/quotes/:id/revise', 'quote', 'edit', 'pendingQuote', true),
  // Approvals (AC-PERM-06): approve and reject are both the approver's decision
  staff('GET', '/api/approvals', 'approval', 'list'),
  staff('GET', '/api/approvals/:id', 'approval', 'view', 'approval'),
  staff('POST', '/api/approvals/:id/approve', 'approval', 'approve', 'pendingApproval', true),
  staff('POST', '/api/approvals/:id/reject', 'approval', 'approve', 'pendingApproval', true),
  // Orders, invoices, payments (AC-PERM-07 to 09, F01)
  staff('GET', '/api/orders', 'order', 'list'),
  staff('GET', '/api/orders/:id', 'order', 'view', 'order'),
  staff('POST', '/api/orders/:id/invoice', 'invoice', 'create', 'openOrder', true),
  staff('GET', '/api/invoices', 'invoice', 'list'),
  staff('GET', '/api/invoices/:id', 'invoice', 'view', 'invoice'),
  staff('POST', '/api/invoices/:id/payments', 'payment', 'create', 'openInvoice'),
  staff('GET', '/api/payments', 'payment', 'list'),
  // Tickets (AC-PERM-10, O06): working a ticket is an edit; escalating and reassigning are the manager's approve (decision 8)
  staff('GET', '/api/tickets', 'ticket', 'list'),
  staff('POST', '/api/tickets', 'ticket', 'create'),
  // the SLA board counts every open ticket and every agent's load: for those who see every ticket
  { ...staff('GET', '/api/tickets/sla-board', 'ticket', 'list'), everyRecord: true },
  staff('GET', '/api/tickets/assignees', 'ticket', 'list'),
  staff('GET', '/api/tickets/:id', 'ticket', 'view', 'ticket'),
  staff('GET', '/api/tickets/:id/history', 'ticket', 'view', 'ticket'),
  staff('POST', '/api/tickets/:id/take', 'ticket', 'edit', 'queueTicket', true),
  staff('POST', '/api/tickets/:id/replies', 'ticket', 'edit', 'openTicket'),
  staff('POST', '/api/tickets/:id/pending', 'ticket', 'edit', 'openTicket', true),
  staff('POST', '/api/tickets/:id/resume', 'ticket', 'edit', 'pendingTicket', true),
  staff('POST', '/api/tickets/:id/resolve', 'ticket', 'edit', 'openTicket', true),
  staff('POST', '/api/tickets/:id/status', 'ticket', 'edit', 'openTicket', true),
  staff('POST', '/api/tickets/:id/escalate', 'ticket', 'approve', 'openTicket', true),
  staff('POST', '/api/tickets/:id/de-escalate', 'ticket', 'approve', 'escalatedTicket', true),
  staff('POST', '/api/tickets/:id/assign', 'ticket', 'approve', 'openTicket', true),
  // Internal notes (AC-PERM-11, F04)
  staff('POST', '/api/tickets/:id/notes', 'internalNote', 'create', 'openTicket'),
  // The customer portal (AC-PERM-10, O04): the customer's own account's tickets only
  portal('GET', '/api/portal/tickets', 'list'),
  portal('POST', '/api/portal/tickets', 'create'),
  portal('GET', '/api/portal/tickets/:id', 'view', 'ticket'),
  portal('POST', '/api/portal/tickets/:id/replies', 'edit', 'openTicket'),
  portal('POST', '/api/portal/tickets/:id/confirm', 'edit', 'resolvedTicket', true),
  portal('POST', '/api/portal/tickets/:id/reopen', 'edit', 'resolvedTicket', true),
  portal('POST', '/api/portal/tickets/:id/rating', 'edit', 'closedTicket', true),
  // Price book, users, audit log, imports, dashboard (AC-PERM-12 to 16)
  staff('GET', '/api/products', 'product', 'list'),
  staff('POST', '/api/products', 'product', 'create'),
  staff('GET', '/api/products/:id', 'product', 'view', 'product'),
  staff('PATCH', '/api/products/:id', 'product', 'edit', 'product'),
  staff('GET', '/api/users', 'user', 'list'),
  staff('POST', '/api/users', 'user', 'create'),
  staff('PATCH', '/api/users/:id', 'user', 'edit', 'user'),
  // signing a user out everywhere is an edit of the user (incident response)
  staff('POST', '/api/users/:id/sign-out', 'user', 'edit', 'user'),
  staff('GET', '/api/audit', 'auditLog', 'list'),
  staff('GET', '/api/imports', 'import', 'list'),
  staff('POST', '/api/imports', 'import', 'create'),
  staff('GET', '/api/imports/:id', 'import', 'view', 'import'),
  staff('GET', '/api/imports/:id/rejected.csv', 'import', 'view', 'import'),
  // an import's template is part of starting one (decision 7)
  { ...staff('GET', '/api/imports/templates/:file', 'import', 'create'), concrete: 'leads.csv' },
  staff('GET', '/api/dashboard', 'dashboard', 'view'),
  // Exports follow the list scope (decision 6); one row per exportable list
  { ...staff('GET', '/api/exports/:file', 'lead', 'export'), concrete: 'leads.csv' },
  { ...staff('GET', '/api/exports/:file', 'account', 'export'), concrete: 'accounts.csv' },
  { ...staff('GET', '/api/exports/:file', 'contact', 'export'), concrete: 'contacts.csv' },
];

export const OUTSIDE_ROUTES: readonly OutsideRoute[] = [
  { method: 'GET', path: '/api/health', kind: 'public', why: 'the health check answers anyone (monitoring)' },
  { method: 'GET', path: '/api/test/routes', kind: 'public', why: 'test mode only: the route list this spec reads' },
  { method: 'GET', path: '/api/session', kind: 'public', why: 'every signed-in user, customers too, reads their own session' },
  { method: 'GET', path: '/api/notifications', kind: 'staff-self', why: 'every staff user reads their own notifications; the customer has the portal instead (403)' },
  { method: 'POST', path: '/api/notifications/:id/read', kind: 'staff-self', why: "a notification is its recipient's: anyone else is refused (403 or 404) and it stays unread" },
  { method: 'POST', path: '/api/auth/login', kind: 'not-called', why: 'sign-in has no session yet: the security suite checks it (AC-SEC-04, AC-SEC-05)' },
  { method: 'POST', path: '/api/auth/logout', kind: 'not-called', why: "it would end the role's shared session; the security suite checks it (AC-SEC-04)" },
];

export const routeKey = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;

/**
 * Served /api routes against the table: those the table does not classify, and rows the CRM no
 * longer serves. Both must be empty — a new route gets its row before it ships.
 */
export function compareWithServed(served: readonly { method: string; path: string }[]): { unclassified: string[]; notServed: string[] } {
  const api = served.filter((r) => r.path.startsWith('/api/')).map(routeKey);
  const ours = new Set([...MATRIX_ROUTES, ...OUTSIDE_ROUTES].map(routeKey));
  const theirs = new Set(api);
  return { unclassified: api.filter((k) => !ours.has(k)).sort(), notServed: [...ours].filter((k) => !theirs.has(k)).sort() };
}
