import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, TestInfo } from '@playwright/test';
import { writeStorageState } from '../../../fixtures/auth/session-store.js';
import { Cast } from '../../../fixtures/cast.js';
import { env, profile } from '../../../fixtures/env.js';
import { paths } from '../../../fixtures/paths.js';
import type { ApiClient } from '../api/client.js';
import { apiLogin, storageStateFor } from '../http.js';
import type { OwnCrm } from './own-crm.js';

/**
 * The roles of the profile on a CRM of the test's own: the same actors as the run's (browser, page,
 * API session, steps named after the person), only on that CRM's port. Each role signs in there when
 * the test first asks for it (eleven sign-ins up front cost the CRM 0.6 s of scrypt), over HTTP, so
 * no password is typed into a traced page.
 */
export interface OwnCast {
  cast: Cast<ApiClient>;
  close(): Promise<void>;
}

export async function castOnOwnCrm(crm: OwnCrm, browser: Browser, testInfo: TestInfo): Promise<OwnCast> {
  const dir = path.join(paths.authDir, `own-crm-${crm.port}-${testInfo.testId}`);
  const statePathOf = (role: string) => path.join(dir, `${role}.json`);
  const openSession = async (role: string, statePath: string) => {
    const login = await apiLogin(crm.baseUrl, env.roles[role]!);
    writeStorageState(statePath, storageStateFor(crm.baseUrl, login.sessionId));
  };
  const cast = new Cast<ApiClient>(browser, testInfo, { profile, baseUrl: crm.baseUrl, roles: env.roles, statePathOf, videoMode: 'off', openSession });
  return {
    cast,
    async close() {
      await cast.closeAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
