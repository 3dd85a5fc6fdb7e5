import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { chromium, firefox, webkit } from 'playwright-core';
import { SYSTEM_CHROMIUM_PATHS, playwrightFfmpegInstalled, resolveBrowsers } from '../fixtures/browser.js';
import { paths } from '../fixtures/paths.js';
import { CrmUnreachableError } from '../fixtures/profile.js';
import { roleEnvVars } from '../fixtures/config/role-env.js';

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
const { env, childProcessEnv, profile } = await import('../fixtures/env.js');
ok(`valid; CRM profile ${profile.name} (${profile.title}), CRM ${env.crmBaseUrl} (${env.startCrm ? 'started by the flows' : 'external'}), locale ${env.fakerLocale}, headless ${env.headless}`);

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
  const server = profile.capabilities.bundledServer;
  if (!server) return false;
  if (await portInUse()) {
    bad(`port ${port} is already in use, so the flows could not start the bundled CRM there`, `stop what listens on ${port}, change the port in CRM_BASE_URL, or test it as an external CRM with START_CRM=false`);
    return false;
  }
  fs.mkdirSync(paths.workDir, { recursive: true });
  const host = new URL(env.crmBaseUrl).hostname;
  crm = spawn(server.command, {
    shell: true,
    cwd: paths.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childProcessEnv(server.env({ port, host, dbFile: `${paths.workDir}/doctor.db`, faults: env.crmFaults, https: env.crmBaseUrl.startsWith('https:') })),
  });
  const child = crm;
  let errorOutput = '';
  child.stderr?.on('data', (chunk: Buffer) => (errorOutput += chunk.toString()));
  // The CRM says when it listens; waiting for that line (or its exit) needs no polling.
  const started = await new Promise<boolean>((resolve) => {
    const timer = AbortSignal.timeout(env.timeouts.crmStart);
    timer.addEventListener('abort', () => resolve(false));
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve(true));
    child.once('exit', () => resolve(false));
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
    const health = await profile.health(env.crmBaseUrl);
    ok(`reachable: ${profile.title}, version ${health.version}, defect switches ${health.faults.join(', ') || 'none'}`);
    for (const note of health.notes) console.log(`    note: ${note}`);
    reachable = true;
  } catch (e) {
    reachable = false;
    bad((e as Error).message, e instanceof CrmUnreachableError ? 'start the CRM or correct CRM_BASE_URL' : 'check the CRM logs');
  }
}

console.log('4. Role logins (through each role\'s login page, as the flows sign in)');
if (!reachable) console.log('  (skipped: the CRM is not reachable)');
else {
  const [project] = plan.projects;
  const browser = project && !project.use.connectOptions ? await chromium.launch({ ...project.use.launchOptions, headless: true }).catch(() => undefined) : undefined;
  if (!browser) console.log('  (skipped: no local browser to sign in with; see step 2)');
  for (const role of browser ? profile.roles : []) {
    const creds = env.roles[role.key]!;
    const vars = roleEnvVars(role.key);
    if (!creds.configured) {
      console.log(`  - ${role.key}: not configured (set ${vars.username} and ${vars.password} to use it)`);
      continue;
    }
    try {
      const context = await browser!.newContext({ baseURL: env.crmBaseUrl });
      const page = await context.newPage();
      await profile.signIn(page, role, creds);
      const shown = await profile.signedInUser(page);
      await context.close();
      if (shown !== creds.displayName) bad(`${role.key}: ${creds.username} signs in, but the CRM calls this user "${shown}", configured "${creds.displayName}"`, `set ${vars.name} to the CRM's display name`);
      else ok(`${role.key}: ${creds.username} signs in as ${shown}`);
    } catch (e) {
      bad(`${role.key}: signing in as "${creds.username}" failed: ${(e as Error).message.split('\n')[0]}`, `check that user exists and the ${vars.username} / ${vars.password} values in .env (quote a value with #)`);
    }
  }
  await browser?.close();
}

if (crm && crm.exitCode === null) {
  const stopped = new Promise((resolve) => crm!.once('exit', resolve));
  crm.kill('SIGTERM');
  await stopped;
}
console.log(failures === 0 ? '\nAll checks passed: `npm run flows` should run.' : `\n${failures} problem(s) to fix (see "fix:" lines above).`);
process.exit(failures === 0 ? 0 : 1);
