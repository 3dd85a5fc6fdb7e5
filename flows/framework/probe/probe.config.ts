import { defineConfig } from '@playwright/test';
import { resolveBrowsers } from '../../../fixtures/browser.js';
import { env } from '../../../fixtures/env.js';
import base from '../../../playwright.config.js';

/**
 * A nested run used by the framework's own checks (flows/framework/failed-flow-trace.spec.ts): the
 * normal configuration, pointed at the CRM of the outer run, running only the deliberately failing
 * probe so the report of a failure can be inspected.
 */
const [primary] = resolveBrowsers(env).projects;

export default defineConfig({
  ...base,
  webServer: undefined,
  projects: [{ name: 'probe', testDir: import.meta.dirname, testMatch: /failing-probe\.ts$/, use: primary?.use ?? {} }],
});
