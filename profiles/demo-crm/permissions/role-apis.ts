import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';
import { z } from 'zod';
import { ApiClient } from '../api/client.js';
import { ensureSession } from '../../../fixtures/auth/session-store.js';
import { crmRoutes } from '../routes.js';
import { env, profile } from '../../../fixtures/env.js';
import { storageStatePath } from '../../../fixtures/paths.js';
import { ROLE_KEYS, type RoleKey } from '../roles.js';

/**
 * One API session per role, each its own Playwright request context carrying that role's stored
 * session: the cheap way to ask the CRM 1,000 questions without a browser. The user facts (id,
 * account) are what the world builder needs to name owners and assignees.
 */
export interface RoleSession {
  role: RoleKey;
  api: ApiClient;
  userId: number;
  accountId: number | null;
}
export type RoleApis = Record<RoleKey, RoleSession>;

const sessionSchema = z.object({
  user: z.object({ id: z.number(), accountId: z.number().nullable().optional() }),
  csrfToken: z.string().min(1),
});

/** `statePathOf` keeps a hand-run session store apart from the flows' own .auth folder. */
export async function openRoleApis(
  playwright: Pick<PlaywrightWorkerArgs['playwright'], 'request'>,
  statePathOf?: (role: RoleKey) => string,
): Promise<{ apis: RoleApis; dispose: () => Promise<void> }> {
  const contexts: APIRequestContext[] = [];
  const entries = await Promise.all(
    ROLE_KEYS.map(async (role): Promise<[RoleKey, RoleSession]> => {
      const session = await ensureSession({ profile, baseUrl: env.crmBaseUrl, role, creds: env.roles[role]!, statePath: statePathOf?.(role) ?? storageStatePath(role) });
      const request = await playwright.request.newContext({ baseURL: env.crmBaseUrl, storageState: session.statePath });
      contexts.push(request);
      const response = await request.get(crmRoutes.session);
      if (!response.ok()) throw new Error(`GET ${crmRoutes.session} as ${role} answered HTTP ${response.status()}: the stored session was not accepted`);
      const body = sessionSchema.parse(await response.json());
      return [role, { role, api: new ApiClient(request, role, body.csrfToken), userId: body.user.id, accountId: body.user.accountId ?? null }];
    }),
  );
  return {
    apis: Object.fromEntries(entries) as RoleApis,
    dispose: async () => {
      await Promise.all(contexts.map((c) => c.dispose()));
    },
  };
}
