import type { Criterion } from '../../../../fixtures/acceptance/criteria-schema.js';

/**
 * Security and usability (flows/demo-crm/security, flows/demo-crm/usability). Every automated
 * criterion is measurable: a count that must stay at 0, or a budget. Task budgets count user actions
 * = clicks + keystrokes + page changes, as profiles/demo-crm/usability/effort-meter.ts counts them
 * (each typed character is a keystroke; choosing in a select is 2 clicks), with the fixed inputs of
 * profiles/demo-crm/usability/typical-input.ts; they were set at about 1.2 × the reference CRM's
 * figures (measured 2026-12: 78, 21, 13, 25, 24, 69, 96 actions), so a screen that adds a step or a field to a common task turns them red.
 */
export const SECURITY_USABILITY_CRITERIA: Criterion[] = [
  // Security
  { id: 'AC-SEC-01', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'state-changing routes that accept a request without the CSRF token' },
    statement: 'Every state-changing route the CRM serves (POST, PUT, PATCH, DELETE in its own route list, sign-in excepted) refuses a request of a signed-in user without the CSRF token with 403 — from the CRM\'s origin and from another origin — records the refusal in the audit log and changes nothing; a form posted from another site with the user\'s browser records nothing.' },
  { id: 'AC-SEC-02', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'screens where a payload became markup or ran' },
    statement: 'Each XSS/HTML payload of the catalogue typed into any free-text field of leads, accounts, contacts, portal and staff tickets, replies, internal notes, approval comments and payment references, or carried by any text cell of an imported lead, account or contact file, is shown verbatim as text on every screen that displays it (lists, detail pages, portal, dashboards, notifications, audit log, the import wizard) and in the CSV exports and rejected-rows files, and never becomes markup or runs — checked in a browser that ignores the CSP.' },
  { id: 'AC-SEC-03', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'answers holding a password or its hash' },
    statement: 'No page, API answer, CSV export or audit entry served by any GET route holds a password, a password hash or a password field — also right after a user is created and a password reset.' },
  { id: 'AC-SEC-04', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'session rules broken' },
    statement: 'The session cookie is HttpOnly and SameSite=Lax or Strict, and Secure over HTTPS — checked in every run on a CRM of the test\'s own served over HTTPS, in the browser and in the Set-Cookie header; the session id changes at every sign-in (a planted id is never kept); after Log out the old cookie is refused (401 / sign-in page); a user the admin deactivates is refused on the very next request, and a user whose role the admin changes has the new role\'s rights on the very next request (a demoted manager\'s open approvals page and API are refused with 403).' },
  { id: 'AC-SEC-05', area: 'security', priority: 'must', threshold: { metric: 'count', max: 5, unit: 'failed sign-ins before the lockout' },
    statement: 'After 5 failed sign-ins the account is locked: the right password is refused on the sign-in page with "This account is locked after 5 failed sign-ins. Try again in 15 minutes.", and each failure and the refusal are in the audit log.' },
  { id: 'AC-SEC-06', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'denials or sensitive changes missing from the audit log' },
    statement: 'A denied page and a denied API call, a discount change, a payment, a deletion, a user deactivation and a role change each appear in the audit log under the user who did it, with old → new values where a value changed, stamped with the time it happened.' },
  { id: 'AC-SEC-08', area: 'security', priority: 'must',
    statement: 'SQL-like text typed into a lead (quotes, comments, UNION, DROP TABLE) is stored and shown exactly as typed on its page, in the list and in the API, and a search for it finds exactly the leads that hold it: no more rows, no error, nothing else changed.' },
  { id: 'AC-SEC-09', area: 'security', priority: 'should', runsInARow: { of: 'any', times: 1, over: 'https' }, threshold: { metric: 'count', max: 0, unit: 'failed or retried runs' },
    statement: 'The whole suite passes with the CRM served over HTTPS (CRM_BASE_URL=https://…, a certificate trusted only for the run; the nightly HTTPS run): every test that proves a criterion passes at its first attempt, with Secure session cookies.' },
  { id: 'AC-SEC-07', area: 'security', priority: 'should', threshold: { metric: 'count', max: 0, unit: 'session lifetime rules broken' },
    statement: 'A signed-in session left idle longer than the idle limit (CRM_SESSION_IDLE_SECONDS, 8 hours by default) is refused on its next request, and a session in constant use is refused once its absolute lifetime (CRM_SESSION_MAX_SECONDS, 12 hours) has passed: the browser lands on the sign-in page, the API answers 401 — checked on a CRM of the test\'s own with limits of a few seconds.' },

  { id: 'AC-SEC-10', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'secrets found at rest or data files open to other accounts' },
    statement: 'A copy of the CRM\'s data at rest — the database file with its write-ahead log and shared-memory files, and a backup taken on the Backups screen with its manifest — gives no way in: read byte for byte it holds neither password a user was given and reset to, as typed or as an unsalted MD5, SHA-1, SHA-256 or SHA-512 (hex or base64), nor the token of any live session; and those files are readable by the CRM\'s own operating-system account only (files 0600, the backup folder 0700) — checked on a CRM of the test\'s own.' },
  { id: 'AC-SEC-12', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'sessions left alive or steps missing from the audit log' },
    statement: 'An account in the wrong hands is contained by the admin alone: Sign out everywhere on the Users screen ends every session of the user at once — their own browser and an intruder\'s browser land on the sign-in page at their next load, an intruder\'s API session gets 401, and the screen says how many ended — while other users work on; a password reset ends the sessions begun with the old password, which is refused from then on, and the new one signs in; the audit log, filtered to the user, lists each sign-in and refused sign-in with the address it came from and its time, and on the account the sign-out and the reset by the admin with the sessions each ended.' },
  { id: 'AC-SEC-13', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'passwords accepted against the policy' },
    statement: 'The password policy holds wherever a password is set — the admin\'s New user form and a password reset: fewer than 10 characters, the username in any letter case, one character repeated, or one of the most used passwords ("Password123", "qwertyuiop", "1234567890") is refused with the message of that rule on the password field alone, and nothing is created or changed (the old password still signs in); exactly 10 characters, 11 Chinese characters and a passphrase are accepted and sign in.' },
  { id: 'AC-SEC-14', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'answers missing a security header' },
    statement: 'Every answer the CRM gives — each GET page and API route it serves, its static files, a refusal (403, 401, a redirect to sign-in), a validation error and a missing page — carries a Content-Security-Policy that lets no inline, eval\'d or foreign script run, allows no plug-ins, forbids framing by other sites and fixes <base>, plus X-Content-Type-Options: nosniff, X-Frame-Options DENY or SAMEORIGIN and a Referrer-Policy that never sends the address to other sites; everything but the static files is Cache-Control: no-store; over HTTPS every answer carries Strict-Transport-Security of a year or more.' },
  { id: 'AC-SEC-15', area: 'security', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'sign-ins that left the CRM' },
    statement: 'A sign-in link never sends the signed-in user off the CRM: after signing in from /login?next=…, a next that names another site in any form a browser follows — an absolute URL, //host, /\\host, a tab inside the slashes, javascript: — lands on the user\'s start page, and a next naming a CRM page (a list with its search) lands on exactly that page.' },
  { id: 'AC-SEC-11', area: 'security', priority: 'should', manual: true,
    statement: 'The disk or volume that holds the CRM\'s database and its backups is encrypted (the host\'s or the cloud provider\'s volume encryption), and a backup copied off the server travels and stays encrypted, as the operations team shows with the setting itself, not a statement.' },

  // Usability: judged by people (manual-checks.json)
  { id: 'AC-USE-01', area: 'usability', priority: 'should', manual: true,
    statement: 'A sales rep new to the CRM completes lead capture to accepted quote, guided only by the user guide, without asking for help.' },
  { id: 'AC-USE-02', area: 'usability', priority: 'should', manual: true,
    statement: 'Every error message says what is wrong and how to fix it, in the words of the business, in English and Chinese, as judged by a key user of each department.' },
  // Usability: measured by the suites
  { id: 'AC-USE-03', area: 'usability', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'serious or critical accessibility violations' },
    statement: 'axe finds no serious or critical accessibility violation on each role\'s start page, the portal, the key screens of both processes (lists, record pages, forms) and their dialogs; the other violations are listed in the report.' },
  { id: 'AC-USE-04', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 95, unit: 'user actions' },
    statement: 'A sales rep creates a lead from the Leads screen (typical lead of 5 typed fields) in at most 95 user actions, at most 3 of them page changes.' },
  { id: 'AC-USE-05', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 30, unit: 'user actions' },
    statement: 'A sales rep converts a qualified lead, creating its opportunity, in at most 30 user actions from the lead\'s page.' },
  { id: 'AC-USE-06', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 16, unit: 'user actions' },
    statement: 'A sales rep builds a one-line quote with a discount and submits it for approval in at most 16 user actions from the opportunity\'s page.' },
  { id: 'AC-USE-07', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 30, unit: 'user actions' },
    statement: 'A sales manager approves a discount with a short comment in at most 30 user actions from the Approvals inbox.' },
  { id: 'AC-USE-08', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 30, unit: 'user actions' },
    statement: 'A finance clerk records a payment with amount, method and reference in at most 30 user actions from the invoice.' },
  { id: 'AC-USE-09', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 85, unit: 'user actions' },
    statement: 'A support agent takes a ticket, answers the customer in one sentence and resolves it in at most 85 user actions from the ticket.' },
  { id: 'AC-USE-10', area: 'usability', priority: 'should', threshold: { metric: 'actions', max: 115, unit: 'user actions' },
    statement: 'A customer opens a ticket in the portal (subject and one-sentence description) in at most 115 user actions from the portal\'s start page.' },
  { id: 'AC-USE-11', area: 'usability', priority: 'should', threshold: { metric: 'ms', max: 10_000, unit: 'ms per task' },
    statement: 'Each common task of AC-USE-04 to AC-USE-10, driven at machine speed, completes within 10 s of screen time (the CRM\'s and the browser\'s share of the user\'s wait).' },
  { id: 'AC-USE-12', area: 'usability', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'mouse clicks' },
    statement: 'A customer opens a portal ticket and a sales rep creates a lead using only the keyboard (Tab, typing, Enter): every control is reachable and operable, and the focus is visible.' },
  { id: 'AC-USE-13', area: 'usability', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'screens with horizontal scrolling or unusable navigation' },
    statement: 'At tablet (768 px) and phone (390 px) widths, each role\'s start page, the lists, record pages and forms of both processes and the portal have no horizontal scrolling, and the main navigation is visible and leads to its screens.' },
  { id: 'AC-USE-14', area: 'usability', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'error messages without what and how, or with raw codes' },
    statement: 'Every error a user can meet on the forms of the flows (sign-in, lead, account, contact, quote line, payment, portal ticket, reply) names the field, says what is wrong and how to fix it, and never shows a raw code, stack trace or technical term.' },
  { id: 'AC-USE-16', area: 'usability', priority: 'should', threshold: { metric: 'count', max: 0, unit: 'kinds of text under their minimum size' },
    statement: 'On the key screens of sales, finance, support and the portal (dashboards, lists, record pages, forms) at desktop width, what users read and type — table cells, record values, form inputs — is at least 14 px (bold text such as a status badge at least 12 px), and no other visible text (labels, hints, badges, captions) is under 12 px.' },
  { id: 'AC-USE-15', area: 'usability', priority: 'should',
    statement: 'The key screens — the sign-in page, a sales rep\'s dashboard, a lead, a quote with its lines and totals, a staff ticket with its conversation, internal note and SLA, and the customer portal\'s ticket list and ticket — look as their approved baselines on a desktop (1280 px), and the sign-in page, the dashboard, the quote and the portal list also at tablet (768 px) and phone (390 px) widths: at most 25 pixels differ per screen, with only dates and times masked.' },
];
