import { test as base } from '@playwright/test';
import { writeStorageState } from '../../../fixtures/auth/session-store.js';
import { Cast } from '../../../fixtures/cast.js';
import type { CrmProfile } from '../../../fixtures/profile.js';
import { env } from '../../../fixtures/env.js';
import type { Actor } from '../actor.js';
import type { ApiClient } from '../api/client.js';
import { storageStateFor } from '../http.js';
import { OwnCrm } from '../migration/own-crm.js';
import { ownCrmPort } from '../own-crm-ports.js';
import profile from '../profile.js';
import { isPortalRole, type RoleKey } from '../roles.js';

/**
 * `ownCrm`: a CRM process of the test's own — the run's defect switches, test mode, its own port and
 * database — and its actors: each role signs in there over HTTP, so no password enters the test's
 * trace, then gets a browser context and API client from that session like the run's cast. For tests
 * that kill the CRM (flows/demo-crm/stability). One process per worker, started once with a fresh
 * database; each test finds it running (restarted on the same database if the test before left it
 * killed or held) and makes its own data, as on the shared CRM.
 */
export interface OwnCrmWorld {
  crm: OwnCrm;
  actor(role: RoleKey): Promise<Actor>;
}

/** Two workers start looking for a free port at different ends of the stability range. */
const PER_WORKER = 9;

export const ownCrmFixtures = base.extend<{ ownCrm: OwnCrmWorld }, { ownCrmProcess: OwnCrm }>({
  ownCrmProcess: [async ({}, use, workerInfo) => {
    const port = await ownCrmPort('stability', (workerInfo.parallelIndex % 2) * PER_WORKER);
    const crm = new OwnCrm(port, `stability-w${workerInfo.workerIndex}`);
    try {
      await crm.start({ fresh: true });
      await use(crm);
    } finally {
      await crm.dispose();
    }
  }, { scope: 'worker' }],

  ownCrm: async ({ ownCrmProcess: crm, browser, video }, use, testInfo) => {
    if (!crm.running) await crm.start({ fresh: false });
    const statePath = (role: string) => testInfo.outputPath('own-crm-auth', `${role}.json`);
    const openSession = async (role: string, file: string) => {
      const cookie = await crm.signIn(env.roles[role]!, { portal: isPortalRole(role as RoleKey) });
      writeStorageState(file, storageStateFor(crm.baseUrl, cookie.value));
    };
    const cast = new Cast<ApiClient>(browser, testInfo, {
      profile: profile as CrmProfile, baseUrl: crm.baseUrl, roles: env.roles, statePathOf: statePath,
      videoMode: typeof video === 'string' ? video : video.mode, openSession,
    });
    const actor = (role: RoleKey): Promise<Actor> => cast.get(role);
    try {
      await use({ crm, actor });
    } finally {
      await cast.closeAll();
      // a test that failed may have left the process held at a crash point: the next test starts it again
      if (testInfo.status !== testInfo.expectedStatus) await crm.kill();
    }
  },
});
