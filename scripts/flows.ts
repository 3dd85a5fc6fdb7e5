import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { env, environmentWith, profile } from '../fixtures/env.js';
import { paths } from '../fixtures/paths.js';
import { configuredSecrets } from '../fixtures/report-checks/secrets.js';
import { scanForSecrets } from '../fixtures/report-checks/secret-scan.js';
import { runCertificate } from '../fixtures/tls.js';
import { ensureBrowser } from './lib/ensure-browser.js';

/**
 * `npm run flows [-- playwright args]`: ensure a browser → `playwright test` → Allure report →
 * scan the finished reports for passwords. Headed, debug and UI modes on a machine without a display
 * re-run themselves under `xvfb-run` (Debian package xvfb); UI mode is served over HTTP instead.
 */
const args = process.argv.slice(2);
const wantsWindow = args.includes('--headed') || args.includes('--debug');
const ui = args.includes('--ui');

function run(command: string, commandArgs: string[], extraEnv: Record<string, string> = {}): number {
  return spawnSync(command, commandArgs, { stdio: 'inherit', cwd: paths.root, env: environmentWith(extraEnv) }).status ?? 1;
}

if (wantsWindow && !env.display) {
  if (spawnSync('which', ['xvfb-run']).status !== 0) {
    console.error('There is no display and xvfb-run is missing: install it with `apt-get install -y xvfb`, or run headless (npm run flows).');
    process.exit(2);
  }
  console.log('No DISPLAY: running the headed browser inside a virtual display (xvfb-run).');
  process.exit(run('xvfb-run', ['-a', 'npx', 'tsx', 'scripts/flows.ts', ...args]));
}

const plan = ensureBrowser(env);
if (plan.problems.length > 0) {
  console.error(`CRM Flows cannot run: no usable browser.\n  ${plan.problems.join('\n  ')}`);
  process.exit(2);
}

// A bundled CRM over HTTPS: Node trusts the run's certificate only when told so at its start.
const trust: Record<string, string> = new URL(env.crmBaseUrl).protocol === 'https:' && env.startCrm && profile.capabilities.bundledServer
  ? { NODE_EXTRA_CA_CERTS: runCertificate(paths.workDir, env.crmBaseUrl).certFile }
  : {};

const uiArgs = ui && !env.display ? ['--ui-host=127.0.0.1'] : [];
const status = run('npx', ['playwright', 'test', ...args, ...uiArgs], trust);
if (ui || args.includes('--list')) process.exit(status);

let reportStatus = 0;
if (fs.existsSync(paths.allureResults) && fs.readdirSync(paths.allureResults).length > 0) {
  reportStatus = run('npx', ['allure', 'generate', paths.allureResults, '--config', 'allurerc.mjs', '-o', paths.allureReport]);
  if (reportStatus === 0) console.log(`Allure report: ${paths.allureReport}/index.html (npm run report:open serves it)`);
}

const { findings } = scanForSecrets([paths.reportsDir, paths.testResults], configuredSecrets());
for (const f of findings) console.error(`Password leak: ${f.label} found in ${f.file}${f.entry ? ` (${f.entry})` : ''}`);

process.exit(status !== 0 ? status : reportStatus !== 0 ? reportStatus : findings.length > 0 ? 1 : 0);
