import { test, type Browser } from '@playwright/test';
import type { Cast } from '../../../fixtures/cast.js';
import type { ApiClient } from '../api/client.js';
import { castOnOwnCrm } from '../migration/own-crm-cast.js';
import { OwnCrm, type VolumeSeed } from '../migration/own-crm.js';
import { ownCrmPort } from '../own-crm-ports.js';
import { ScreenTimer } from './screen-timer.js';

export interface TimedCrm {
  /** every role on the test's own CRM, each signed in there when first asked for */
  cast: Cast<ApiClient>;
  timer: ScreenTimer;
}

/** Seeding 100,000 leads, accounts and contacts took 8 s on the quiet 2-core machine and over 60 s at load 20. */
const SEEDED_WITHIN_MS = 240_000;

interface VolumeCrmOptions {
  name: string;
  volume: VolumeSeed;
  /** "100,000 bulk leads, accounts and contacts" */
  described: string;
}

async function startVolumeCrm(o: VolumeCrmOptions): Promise<OwnCrm> {
  const crm = new OwnCrm(await ownCrmPort('timed'), o.name);
  try {
    await test.step(`Given a CRM of this test's own on port ${crm.port} with ${o.described}`, () => crm.start({ fresh: true, volume: o.volume, readyWithinMs: SEEDED_WITHIN_MS }));
  } catch (error) {
    await crm.dispose();
    throw error;
  }
  return crm;
}

/** The roles on `crm`, each signed in over HTTP when first asked for; publishes what the timer measured, even when the body failed half-way. */
async function timedOn(crm: OwnCrm, browser: Browser, body: (crm: TimedCrm) => Promise<void>): Promise<void> {
  const timer = new ScreenTimer();
  const own = await castOnOwnCrm(crm, browser, test.info());
  try {
    await body({ cast: own.cast, timer });
  } finally {
    await timer.publish();
    await own.close();
  }
}

/**
 * Runs `body` on a CRM of the test's own holding `volume` bulk records (a fresh database, the run's
 * defect switches), each role signed in over HTTP when first asked for, then stops the CRM.
 */
export async function onVolumeCrm(browser: Browser, o: VolumeCrmOptions, body: (crm: TimedCrm) => Promise<void>): Promise<void> {
  const crm = await startVolumeCrm(o);
  try {
    await timedOn(crm, browser, body);
  } finally {
    await crm.dispose();
  }
}

/**
 * One volume CRM for the tests of a describe block that only read its bulk data: seeded once before
 * the first (seeding 100,000 records costs the 2-core machine tens of seconds), stopped after the
 * last. The block's tests run in one worker, in order; each still runs alone (`-g`) as well.
 */
export function sharedVolumeCrm(o: VolumeCrmOptions): { run(browser: Browser, body: (crm: TimedCrm) => Promise<void>): Promise<void> } {
  let crm: OwnCrm | undefined;
  test.describe.configure({ mode: 'default' });
  test.beforeAll(async () => {
    test.setTimeout(SEEDED_WITHIN_MS + 60_000);
    crm = await startVolumeCrm(o);
  });
  test.afterAll(async () => {
    await crm?.dispose();
  });
  return {
    run: (browser, body) => {
      if (!crm) throw new Error(`the shared CRM ${o.name} did not start`);
      return timedOn(crm, browser, body);
    },
  };
}
