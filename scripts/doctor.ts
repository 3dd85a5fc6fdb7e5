import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { chromium, firefox, webkit } from 'playwright-core';
import { CrmUnreachableError, apiLogin, fetchHealth, revokeSession } from '../fixtures/crm-http.js';
import { SYSTEM_CHROMIUM_PATHS, playwrightFfmpegInstalled, resolveBrowsers } from '../fixtures/browser.js';
import { paths } from '../fixtures/paths.js';
import { ROLE_KEYS } from '../fixtures/roles.js';

/**
 * `npm run doctor`: checks what a run needs, in order — configuration, browser, CRM, each role's
 * login — and says what to fix. Configuration problems stop it at the first step (fixtures/env.ts
 * prints them, one per variable).
 */
let failures = 0;
const ok = (text: string) => console.log(`  ✔ ${text}`);
const bad = (text: string, fix: string) => {
  failures += 1;
  console.log(`  ✖ ${text}\n      fix: ${fix}`);
};

console.log('1. Configuration');
const { env, childProcessEnv } = await import('../fixtures/env.js');
ok(`valid; CRM ${env.crmBaseUrl} (${env.startCrm ? 'started by the flows' : 'external'}), locale ${env.fakerLocale}, headless ${env.headless}`);

console.log('2. Browser');
const plan = resolveBrowsers(env);
for (const problem of plan.problems) bad(problem.split('\n')[0]!, problem.split('\n').slice(1).join(' ').trim() || 'see above');
for (const project of plan.projects) {
  const type = { chromium, firefox, webkit }[project.name];
  try {
    const browser = project.use.connectOptions
      ? await type.connect(project.use.connectOptions.wsEndpoint, { timeout: 15_000 })
      : await type.launch({ ...project.use.launchOptions, headless: true, timeout: 30_000 });
    ok(`${project.name} starts: ${project.description} → version ${browser.version()}`);
    await browser.close();
  } catch (e) {
    bad(`${project.name} (${project.description}) does not start: ${(e as Error).message.split('\n')[0]}`, 'reinstall it (apt-get install -y chromium chromium-headless-shell / npx playwright install) or check PW_WS_ENDPOINT');
  }
}

const systemFullChromium = plan.projects.some((p) => SYSTEM_CHROMIUM_PATHS.includes(p.use.launchOptions?.executablePath ?? ''));
if (env.headless && !env.browserExecutable && systemFullChromium) {
  console.log('  - headless runs use the full Chromium: apt-get install -y chromium-headless-shell makes each page load about a third cheaper');
}
if (!env.wsEndpoint && !playwrightFfmpegInstalled()) {
  console.log('  - video of failed tests is off: Playwright\'s ffmpeg is not installed (npx playwright install ffmpeg); traces still hold a screencast');
}

console.log('3. CRM');
const port = Number(new URL(env.crmBaseUrl).port || 80);
let crm: ChildProcess | undefined;

function portInUse(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: new URL(env.crmBaseUrl).hostname });
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });
}

async function startBundledCrm(): Promise<boolean> {
  if (await portInUse()) {
    bad(`port ${port} is already in use, so the flows could not start the bundled CRM there`, `stop what listens on ${port}, change the port in CRM_BASE_URL, or test it as an external CRM with START_CRM=false`);
    return false;
  }
  fs.mkdirSync(paths.workDir, { recursive: true });
  crm = spawn(process.execPath, ['--import', 'tsx', paths.crmMain, '--reset'], {
    cwd: paths.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childProcessEnv({ CRM_PORT: String(port), CRM_DB_FILE: `${paths.workDir}/doctor.db`, CRM_TEST_MODE: '1', CRM_FAULTS: env.crmFaults }),
  });
  const server = crm;
  let errorOutput = '';
  server.stderr?.on('data', (chunk: Buffer) => (errorOutput += chunk.toString()));
  // The CRM says when it listens; waiting for that line (or its exit) needs no polling.
  const started = await new Promise<boolean>((resolve) => {
    const timer = AbortSignal.timeout(env.timeouts.crmStart);
    timer.addEventListener('abort', () => resolve(false));
    server.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve(true));
    server.once('exit', () => resolve(false));
  });
  if (!started) bad(`the bundled CRM did not start on ${env.crmBaseUrl}: ${errorOutput.trim().split('\n')[0] ?? 'no output'}`, 'run `npm run crm` to see its full output');
  return started;
}

let reachable = false;
if (env.startCrm) {
  reachable = await startBundledCrm();
  if (reachable) ok(`the bundled CRM starts on ${env.crmBaseUrl} (a throw-away database in ${paths.workDir})`);
}
if (!env.startCrm || reachable) {
  try {
    const health = await fetchHealth(env.crmBaseUrl);
    ok(`reachable: version ${health.version}, test mode ${health.testMode ? 'on' : 'off'}, defect switches ${health.faults.join(', ') || 'none'}`);
    if (!health.testMode) console.log('    note: without test mode (CRM_TEST_MODE=1) flows that move the business clock will fail');
    reachable = true;
  } catch (e) {
    reachable = false;
    bad((e as Error).message, e instanceof CrmUnreachableError ? 'start the CRM or correct CRM_BASE_URL' : 'check the CRM logs');
  }
}

console.log('4. Role logins');
if (!reachable) console.log('  (skipped: the CRM is not reachable)');
else {
  for (const role of ROLE_KEYS) {
    const creds = env.roles[role];
    try {
      const login = await apiLogin(env.crmBaseUrl, creds);
      const nameNote = login.user.displayName === creds.displayName ? '' : ` — the CRM calls this user "${login.user.displayName}", configured "${creds.displayName}"`;
      if (nameNote) bad(`${role}: ${creds.username} signs in${nameNote}`, `set ROLE_${role.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/(\D)(\d)/g, '$1_$2').toUpperCase()}_NAME to the CRM's display name`);
      else ok(`${role}: ${creds.username} signs in as ${login.user.displayName} (${login.user.role})`);
      await revokeSession(env.crmBaseUrl, login.sessionId);
    } catch (e) {
      bad(`${role}: ${(e as Error).message}`, 'check that user exists and the ROLE_*_USERNAME / ROLE_*_PASSWORD values in .env');
    }
  }
}

if (crm && crm.exitCode === null) {
  const stopped = new Promise((resolve) => crm!.once('exit', resolve));
  crm.kill('SIGTERM');
  await stopped;
}
console.log(failures === 0 ? '\nAll checks passed: `npm run flows` should run.' : `\n${failures} problem(s) to fix (see "fix:" lines above).`);
process.exit(failures === 0 ? 0 : 1);
