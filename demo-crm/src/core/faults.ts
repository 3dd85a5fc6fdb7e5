/**
 * Defect switches: small, realistic bugs a CRM team could ship, switched on at start with
 * `CRM_FAULTS=name1,name2 npm run crm`. All off by default. They exist to prove that the flows
 * catch real defects: each names the acceptance area that must turn red when it is on.
 */
export type FaultKind =
  | 'calculation'
  | 'workflow'
  | 'permissions'
  | 'data-sync'
  | 'validation'
  | 'import'
  | 'sla'
  | 'security'
  | 'performance'
  | 'stability'
  | 'usability';

export interface FaultDefinition {
  name: string;
  kind: FaultKind;
  breaks: string;
  caughtBy: string;
}

export const FAULT_CATALOGUE = [
  { name: 'quote-line-rounding-truncates', kind: 'calculation', breaks: 'quote line totals are truncated to the cent instead of rounded half-up', caughtBy: 'lead-to-cash: quote totals' },
  { name: 'quote-tax-on-gross', kind: 'calculation', breaks: 'tax is computed on the line amount before discount', caughtBy: 'lead-to-cash: quote totals' },
  { name: 'invoice-total-excludes-tax', kind: 'calculation', breaks: 'an invoice issued from an order carries the subtotal, not the grand total', caughtBy: 'lead-to-cash: money trail' },
  { name: 'approval-threshold-20', kind: 'workflow', breaks: 'discounts up to 20% (not 10%) skip manager approval', caughtBy: 'lead-to-cash: discount approval boundaries' },
  { name: 'manager-approves-above-30', kind: 'workflow', breaks: 'a sales manager may approve discounts above 30% that need admin', caughtBy: 'lead-to-cash: admin-only approval; permissions matrix' },
  { name: 'quote-send-while-pending', kind: 'workflow', breaks: 'a quote pending approval can be sent', caughtBy: 'lead-to-cash: pending quote cannot be sent' },
  { name: 'opportunity-not-closed-on-accept', kind: 'workflow', breaks: 'accepting a quote leaves the opportunity in its stage', caughtBy: 'lead-to-cash: main flow and money trail' },
  { name: 'ticket-reopen-after-window', kind: 'workflow', breaks: 'customers can reopen a ticket more than 7 days after resolution', caughtBy: 'service ticket: reopen window' },
  { name: 'opportunity-owner-check-missing', kind: 'permissions', breaks: 'GET /api/opportunities/:id does not check record ownership (IDOR)', caughtBy: 'permissions: ownership by API' },
  { name: 'invoices-url-open-to-support', kind: 'permissions', breaks: 'the invoices menu is hidden from support roles but /invoices still opens', caughtBy: 'permissions: direct URL' },
  { name: 'account-rollup-owner-check-missing', kind: 'permissions', breaks: "GET /api/accounts/:id/rollup checks that the user may view accounts, not this account: another rep's revenue figures leak", caughtBy: 'permissions: every API route' },
  { name: 'discount-editable-after-approval', kind: 'permissions', breaks: "a rep can change an approved quote's discount without new approval", caughtBy: 'lead-to-cash: approved discount is locked; permissions field rules' },
  { name: 'internal-note-in-portal', kind: 'permissions', breaks: 'the customer portal shows internal notes', caughtBy: 'service ticket: customer never sees internal notes' },
  { name: 'conversion-drops-phone', kind: 'data-sync', breaks: "converting a lead does not copy the phone number to the contact", caughtBy: 'lead-to-cash: conversion field mapping' },
  { name: 'account-revenue-stale', kind: 'data-sync', breaks: "an account's lifetime revenue ignores the payment that completed an invoice", caughtBy: 'lead-to-cash: money trail' },
  { name: 'times-shown-in-utc', kind: 'data-sync', breaks: 'every time is shown in UTC instead of the time zone of the person reading it, so a record made late in the evening in Shanghai reads as made the day before', caughtBy: 'data accuracy: time zones' },
  { name: 'calendar-date-as-instant', kind: 'data-sync', breaks: "an opportunity's close date is normalised through Date to midnight UTC, so west of Greenwich it reads one day early", caughtBy: 'data accuracy: time zones' },
  { name: 'dashboard-double-counts-won', kind: 'data-sync', breaks: 'won-this-month counts each won opportunity twice', caughtBy: 'lead-to-cash: dashboards' },
  { name: 'quote-line-remove-unguarded', kind: 'data-sync', breaks: 'a line can be removed from a quote in any status, so an accepted quote no longer adds up to its order and invoice', caughtBy: 'data accuracy: record integrity' },
  { name: 'lead-email-unvalidated', kind: 'validation', breaks: 'a lead with a malformed email address is accepted', caughtBy: 'data accuracy: lead validation' },
  { name: 'ticket-subject-unvalidated', kind: 'validation', breaks: "the ticket subject rule is lost from the form and the API (presence checked before trimming, no maximum): a subject of spaces only or over 200 characters passes, and the database's own check turns it into a server error instead of the field's message", caughtBy: 'data accuracy: ticket validation' },
  { name: 'overpayment-accepted', kind: 'validation', breaks: 'a payment larger than the open balance is recorded', caughtBy: 'lead-to-cash: overpayment rejected' },
  { name: 'import-drops-last-row', kind: 'import', breaks: 'the last row of an import file is silently dropped', caughtBy: 'data migration: reconcile counts' },
  { name: 'import-mangles-cjk', kind: 'import', breaks: 'UTF-8 import files are decoded as Latin-1, mangling CJK names', caughtBy: 'data migration: CJK round trip' },
  { name: 'sla-pause-ignored', kind: 'sla', breaks: "'Pending customer' does not pause the resolution clock", caughtBy: 'service ticket: SLA pause' },
  { name: 'sla-breach-not-flagged', kind: 'sla', breaks: 'a passed first-response due time is not flagged as a breach', caughtBy: 'service ticket: P1 escalation and SLA board' },
  { name: 'xss-lead-company', kind: 'security', breaks: "a lead's company is rendered without HTML escaping on its detail page", caughtBy: 'security: stored XSS' },
  { name: 'csrf-missing-on-payment', kind: 'security', breaks: 'recording a payment does not check the CSRF token', caughtBy: 'security: CSRF' },
  { name: 'lockout-disabled', kind: 'security', breaks: 'no lockout after 5 failed logins', caughtBy: 'security: login lockout' },
  { name: 'lead-search-sql-concatenated', kind: 'security', breaks: "the lead list search pastes the typed text into its SQL, so a quote in it changes the query (SQL injection)", caughtBy: 'security: SQL-like input' },
  { name: 'session-lifetime-unbounded', kind: 'security', breaks: 'a session in use is renewed for ever: the sliding expiry has no absolute cap', caughtBy: 'security: session lifetime' },
  { name: 'session-renewed-after-expiry', kind: 'security', breaks: 'an idle session is renewed by its next request before its expiry is checked, so it never ends', caughtBy: 'security: session lifetime' },
  { name: 'role-kept-in-session', kind: 'security', breaks: 'a session keeps the role it was signed in with: a user whose role the admin changed keeps the old rights until signing in again', caughtBy: 'security: sessions' },
  { name: 'session-cookie-not-secure', kind: 'security', breaks: 'the session cookie lacks the Secure flag over HTTPS', caughtBy: 'security: sessions' },
  { name: 'session-token-stored-in-clear', kind: 'security', breaks: "the sessions table keeps each session's token as the cookie carries it, so a copy of the database or of a backup signs anyone in as its users", caughtBy: 'security: data at rest' },
  { name: 'password-hashed-fast', kind: 'security', breaks: 'a password the admin sets or resets is stored as its unsalted SHA-256, which a lookup table turns back into the password', caughtBy: 'security: data at rest' },
  { name: 'data-files-readable-by-all', kind: 'security', breaks: 'the database, its write-ahead log, the backups and their manifests are left readable by every account on the server (files 0644, the backup folder 0755)', caughtBy: 'security: data at rest' },
  { name: 'sign-out-everywhere-ends-one', kind: 'security', breaks: "the admin's Sign out everywhere ends only the user's newest session: whoever holds an older one stays signed in", caughtBy: 'security: incident response' },
  { name: 'password-reset-keeps-sessions', kind: 'security', breaks: 'a password reset leaves every session begun with the old password signed in', caughtBy: 'security: incident response' },
  { name: 'password-policy-skipped-on-reset', kind: 'security', breaks: 'a password reset checks the length alone: the username, one repeated character or one of the most used passwords is accepted', caughtBy: 'security: password policy' },
  { name: 'sign-in-next-unchecked', kind: 'security', breaks: 'after signing in, the CRM follows any next= that begins with a slash: //host, or a backslash after the first slash, sends the user to another site (an open redirect)', caughtBy: 'security: sign-in links' },
  { name: 'csp-allows-inline-script', kind: 'security', breaks: "the Content-Security-Policy allows inline script ('unsafe-inline'), so a script injected into a page would run", caughtBy: 'security: HTTP security headers' },
  { name: 'security-headers-missing-on-errors', kind: 'security', breaks: 'the security headers (CSP, nosniff, frame and referrer policy, HSTS) are set on successful answers only: refusals and error pages go without', caughtBy: 'security: HTTP security headers' },
  { name: 'no-store-missing-on-api', kind: 'security', breaks: "API answers carry no Cache-Control: no-store, so a shared proxy or the browser's cache may keep customers' data", caughtBy: 'security: HTTP security headers' },
  { name: 'slow-lead-search', kind: 'performance', breaks: 'the lead list search scans every row with an expensive expression', caughtBy: 'performance: list budget at volume' },
  { name: 'lead-list-count-capped', kind: 'performance', breaks: 'the leads list counts at most 5,000 matching leads (a capped count to keep long lists fast), so at volume its total is wrong', caughtBy: 'performance: list totals at volume' },
  { name: 'slow-lead-sort', kind: 'performance', breaks: 'sorting the leads list by a column orders by a per-row computed key no index serves, so every sorted page (and the export of a sorted list) computes and sorts a key for each matching lead', caughtBy: 'performance: sort budget at volume' },
  { name: 'quote-line-split-write', kind: 'stability', breaks: 'adding a quote line commits the line before the quote totals, so a crash in between leaves totals that miss a line', caughtBy: 'stability: crash recovery' },
  { name: 'payment-split-write', kind: 'stability', breaks: "a payment is committed before the invoice's paid amount, so a crash in between leaves a payment the balance ignores", caughtBy: 'stability: crash recovery' },
  { name: 'ticket-reply-split-write', kind: 'stability', breaks: 'a staff reply is committed before the ticket update, so a crash in between leaves a reply that never stopped the first-response clock', caughtBy: 'stability: crash recovery' },
  { name: 'sessions-dropped-on-restart', kind: 'stability', breaks: 'the start-up clean-up of expired sessions deletes every session, so a restart signs every user out', caughtBy: 'stability: crash recovery' },
  { name: 'form-post-error-blank', kind: 'stability', breaks: "a key form whose post fails on the network leaves the user on the browser's blank error page, what they typed lost", caughtBy: 'stability: network faults' },
  { name: 'response-cache-leak', kind: 'stability', breaks: 'a cache of the responses sent, keyed by the request id, never hits and never evicts: every page and API answer served stays in memory', caughtBy: 'stability: memory under steady use' },
  { name: 'form-submitted-twice', kind: 'stability', breaks: 'a key form sent twice (double click, or again after a timeout) is saved twice: the button does not lock and the form token is not checked', caughtBy: 'stability: network faults' },
  { name: 'backup-ignores-wal', kind: 'stability', breaks: 'a backup copies the database file as it lies on disk and leaves out what is still in the write-ahead log, so the records committed last are missing from it', caughtBy: 'stability: backup and restore' },
  { name: 'muted-text-low-contrast', kind: 'usability', breaks: "the palette's secondary-text colour is lightened to #a3acb8, so hints, table headings and list footers fall to about 2.3:1 against their background, below the 4.5:1 of WCAG AA", caughtBy: 'usability: accessibility' },
  { name: 'table-text-too-small', kind: 'usability', breaks: 'the text of table cells is shrunk to 11 px to fit more columns: every list is hard to read', caughtBy: 'usability: text size' },
] as const satisfies readonly FaultDefinition[];

export type FaultName = (typeof FAULT_CATALOGUE)[number]['name'];

export class Faults {
  private readonly active: ReadonlySet<FaultName>;

  constructor(names: readonly FaultName[]) {
    this.active = new Set(names);
  }

  /** Parses CRM_FAULTS; an unknown name is an error so a typo never silently tests nothing. */
  static parse(value: string | undefined): Faults {
    const names = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const known = new Set<string>(FAULT_CATALOGUE.map((f) => f.name));
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new Error(
        `CRM_FAULTS names unknown defect switch(es): ${unknown.join(', ')}. Known: ${[...known].join(', ')}`,
      );
    }
    return new Faults(names as FaultName[]);
  }

  on(name: FaultName): boolean {
    return this.active.has(name);
  }

  list(): FaultName[] {
    return [...this.active];
  }
}
