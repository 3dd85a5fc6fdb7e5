import type { Criterion } from '../../../../fixtures/acceptance/criteria-schema.js';

/**
 * Data migration and data accuracy (demo-crm/docs/data-migration.md; flows/demo-crm/data). Each
 * criterion says what is compared with what, and the measured ones carry their threshold; the
 * reconciliation reports (reports/reconciliation/) hold the evidence line by line.
 */
export const DATA_CRITERIA: Criterion[] = [
  // Data migration: the import wizard, reconciled against the legacy source (flows/demo-crm/data/lead-migration.spec.ts …)
  { id: 'AC-DM-01', area: 'data-migration', priority: 'must',
    statement: 'A legacy lead export imported through the wizard — UTF-8 with BOM and GBK, quoted commas, quotes and line breaks in cells, CJK and emoji, leading/trailing spaces, formula-like cells, values at their maximum length — creates every valid row with every mapped field (first and last name, company, email, phone, source, status, owner) equal to the documented normalisation (trimmed, vocabulary in canonical spelling, blanks defaulted), read back both through the list export and through the API.' },
  { id: 'AC-DM-02', area: 'data-migration', priority: 'must',
    statement: 'Every planted defect is handled exactly as data-migration.md §3 says: missing required fields, malformed emails and phones, values over their length, unknown owners, converted/disqualified statuses, rows with the wrong number of values and in-file duplicates are rejected, each listed in the rejected-rows CSV at its line with its documented reason and its original values, and none of them creates a record; rows matching an existing record are skipped naming that record.' },
  { id: 'AC-DM-03', area: 'data-migration', priority: 'must',
    statement: 'Exporting the leads, accounts and contacts lists, unfiltered and filtered, and importing each file again (update existing) loses and changes nothing: every row is skipped as "No changes", no record is created or updated, and the exported values equal the API field for field, CJK and formula-like cells included (formula cells guarded with one apostrophe in the file).' },
  { id: 'AC-DM-04', area: 'data-migration', priority: 'should', threshold: { metric: 'ms', max: 60_000, unit: 'ms wall time for 50,000 leads' },
    statement: 'Importing 50,000 leads (one multipart upload, create only) finishes within one minute on the reference machine and reconciles: 50,000 created and the export holds all of them (measured by scripts/bench-import.ts into reports/figures/import.json, never as a timed test).' },
  { id: 'AC-DM-05', area: 'data-migration', priority: 'must',
    statement: 'The import result screen’s counts (rows in the file, created, updated, skipped, rejected) equal the counts the reconciliation derives from the source file and the documented rules, and created + updated + skipped + rejected = rows; the validation step’s dry run shows the same figures before anything is written.' },
  { id: 'AC-DM-06', area: 'data-migration', priority: 'must',
    statement: 'With “update existing”, a row whose email matches an existing lead (ignoring case) overwrites that lead’s fields with the row’s non-empty cells only, never changes its status, and a row equal to the stored lead is skipped as “No changes”; no second lead is created.' },
  { id: 'AC-DM-07', area: 'data-migration', priority: 'must',
    statement: 'When the CRM process is killed during an import, after the restart no record of that import exists and the import is not recorded as completed; running the same upload again imports every row of the file.' },

  // Data accuracy
  { id: 'AC-DA-01', area: 'data-accuracy', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'figures that differ from the sum of their records' },
    statement: 'Every dashboard figure (pipeline, won this month, overdue balance, open tickets, average satisfaction) and every list total equals the figure computed from the records the role may see through the API with its own session, for every role that sees it.' },
  { id: 'AC-DA-02', area: 'data-accuracy', priority: 'must',
    statement: 'Each invalid case of the validation tables (lead, account, contact, quote line, payment, ticket: required, format, length + 1, out of range) is refused with that field’s documented message on the form, and creates or changes nothing (checked through the API).' },
  { id: 'AC-DA-03', area: 'data-accuracy', priority: 'must',
    statement: 'Each valid case of the validation tables (boundary lengths, CJK, emoji, quotes, leading/trailing spaces) is stored as typed (trimmed) and shown identically on the detail page, in the list, in search results, in the CSV export and in the API.' },
  { id: 'AC-DA-04', area: 'data-accuracy', priority: 'should',
    statement: 'Dates and times are shown in the user’s time zone and amounts in the account’s currency format on every screen, with no off-by-one-day errors around midnight UTC.' },
  { id: 'AC-DA-05', area: 'data-accuracy', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'orphans or totals that disagree with their parts' },
    statement: 'Deleting or deactivating a record others depend on (an account with open invoices or tickets, a user who owns records, a product on a quote) is refused with a reason or handled as documented, and an integrity sweep over the API finds no record pointing at a missing record and no total that differs from the sum of its parts.' },
];
