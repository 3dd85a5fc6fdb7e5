import { spawnSync } from 'node:child_process';
import { resolveBrowsers, type BrowserPlan } from '../../fixtures/browser.js';
import type { Env } from '../../fixtures/env.js';

/**
 * Makes sure the flows have a browser: the plan from fixtures/browser.ts, and when no Chromium is
 * found one attempt at `npx playwright install chromium` (works where Playwright's download host is
 * reachable). Returns the problems left, already phrased with the install commands.
 */
export function ensureBrowser(env: Env, log: (line: string) => void = console.log): BrowserPlan {
  const plan = resolveBrowsers(env);
  if (plan.problems.length === 0 || env.browserExecutable || env.wsEndpoint) return plan;
  log('No browser found; trying `npx playwright install chromium` once…');
  spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  return resolveBrowsers(env);
}
