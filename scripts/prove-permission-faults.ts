/**
 * The permission-matrix proof of strength, now one slice of the self-test (scripts/selftest.ts):
 * a clean baseline run, then one run per permission switch against a fresh CRM with only that switch
 * on; a switch is caught when a matrix cell or an ownership/field rule fails its assertion. Results
 * in reports/selftest/ (selftest.json, index.html); the whole catalogue is `npm run selftest`.
 *
 *   npx tsx scripts/prove-permission-faults.ts
 *   npx tsx scripts/prove-permission-faults.ts --switch internal-note-in-portal [--parallel 1 --base-port 4600]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const PERMISSION_SWITCHES = [
  'opportunity-owner-check-missing',
  'invoices-url-open-to-support',
  'account-rollup-owner-check-missing',
  'discount-editable-after-approval',
  'internal-note-in-portal',
  'manager-approves-above-30',
] as const;

const argv = process.argv.slice(2);
const i = argv.indexOf('--switch');
const switches = i >= 0 ? argv.splice(i, 2)[1] : PERMISSION_SWITCHES.join(',');
const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'selftest.ts'), '--switch', switches ?? '', ...argv], { stdio: 'inherit' });
process.exit(child.status ?? 1);
