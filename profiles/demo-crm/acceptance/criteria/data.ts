import type { Criterion } from '../../../../fixtures/acceptance/criteria-schema.js';

/** Data migration and data accuracy (demo-crm/docs/data-migration.md; flows/demo-crm/data). */
export const DATA_CRITERIA: Criterion[] = [
  // Data migration (demo-crm/docs/data-migration.md): no suite yet
  { id: 'AC-DM-01', area: 'data-migration', priority: 'must',
    statement: 'A CSV of 10,000 leads in UTF-8, UTF-16 or GBK (Chinese names included) imports with every row either created with exactly the values in the file or listed as rejected with its line number and reason; the counts add up to the rows in the file.' },
  { id: 'AC-DM-02', area: 'data-migration', priority: 'must',
    statement: 'Rows that break a rule (unknown owner, ambiguous account, invalid status or e-mail) are rejected one by one with a downloadable rejected-rows CSV that can be corrected and imported again; nothing else in the file is lost.' },
  { id: 'AC-DM-03', area: 'data-migration', priority: 'must',
    statement: 'Export then re-import of leads, accounts and contacts gives back the same records field for field, and exported cells starting with =, +, - or @ are neutralised against formula injection.' },
  { id: 'AC-DM-04', area: 'data-migration', priority: 'should', threshold: { metric: 'ms', max: 60_000, unit: 'ms for 10,000 rows' },
    statement: 'Importing 10,000 leads from the wizard finishes within one minute on the reference machine.' },

  // Data accuracy: no suite yet beyond the money trail of lead to cash
  { id: 'AC-DA-01', area: 'data-accuracy', priority: 'must',
    statement: 'Every dashboard figure (pipeline, won this month, overdue balance, open tickets, average satisfaction) equals the figure computed from the records the role may see, after every kind of change.' },
  { id: 'AC-DA-02', area: 'data-accuracy', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'mismatched records' },
    statement: 'Lists, record pages, exports and the API show the same values for the same record: a reconciliation of 1,000 random records finds no mismatch.' },
  { id: 'AC-DA-03', area: 'data-accuracy', priority: 'should',
    statement: 'Dates and times are shown in the user’s time zone and amounts in the account’s currency format on every screen, with no off-by-one-day errors around midnight UTC.' },

];
