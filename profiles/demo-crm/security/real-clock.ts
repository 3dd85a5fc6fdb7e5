// eslint-disable-next-line no-restricted-imports -- the one sleep of the suite, see below
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Lets `ms` of real time pass. Session limits run on the CRM's real clock (the test clock header
 * moves business time only), so time passing is the behaviour under test and no page or API shows
 * a signal to wait for instead. Tests then assert the outcome, never how long anything took.
 */
export function letRealTimePass(ms: number): Promise<void> {
  return sleep(ms);
}
