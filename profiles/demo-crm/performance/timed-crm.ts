import { test, type Browser } from '@playwright/test';
import type { Cast } from '../../../fixtures/cast.js';
import type { ApiClient } from '../api/client.js';
import { castOnOwnCrm } from '../migration/own-crm-cast.js';
import { OwnCrm, freePort, type VolumeSeed } from '../migration/own-crm.js';
import { ScreenTimer } from './screen-timer.js';

/** The ports the performance tests' own CRMs take the first free one of. */
export const OWN_CRM_PORTS = { from: 4820, to: 4839 } as const;

export interface TimedCrm {
  /** every role, signed in on the test's own CRM */
  cast: Cast<ApiClient>;
  timer: ScreenTimer;
}

/**
 * Runs `body` on a CRM of the test's own holding `volume` bulk records (a fresh database, the run's
 * defect switches), with every role signed in over HTTP, then publishes what the timer measured, even
 * when the body failed half-way, and stops the CRM.
 */
export async function onVolumeCrm(browser: Browser, o: { name: string; volume: VolumeSeed; described: string }, body: (crm: TimedCrm) => Promise<void>): Promise<void> {
  const crm = new OwnCrm(await freePort(OWN_CRM_PORTS.from, OWN_CRM_PORTS.to), o.name);
  const timer = new ScreenTimer();
  try {
    await test.step(`Given a CRM of this test's own on port ${crm.port} with ${o.described}`, () => crm.start({ fresh: true, volume: o.volume }));
    const own = await castOnOwnCrm(crm, browser, test.info());
    try {
      await body({ cast: own.cast, timer });
    } finally {
      await timer.publish();
      await own.close();
    }
  } finally {
    await crm.dispose();
  }
}
