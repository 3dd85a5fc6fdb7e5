import * as allure from 'allure-js-commons';
import { criteria, describeFlow } from '../../../fixtures/allure.js';
import { fnv1a32 } from '../../../fixtures/data/seed.js';
import { freshValues } from './fresh-values.js';
import { env } from '../../../fixtures/env.js';
import { test as base } from '@playwright/test';
import type { MatrixRole } from './model.js';
import { saveTiming } from './report.js';
import { openRoleApis, type RoleApis } from './role-apis.js';
import type { PlanContext } from './target-types.js';
import { buildConsumables, buildWorld, type Consumables, type World } from './world.js';

/**
 * What a permission spec imports. On top of the flow fixtures: one API session per role and the
 * probe world, both built once per worker (the world is only read, or edited harmlessly; whatever an
 * action uses up comes from per-test consumables), and `perm` to build a role's probe context.
 */
export interface PermissionKit {
  /** "Sales rep Li Wei" */
  persona(role: MatrixRole | 'customer2'): string;
  context(role: MatrixRole, spare?: Consumables): PlanContext;
  /** fresh records for the actions that use one up (delete, approve, invoice an order) */
  consumables(): Promise<Consumables>;
}

export const permissionFixtures = base.extend<{ perm: PermissionKit }, { roleApis: RoleApis; world: World }>({
  roleApis: [
    async ({ playwright }, use) => {
      const { apis, dispose } = await openRoleApis(playwright);
      await use(apis);
      await dispose();
    },
    { scope: 'worker' },
  ],

  world: [
    async ({ roleApis }, use, workerInfo) => {
      const startedAt = Date.now();
      const world = await buildWorld(roleApis, `pm${env.runId}w${workerInfo.workerIndex}`);
      saveTiming(env.runId, `world-w${workerInfo.workerIndex}`, startedAt, Date.now());
      await use(world);
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  perm: async ({ roleApis, world }, use, testInfo) => {
    const testPart = fnv1a32(`${testInfo.testId}:${testInfo.repeatEachIndex}:${testInfo.retry}`).toString(36).slice(-4);
    const startedAt = Date.now();
    const { fresh, freshNumber } = freshValues(world.tag, testPart);
    await use({
      persona: (role) => env.roles[role].persona,
      context: (role, spare) => ({ role, apis: roleApis, world, spare, reader: roleApis.admin.api, portal: env.roles[role]!.loginKind === 'portal', fresh, freshNumber }),
      consumables: () => buildConsumables(roleApis, world, testPart),
    });
    saveTiming(env.runId, `test-${testInfo.testId}-${testInfo.repeatEachIndex}-${testInfo.retry}`, startedAt, Date.now());
  },
});

/** Allure labels every permission test carries: epic "Permissions", the layer or rule, its criteria. */
export async function permissionLabels(feature: string, story: string, criteriaIds: readonly string[], role?: MatrixRole): Promise<void> {
  await describeFlow({ epic: 'Permissions', feature, story, severity: 'critical', tags: ['permissions'] });
  await criteria(...criteriaIds);
  if (role) await allure.parameter('role', env.roles[role].persona);
}

