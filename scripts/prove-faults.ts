/**
 * The lead-to-cash (or service-ticket) proof of strength, now one slice of the self-test
 * (scripts/selftest.ts): a clean baseline run, then one run per switch of the domain against a fresh
 * CRM with only that switch on, each caught only by a failing assertion. Results in
 * reports/selftest/ (selftest.json, index.html); the whole catalogue is `npm run selftest`.
 *
 *   npx tsx scripts/prove-faults.ts                       # the sales switches
 *   npx tsx scripts/prove-faults.ts --domain service      # the service switches
 *   npx tsx scripts/prove-faults.ts --switch quote-tax-on-gross,overpayment-accepted [--parallel 1 --base-port 4600]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The sales-domain switches of kind calculation, workflow or data-sync, plus the two money/permission rules the flows own. */
export const SALES_SWITCHES = [
  'quote-line-rounding-truncates',
  'quote-tax-on-gross',
  'invoice-total-excludes-tax',
  'approval-threshold-20',
  'manager-approves-above-30',
  'quote-send-while-pending',
  'opportunity-not-closed-on-accept',
  'conversion-drops-phone',
  'account-revenue-stale',
  'dashboard-double-counts-won',
  'overpayment-accepted',
  'discount-editable-after-approval',
] as const;

/** The service-domain switches: SLA, workflow and portal visibility. */
export const SERVICE_SWITCHES = ['sla-pause-ignored', 'sla-breach-not-flagged', 'ticket-reopen-after-window', 'internal-note-in-portal'] as const;

const DOMAINS = { sales: SALES_SWITCHES, service: SERVICE_SWITCHES } as const;

const argv = process.argv.slice(2);
const take = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv.splice(i, 2)[1] : undefined;
};
const domain = take('--domain') ?? 'sales';
if (!(domain in DOMAINS)) {
  console.error(`prove-faults: --domain must be ${Object.keys(DOMAINS).join(' or ')} (got ${domain})`);
  process.exit(2);
}
const switches = take('--switch') ?? DOMAINS[domain as keyof typeof DOMAINS].join(',');
const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'selftest.ts'), '--switch', switches, ...argv], { stdio: 'inherit' });
process.exit(child.status ?? 1);
