import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { askBrowserVersionsEarly, playwrightFfmpegInstalled, realProbe, resolveBrowsers, systemChromiumArgs, type BrowserProbe, type BrowserSettings } from '../../fixtures/browser.js';

/** A machine described by the files it has. */
function machine(files: string[]): BrowserProbe {
  return {
    playwrightExecutable: (name) => `/pw/${name}/exe`,
    exists: (file) => files.includes(file),
    versionOf: (file) => (files.includes(file) ? 'Chromium 156.0' : undefined),
  };
}

const settings = (overrides: Partial<BrowserSettings> = {}): BrowserSettings => ({
  browser: 'all',
  browserExecutable: undefined,
  wsEndpoint: undefined,
  crmBaseUrl: 'http://127.0.0.1:4310',
  headless: true,
  ...overrides,
});

describe('browser resolution', () => {
  it("runs headless flows in Debian's headless shell when it is installed, headed ones in the full browser", () => {
    const files = ['/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell'];
    const headless = resolveBrowsers(settings(), machine(files)).projects[0]!;
    assert.equal(headless.use.launchOptions!.executablePath, '/usr/lib/chromium/chromium-headless-shell');
    assert.match(headless.description, /headless shell/);
    assert.ok(headless.use.launchOptions!.args!.includes('--no-sandbox'));
    const headed = resolveBrowsers(settings({ headless: false }), machine(files)).projects[0]!;
    assert.equal(headed.use.launchOptions!.executablePath, '/usr/bin/chromium');
    const shellOnly = resolveBrowsers(settings({ headless: false }), machine(['/usr/lib/chromium/chromium-headless-shell']));
    assert.match(shellOnly.problems[0]!, /No Chromium found/, 'a headed run cannot use the headless shell');
    const explicit = resolveBrowsers(settings({ browserExecutable: '/usr/bin/chromium' }), machine(files)).projects[0]!;
    assert.equal(explicit.use.launchOptions!.executablePath, '/usr/bin/chromium', 'BROWSER_EXECUTABLE is taken as given');
  });

  it("prefers Playwright's own Chromium, launched without extra flags", () => {
    const plan = resolveBrowsers(settings(), machine(['/pw/chromium/exe', '/usr/bin/chromium']));
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.projects.map((p) => p.name), ['chromium']);
    assert.equal(plan.projects[0]!.use.launchOptions, undefined);
  });

  it('falls back to the system Chromium with the network flags', () => {
    const plan = resolveBrowsers(settings(), machine(['/usr/bin/chromium']));
    const launch = plan.projects[0]!.use.launchOptions!;
    assert.equal(launch.executablePath, '/usr/bin/chromium');
    assert.ok(launch.args!.includes('--no-sandbox'));
    assert.ok(launch.args!.includes('--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost'));
  });

  it("keeps an external CRM's host resolvable", () => {
    const args = systemChromiumArgs('https://crm.staging.example.com');
    assert.ok(args.includes('--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost , EXCLUDE crm.staging.example.com'));
  });

  it('adds Firefox and WebKit projects only where they are installed', () => {
    const plan = resolveBrowsers(settings(), machine(['/pw/chromium/exe', '/pw/webkit/exe']));
    assert.deepEqual(plan.projects.map((p) => p.name), ['chromium', 'webkit']);
  });

  it('explains how to install a browser when there is none', () => {
    const plan = resolveBrowsers(settings(), machine([]));
    assert.equal(plan.projects.length, 0);
    assert.equal(plan.problems.length, 1);
    assert.match(plan.problems[0]!, /No Chromium found/);
    assert.match(plan.problems[0]!, /apt-get install -y chromium/);
    assert.match(plan.problems[0]!, /npx playwright install chromium/);
  });

  it('uses BROWSER_EXECUTABLE when set, and says so when it is missing', () => {
    const ok = resolveBrowsers(settings({ browserExecutable: '/opt/chrome' }), machine(['/opt/chrome', '/pw/chromium/exe']));
    assert.equal(ok.projects[0]!.use.launchOptions!.executablePath, '/opt/chrome');
    const missing = resolveBrowsers(settings({ browserExecutable: '/opt/chrome' }), machine(['/pw/chromium/exe']));
    assert.match(missing.problems[0]!, /BROWSER_EXECUTABLE points at \/opt\/chrome, which does not exist/);
  });

  it('asks for an explicitly named browser that is not installed', () => {
    const plan = resolveBrowsers(settings({ browser: 'firefox' }), machine(['/pw/chromium/exe']));
    assert.deepEqual(plan.problems, ["BROWSER=firefox but Playwright's firefox is not installed. Install it with: npx playwright install firefox"]);
  });

  it('connects to a remote browser server instead of launching anything', () => {
    const plan = resolveBrowsers(settings({ wsEndpoint: 'ws://127.0.0.1:3000/' }), machine([]));
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.projects[0]!.use.connectOptions, { wsEndpoint: 'ws://127.0.0.1:3000/', exposeNetwork: '<loopback>' });
    assert.equal(plan.projects[0]!.use.launchOptions, undefined);
  });

  it("tells a remote server which Chromium to start when BROWSER_EXECUTABLE names one on the server", () => {
    const plan = resolveBrowsers(settings({ wsEndpoint: 'ws://127.0.0.1:3000/', browserExecutable: '/usr/bin/chromium' }), machine([]));
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.projects[0]!.use.launchOptions!.executablePath, '/usr/bin/chromium');
  });
});

describe('video recording needs Playwright\'s own ffmpeg', () => {
  const browsersFolder = (withFfmpeg: boolean) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-playwright-'));
    if (withFfmpeg) {
      fs.mkdirSync(path.join(root, 'ffmpeg-1011'));
      fs.writeFileSync(path.join(root, 'ffmpeg-1011', process.platform === 'darwin' ? 'ffmpeg-mac' : 'ffmpeg-linux'), '');
    }
    return { playwrightExecutable: () => path.join(root, 'chromium-1200', 'chrome-linux', 'chrome') };
  };

  it('is found beside Playwright\'s browsers', () => {
    assert.equal(playwrightFfmpegInstalled(browsersFolder(true)), true);
  });

  it('is missing on a machine with only the system Chromium, so video stays off', () => {
    assert.equal(playwrightFfmpegInstalled(browsersFolder(false)), false);
  });
});

describe("the browser's version, asked at the start of the run", () => {
  it('is known by the end of the run without asking the browser again', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-chromium-'));
    const executable = path.join(folder, 'chromium-headless-shell');
    fs.writeFileSync(executable, '#!/bin/sh\necho "Chromium 777.0.1.2"\n', { mode: 0o755 });
    const plan = resolveBrowsers(settings({ browser: 'chromium', browserExecutable: executable }), { ...realProbe, playwrightExecutable: () => '/pw/chromium/exe' });
    await askBrowserVersionsEarly(plan);
    // gone by the end of the run: asking it now would find no version
    fs.rmSync(folder, { recursive: true });
    assert.match(plan.projects[0]!.description, /^Chromium 777\.0\.1\.2 \(/);
  });
});
