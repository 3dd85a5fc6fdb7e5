import type { Criterion } from '../../../../fixtures/acceptance/criteria-schema.js';

/** Performance and stability (docs/performance.md; flows/demo-crm/stability). */
export const PERFORMANCE_STABILITY_CRITERIA: Criterion[] = [
  // Performance: budgets per user action on the reference volume (npm run crm:seed)
  { id: 'AC-PERF-01', area: 'performance', priority: 'must', threshold: { metric: 'p95-ms', max: 1_500, unit: 'ms' },
    statement: 'Opening the leads, accounts, opportunities and tickets lists with the reference volume (10,000+ records each) is ready for the user within 1.5 s at the 95th percentile.' },
  { id: 'AC-PERF-02', area: 'performance', priority: 'must', threshold: { metric: 'p95-ms', max: 1_000, unit: 'ms' },
    statement: 'Opening a record page (lead, account, quote, invoice, ticket) is ready within 1 s at the 95th percentile.' },
  { id: 'AC-PERF-03', area: 'performance', priority: 'should', threshold: { metric: 'p95-ms', max: 2_000, unit: 'ms' },
    statement: 'A search across leads, accounts and contacts answers within 2 s at the 95th percentile with the reference volume.' },
  { id: 'AC-PERF-04', area: 'performance', priority: 'should', threshold: { metric: 'error-rate', max: 0.01, unit: 'share of requests' },
    statement: 'With 20 simultaneous users working the sales and service processes for 10 minutes, fewer than 1 % of requests fail.' },
  { id: 'AC-PERF-05', area: 'performance', priority: 'should', threshold: { metric: 'p95-ms', max: 1_500, unit: 'ms' },
    statement: "Opening the dashboard with the reference volume (10,000+ records of each object) is ready within 1.5 s at the 95th percentile, for the sales manager's and the support manager's dashboards." },
  { id: 'AC-PERF-06', area: 'performance', priority: 'should', threshold: { metric: 'p95-ms', max: 2_000, unit: 'ms' },
    statement: 'Saving a quote line, approving a discount and recording a payment show their result within 2 s at the 95th percentile with the reference volume.' },
  { id: 'AC-PERF-07', area: 'performance', priority: 'should', threshold: { metric: 'p95-ms', max: 2_000, unit: 'ms' },
    statement: "With 100,000 leads and accounts, filtering the leads list (one owner's 50,000 leads) and sorting it by a column, either direction, is ready within 2 s at the 95th percentile." },
  { id: 'AC-PERF-08', area: 'performance', priority: 'should', threshold: { metric: 'p95-ms', max: 10_000, unit: 'ms' },
    statement: 'With 100,000 leads and accounts, exporting a filtered list of 50,000 leads to CSV gives the user the whole file within 10 s at the 95th percentile, from the click.' },

  // Stability
  { id: 'AC-STAB-01', area: 'stability', priority: 'must', runsInARow: { of: 'business-process', times: 1 }, threshold: { metric: 'count', max: 0, unit: 'failed or retried runs' },
    statement: 'In the acceptance run every business-process test (lead-to-cash and service ticket) passes at its first attempt: none fails, none passes only on a retry.' },
  { id: 'AC-STAB-04', area: 'stability', priority: 'should', runsInARow: { of: 'business-process', times: 10 }, threshold: { metric: 'count', max: 0, unit: 'failed or retried runs' },
    statement: 'Every business-process test passes ten times in a row on a clean CRM (npm run flows -- --repeat-each=10, the nightly stability run): no run fails or needs a retry.' },
  { id: 'AC-STAB-02', area: 'stability', priority: 'should',
    statement: 'A restart of the CRM in the middle of a process loses no committed record and the process continues where it stopped.' },
  { id: 'AC-STAB-03', area: 'stability', priority: 'must',
    statement: 'When the connection fails or is slow while a user saves a lead, records a payment or replies to a ticket, the screen says so in plain words and keeps what was typed; saving again works, and a double click or a second try after no answer never saves anything twice.' },
  { id: 'AC-STAB-05', area: 'stability', priority: 'should', threshold: { metric: 'ratio', max: 0.25, unit: 'growth of the median RSS, last minute over first minute after warm-up' },
    statement: "In a soak of mixed sales and service steps at a steady load for minutes (npm run load -- --soak), the CRM process's memory does not grow by more than 25 % from the first minute after warm-up to the last." },
  { id: 'AC-STAB-06', area: 'stability', priority: 'should', threshold: { metric: 'count', max: 0, unit: 'failed steps' },
    statement: 'In the same soak no step fails: every sign-in, lead, search, account, queue and portal step the users take succeeds.' },

  { id: 'AC-STAB-08', area: 'stability', priority: 'must',
    statement: "An administrator takes a backup from the Backups screen while the CRM is in use; the screen shows its time, who took it, its size, its record counts and a SHA-256 that match the file. The CRM restored from it (npm run crm -- --restore <file>) holds every lead, quote line, payment and ticket reply committed before the backup, field for field, and nothing made after it; a file that is not a CRM backup is refused in one line and the database stays as it was. Only the administrator is offered backups: every other role finds no Backups menu, is refused the screen by direct URL (403) and cannot take one." },

  { id: 'AC-STAB-07', area: 'stability', priority: 'should', threshold: { metric: 'ratio', max: 0.25, unit: 'growth of the median RSS, last 600 answers over the first 600 after warm-up' },
    statement: "In every regression run, while a sales rep, a support agent and finance open their daily screens and API lists 3,000 times (after 600 to warm up), the CRM process's memory does not grow by more than 25 % from the first 600 answers after warm-up to the last 600." },
];
