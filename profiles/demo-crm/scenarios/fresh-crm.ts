import { test, type Browser, type TestInfo } from '@playwright/test';
import type { Actor } from '../actor.js';
import { castOnOwnCrm } from '../migration/own-crm-cast.js';
import { OwnCrm } from '../migration/own-crm.js';
import { ownCrmPort, type OwnCrmPortRange } from '../own-crm-ports.js';
import type { RoleKey } from '../roles.js';

/**
 * A CRM of the test's own on a port of the range `ports` names (fresh, seeded database; the run's defect switches),
 * each role signed in there when the test first needs it. Nothing else writes to it: what its screens show is the seed plus what
 * the test did.
 */
export interface FreshCrm {
  crm: OwnCrm;
  actor: (role: RoleKey) => Promise<Actor>;
  close: () => Promise<void>;
}

export async function freshOwnCrm(o: { browser: Browser; testInfo: TestInfo; name: string; ports: OwnCrmPortRange }): Promise<FreshCrm> {
  const crm = new OwnCrm(await ownCrmPort(o.ports), o.name);
  const signedIn = await test.step(`Given a CRM of this test's own on port ${crm.port} (fresh database), each role signs in there when first needed`, async () => {
    await crm.start({ fresh: true });
    return castOnOwnCrm(crm, o.browser, o.testInfo);
  }).catch(async (error: unknown) => {
    await crm.dispose();
    throw error;
  });
  return {
    crm,
    actor: (role) => signedIn.cast.get(role),
    close: async () => {
      await signedIn.close();
      await crm.dispose();
    },
  };
}

/** A test fixture giving each test a fresh CRM of its own on a port of `ports`, closed after the test. */
export function freshCrmFixture(name: string, ports: OwnCrmPortRange) {
  return async ({ browser }: { browser: Browser }, use: (own: FreshCrm) => Promise<void>, testInfo: TestInfo): Promise<void> => {
    const own = await freshOwnCrm({ browser, testInfo, name, ports });
    try {
      await use(own);
    } finally {
      await own.close();
    }
  };
}
