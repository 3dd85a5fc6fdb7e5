import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- one test lets a poller poll a few times with nothing to find
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { signInForRun } from '../../fixtures/auth/run-sign-in.js';
import { ensureSession, lockPath, readStorageState, takeLock, writeStorageState } from '../../fixtures/auth/session-store.js';
import type { RoleCredentials } from '../../fixtures/config/env-schema.js';
import type { CrmProfile, StorageState } from '../../fixtures/profile.js';

/** A CRM that accepts the sessions it handed out, and refuses the password "wrong". */
function fakeCrm() {
  const issued = new Set<string>();
  const signIns: string[] = [];
  let next = 0;
  const profile = {
    name: 'fake',
    roles: ['rep', 'manager'].map((key) => ({ key })),
    signIn: async (page: { role: string }, role: { key: string }, creds: { password: string }) => {
      signIns.push(role.key);
      if (creds.password === 'wrong') throw new Error('the login page said "Invalid username or password"\n    at signIn (profile.ts:1)');
      page.role = `${role.key}-${++next}`;
    },
    sessionValid: async (_url: string, state: StorageState) => issued.has(state.cookies[0]?.value ?? ''),
  } as unknown as CrmProfile;
  const browser = {
    newContext: async () => {
      const page = { role: '' };
      return {
        newPage: async () => page,
        storageState: async () => {
          issued.add(page.role);
          return { cookies: [{ name: 'sid', value: page.role }], origins: [] };
        },
        close: async () => undefined,
      };
    },
    close: async () => undefined,
  } as unknown as Browser;
  return { profile, browser, issued, signIns };
}

const creds = (persona: string, password = 'secret'): RoleCredentials => ({ username: persona, password, persona, displayName: persona, configured: true }) as RoleCredentials;

function settings(crm: ReturnType<typeof fakeCrm>, dir: string, roles: Record<string, RoleCredentials>, browsers: { opened: number }) {
  return {
    profile: crm.profile, baseUrl: 'http://127.0.0.1:1', runId: 'run1', roles,
    statePathOf: (role: string) => path.join(dir, `${role}.json`),
    openBrowser: async () => {
      browsers.opened += 1;
      return crm.browser;
    },
  };
}

describe('signing the run\'s roles in at its start', () => {
  it('signs each planned role in once, keeps a stored session the CRM still accepts, and opens no browser when none is needed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-sign-in-'));
    const crm = fakeCrm();
    const browsers = { opened: 0 };
    const roles = { rep: creds('Rep'), manager: creds('Manager') };
    await signInForRun(['rep', 'manager'], settings(crm, dir, roles, browsers));
    assert.deepEqual(crm.signIns.sort(), ['manager', 'rep']);
    assert.equal(browsers.opened, 1);
    assert.equal(await crm.profile.sessionValid('', readStorageState(path.join(dir, 'rep.json'))!), true);
    assert.equal(fs.existsSync(lockPath(path.join(dir, 'rep.json'))), false, 'the lock is released');

    await signInForRun(['rep', 'manager'], settings(crm, dir, roles, browsers));
    assert.equal(crm.signIns.length, 2, 'stored sessions the CRM accepts are kept');
    assert.equal(browsers.opened, 1);
  });

  it('a test waits for the sign-in that holds the role\'s lock and uses its session as soon as it is written, without signing in itself', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-sign-in-'));
    const crm = fakeCrm();
    const statePath = path.join(dir, 'rep.json');
    assert.equal(takeLock(lockPath(statePath)), true);
    // last run's session, which this CRM no longer accepts
    writeStorageState(statePath, { cookies: [{ name: 'sid', value: 'expired' }], origins: [] } as unknown as StorageState);
    const asked: string[] = [];
    let storedChecked!: () => void;
    const checkedStored = new Promise<void>((resolve) => (storedChecked = resolve));
    const { profile } = crm;
    const check = profile.sessionValid.bind(profile);
    profile.sessionValid = async (url, state) => {
      asked.push(state.cookies[0]!.value);
      storedChecked();
      return check(url, state);
    };
    const waiting = ensureSession({ profile: crm.profile, baseUrl: '', role: 'rep', creds: creds('Rep'), statePath, runId: 'run1' });
    await checkedStored;
    await sleep(300); // a few of the waiting test's looks at the lock, with nothing new written
    crm.issued.add('by-the-runner');
    writeStorageState(statePath, { cookies: [{ name: 'sid', value: 'by-the-runner' }], origins: [] } as unknown as StorageState);
    // the runner still holds the lock: the waiting test takes the session it wrote all the same
    assert.deepEqual(await waiting, { statePath });
    assert.equal(fs.existsSync(lockPath(statePath)), true, 'the lock is the runner\'s to release');
    assert.deepEqual(asked, ['expired', 'by-the-runner'], 'the CRM is asked about last run\'s session once, then about the new one');
    assert.deepEqual(crm.signIns, []);
  });

  it('a role that cannot sign in is tried once: its tests fail with the reason, and sign in no more (no lockout)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-sign-in-'));
    const crm = fakeCrm();
    const roles = { rep: creds('Sales rep Li Wei', 'wrong'), manager: creds('Manager') };
    await signInForRun(['rep', 'manager'], settings(crm, dir, roles, { opened: 0 }));
    const target = { profile: crm.profile, baseUrl: '', role: 'rep', creds: roles.rep, statePath: path.join(dir, 'rep.json'), runId: 'run1' };
    for (let i = 0; i < 2; i++) {
      await assert.rejects(ensureSession(target), {
        message: 'Sales rep Li Wei (rep) could not sign in through the login page in this run: the login page said "Invalid username or password"',
      });
    }
    assert.deepEqual(crm.signIns.filter((r) => r === 'rep'), ['rep']);
    assert.deepEqual(await ensureSession({ ...target, role: 'manager', creds: roles.manager, statePath: path.join(dir, 'manager.json') }), { statePath: path.join(dir, 'manager.json') });
  });

  it('a browser that does not start fails every role with its reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-sign-in-'));
    const crm = fakeCrm();
    const roles = { rep: creds('Rep') };
    await signInForRun(['rep'], { ...settings(crm, dir, roles, { opened: 0 }), openBrowser: () => Promise.reject(new Error('no usable browser: No Chromium found')) });
    await assert.rejects(ensureSession({ profile: crm.profile, baseUrl: '', role: 'rep', creds: roles.rep, statePath: path.join(dir, 'rep.json'), runId: 'run1' }), /in this run: no usable browser: No Chromium found$/);
  });

  it('while the bundled CRM starts, the browser starts too, and nothing reaches the CRM before it answers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-sign-in-'));
    const crm = fakeCrm();
    const browsers = { opened: 0 };
    let answer!: () => void;
    const crmStarting = new Promise<void>((resolve) => (answer = resolve));
    // last run's session: against a CRM still starting, even asking whether it is accepted is too early
    writeStorageState(path.join(dir, 'rep.json'), { cookies: [{ name: 'sid', value: 'last-run' }], origins: [] } as unknown as StorageState);
    let asked = 0;
    const { profile } = crm;
    const check = profile.sessionValid.bind(profile);
    profile.sessionValid = async (url, state) => {
      asked += 1;
      return check(url, state);
    };
    const signingIn = signInForRun(['rep', 'manager'], { ...settings(crm, dir, { rep: creds('Rep'), manager: creds('Manager') }, browsers), crmStarting });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(browsers.opened, 1, 'the browser is launched at once');
    assert.equal(asked + crm.signIns.length, 0, 'nothing asked of the CRM yet');
    answer();
    await signingIn;
    assert.deepEqual(crm.signIns.sort(), ['manager', 'rep']);
    assert.equal(browsers.opened, 1);
  });

  it('a browser that fails while the CRM still starts fails every role with its reason, once the CRM answers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-sign-in-'));
    const crm = fakeCrm();
    const roles = { rep: creds('Rep') };
    let answer!: () => void;
    const crmStarting = new Promise<void>((resolve) => (answer = resolve));
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const signingIn = signInForRun(['rep'], { ...settings(crm, dir, roles, { opened: 0 }), openBrowser: () => Promise.reject(new Error('no usable browser: No Chromium found')), crmStarting });
      // the launch has failed by the next turn of the event loop, when Node reports unhandled rejections
      await new Promise((resolve) => setImmediate(resolve));
      answer();
      await signingIn;
    } finally {
      process.off('unhandledRejection', record);
    }
    assert.deepEqual(unhandled, []);
    await assert.rejects(ensureSession({ profile: crm.profile, baseUrl: '', role: 'rep', creds: roles.rep, statePath: path.join(dir, 'rep.json'), runId: 'run1' }), /in this run: no usable browser: No Chromium found$/);
  });
});
