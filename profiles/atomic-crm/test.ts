import { flowTest } from '../../fixtures/test.js';
import { AtomicTestData } from './data/test-data.js';
import profile from './profile.js';

/**
 * What every Atomic CRM flow imports: the framework's flow test for this profile (the `admin`
 * actor, `seed`, `dataTag`) plus `data`, this test's seeded factories (`data.company()`,
 * `data.deal({ amount: 48_250 })`, …). The same run seed replays the same records.
 */
export const test = flowTest(profile).extend<{ data: AtomicTestData }>({
  data: async ({ seed, dataTag, timezoneId }, use) => {
    await use(new AtomicTestData({ seed, tag: dataTag, timeZone: timezoneId ?? 'UTC' }));
  },
});

export { expect } from '@playwright/test';
export { criteria, describeFlow } from '../../fixtures/allure.js';
