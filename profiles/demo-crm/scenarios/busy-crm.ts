import { test, type Browser, type TestInfo } from '@playwright/test';
import type { Actor } from '../actor.js';
import type { TestData } from '../data/test-data.js';
import { castOnOwnCrm } from '../migration/own-crm-cast.js';
import { freePort, OwnCrm } from '../migration/own-crm.js';
import type { RoleKey } from '../roles.js';
import { busySales, type BusySales } from './busy-sales.js';
import { busyService, type BusyService } from './busy-service.js';

/**
 * A CRM of the test's own (fresh database, the run's defect switches) holding a busy sales side and
 * service desk, with every role signed in there. Nothing else writes to it, so every figure it shows
 * can be compared with its records without racing the tests that run beside it.
 */
export interface BusyCrm {
  crm: OwnCrm;
  actor(role: RoleKey): Promise<Actor>;
  sales: BusySales;
  service: BusyService;
  close(): Promise<void>;
}

export async function busyOwnCrm(o: { browser: Browser; testInfo: TestInfo; data: TestData; ports: [number, number] }): Promise<BusyCrm> {
  const crm = new OwnCrm(await freePort(...o.ports), `busy-${o.data.tag}`);
  const signedIn = await test.step(`Given a CRM of this test's own on port ${crm.port} (fresh database), every role signed in there`, async () => {
    await crm.start({ fresh: true });
    return castOnOwnCrm(crm, o.browser, o.testInfo);
  }).catch(async (error: unknown) => {
    await crm.dispose();
    throw error;
  });
  const close = async () => {
    await signedIn.close();
    await crm.dispose();
  };
  try {
    const actor = (role: RoleKey) => signedIn.cast.get(role);
    const sales = await busySales({ admin: await actor('admin'), rep: await actor('salesRep'), rep2: await actor('salesRep2'), manager: await actor('salesManager'), finance: await actor('finance') }, o.data);
    const service = await busyService(
      { agent: await actor('supportAgent'), agent2: await actor('supportAgent2'), manager: await actor('supportManager'), customer: await actor('customer'), customer2: await actor('customer2') },
      o.data, { openTicketOn: sales.accounts[0] },
    );
    return { crm, actor, sales, service, close };
  } catch (error) {
    await close();
    throw error;
  }
}
