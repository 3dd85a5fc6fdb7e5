import type { Browser, TestInfo } from '@playwright/test';
import type { Actor } from '../actor.js';
import type { TestData } from '../data/test-data.js';
import type { OwnCrm } from '../migration/own-crm.js';
import type { RoleKey } from '../roles.js';
import { busySales, type BusySales } from './busy-sales.js';
import { busyService, type BusyService } from './busy-service.js';
import { freshOwnCrm } from './fresh-crm.js';
import type { OwnCrmPortRange } from '../own-crm-ports.js';

/**
 * A CRM of the test's own (fresh database, the run's defect switches) holding a busy sales side and
 * service desk, each role signed in there when first needed. Nothing else writes to it, so every figure it shows
 * can be compared with its records without racing the tests that run beside it.
 */
export interface BusyCrm {
  crm: OwnCrm;
  actor(role: RoleKey): Promise<Actor>;
  sales: BusySales;
  service: BusyService;
  close(): Promise<void>;
}

export async function busyOwnCrm(o: { browser: Browser; testInfo: TestInfo; data: TestData; ports: OwnCrmPortRange }): Promise<BusyCrm> {
  const { crm, actor, close } = await freshOwnCrm({ ...o, name: `busy-${o.data.tag}` });
  try {
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
