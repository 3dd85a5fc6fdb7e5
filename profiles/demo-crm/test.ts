import { mergeTests } from '@playwright/test';
import { env } from '../../fixtures/env.js';
import { flowTest } from '../../fixtures/test.js';
import type { Actor } from './actor.js';
import { BusinessClock } from './clock.js';
import { TestData } from './data/test-data.js';
import { permissionFixtures } from './permissions/perm-test.js';
import profile from './profile.js';
import { ownSessionCrms, type OwnSessionCrms } from './security/own-session-crms.js';
import { throwawaySessions, type ThrowawaySessions } from './security/throwaway-sessions.js';
import { ownCrmFixtures } from './stability/own-crm-fixture.js';

/**
 * What every flow of the bundled CRM imports: the framework's flow test for this profile (one
 * fixture per role: `salesRep`, `finance`, `customer`, …), plus
 *  - `data`: this test's seeded factories (`data.lead()`, `data.ticket()`, …);
 *  - `clock`: the business clock of each actor (SLA, due dates and auto-close are about time passing);
 *  - `perm`: the permission matrix's probe world (built once per worker, only when a test asks);
 *  - `ownCrm`: a CRM process of the test's own and its actors, for tests that kill the CRM;
 *  - `throwaway`: users only this test knows, each in a browser of their own (session tests);
 *  - `sessionCrm`: a CRM of the test's own with short session limits, or over HTTPS.
 */
const flows = flowTest(profile).extend<{ data: TestData; clock: BusinessClock }>({
  data: async ({ seed, dataTag }, use) => {
    await use(new TestData({ seed, tag: dataTag, locale: env.fakerLocale, referenceDate: env.referenceDate }));
  },
  clock: async ({}, use) => {
    await use(new BusinessClock());
  },
});

export const test = mergeTests(flows, permissionFixtures, ownCrmFixtures).extend<{ throwaway: ThrowawaySessions; sessionCrm: OwnSessionCrms }>({
  throwaway: throwawaySessions,
  sessionCrm: ownSessionCrms,
});

/** The name the CRM's audit log records for an actor's actions (their username). */
export function auditNameOf(actor: Actor): string {
  return env.roles[actor.role]!.username;
}

export { expect } from '@playwright/test';
export { criteria, describeFlow } from '../../fixtures/allure.js';
export { eventually, pollBackend } from '../../fixtures/wait.js';
export { permissionLabels } from './permissions/perm-test.js';
export type { Actor } from './actor.js';
