import { freePort } from './migration/own-crm.js';

/**
 * Every port a CRM of the bundled profile's own may listen on, in one table, so that no two users of
 * a port can meet: the tests that start a CRM of their own (a crash, a clock, a seeded volume, short
 * sessions), the scripts, and the self-test's one-switch CRMs (scripts/lib/selftest/plan.ts, which
 * as framework code does not import a profile). tests/unit/own-crm-ports.test.ts proves that no two
 * ranges overlap, the shared CRM's default port included.
 */
export const OWN_CRM_PORTS = {
  /** npm run bench (the framework's run, the plain Playwright Test, the raw script, the regression, the two volume CRMs) and scripts/bench-import.ts (4532) */
  bench: [4521, 4541],
  /** npm run load (its default; `--port` may move it) */
  load: [4550, 4550],
  /** the 60,000-row import killed mid-write (flows/demo-crm/data/import-crash.spec.ts) */
  importCrash: [4570, 4599],
  /** performance tests seeded with 100,000 records */
  timed: [4820, 4839],
  /** stability tests: one CRM per worker, killed and restarted */
  stability: [4841, 4859],
  /** the dashboard figures test's busy CRM */
  dashboard: [4861, 4869],
  /** the record integrity test's busy CRM */
  integrity: [4870, 4879],
  /** session tests: short lifetimes, HTTPS */
  sessions: [4900, 4919],
  /** visual baselines on literal data */
  visual: [4940, 4949],
  /** the task-effort test: an approvals inbox no other test fills */
  usability: [4950, 4959],
  /** the export round trip: an unfiltered export of every account, which no other test may change meanwhile */
  exportRoundTrip: [4960, 4969],
} as const satisfies Record<string, readonly [number, number]>;

export type OwnCrmPortRange = keyof typeof OWN_CRM_PORTS;

/** The first free port of a named range (claimed for this process until it is released). */
export function ownCrmPort(range: OwnCrmPortRange, offset = 0): Promise<number> {
  const [from, to] = OWN_CRM_PORTS[range];
  return freePort(Math.min(from + offset, to), to);
}
