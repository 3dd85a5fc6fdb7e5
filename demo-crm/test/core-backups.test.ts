/**
 * Backups and restore (README, "Backups and restore"): the admin's Backups screen, the verified copy
 * and its manifest, that nobody else may take one, the backup-ignores-wal switch, and the restore from
 * the command line (`start.js --restore <file>`) with its refusals.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/core/server.js';
import type { BackupManifest } from '../src/modules/core-admin/backups/manifest.js';
import { html, takeBackupByForm } from './backup-support.js';
import { startCrm, type ApiClient, type TestCrm } from './harness.js';
import { createLead, expectStatus } from './sales-crm-fixtures.js';

const startJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'start.js');
const COUNTED = ['leads', 'accounts', 'contacts', 'opportunities', 'quotes', 'invoices', 'payments', 'tickets'] as const;
const COLUMNS = ['Backup', 'Taken', 'Taken by', 'Size', 'Records', 'SHA-256'];

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const backupDirOf = (crm: TestCrm): string => crm.server.app.crm.config.backupDir;
const manifestOf = (file: string): BackupManifest => JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as BackupManifest;

/** The record counts as admin's API lists total them. */
async function liveCounts(admin: ApiClient): Promise<Record<string, number>> {
  const totals = await Promise.all(COUNTED.map(async (o) => (await admin.get(`/api/${o}?pageSize=1`)).body.total as number));
  return Object.fromEntries(COUNTED.map((o, i) => [o, totals[i]]));
}

function backupHoldsLead(file: string, leadId: number): boolean {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT 1 FROM leads WHERE id = ?').get(leadId) !== undefined;
  } finally {
    db.close();
  }
}

/** The rows of the Backups table: each cell's text by its data-testid. */
function listedBackups(page: string): Record<string, string>[] {
  const tbody = /<caption>Backups<\/caption>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '';
  return [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => Object.fromEntries(
    [...(row[1] ?? '').matchAll(/data-testid="backup-([a-z0-9]+)">([\s\S]*?)<\/(?:span|code)><\/td>/g)]
      .map((m) => [m[1], (m[2] ?? '').replace(/<[^>]+>/g, '')]),
  ));
}

let clean: TestCrm;
let admin: ApiClient;
before(async () => {
  clean = await startCrm();
  admin = await clean.login('admin');
});
after(async () => { await clean.close(); });

describe('taking a backup on the Backups screen', () => {
  test('admin takes one: toast, a file that holds the lead created just before, a manifest true to the file, an audit entry, a row of six columns', async () => {
    const lead = await createLead(admin);
    const counts = await liveCounts(admin);
    const pressedAt = Date.now();
    const taken = await takeBackupByForm(admin);
    assert.deepEqual([taken.status, taken.location], [303, '/admin/backups']);
    assert.match(taken.name, /^crm-\d{8}T\d{9}Z\.db$/);
    assert.equal(taken.toast, `Backup taken: ${taken.name}`);

    const dir = backupDirOf(clean);
    assert.equal(dir, path.join(path.dirname(clean.dbFile), 'crm-backups'), 'beside the database, named after it');
    const file = path.join(dir, taken.name);
    assert.ok(backupHoldsLead(file, lead.id), 'the backup holds the lead created just before it');
    const manifest = manifestOf(file);
    assert.deepEqual(manifest, {
      name: taken.name, takenAt: manifest.takenAt, takenBy: 'Ada Admin', takenByUsername: 'admin',
      bytes: fs.statSync(file).size, sha256: sha256(file), counts,
    });
    assert.ok(Math.abs(Date.parse(manifest.takenAt) - pressedAt) < 5_000, `taken at ${manifest.takenAt}`);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith(taken.name)).sort(), [taken.name, `${taken.name}.json`], 'no .partial, -wal or -shm left beside it');

    const entries = (await admin.get(`/api/audit?action=backup&recordId=${taken.name}`)).body.items as { actor: string; object: string; summary: string }[];
    assert.deepEqual(entries.map((e) => [e.actor, e.object, e.summary]), [
      ['admin', 'backup', `${taken.name}, ${manifest.bytes.toLocaleString('en-US')} bytes, sha256 ${manifest.sha256}`],
    ]);

    const page = await html(admin, '/admin/backups');
    expectStatus(page, 200);
    assert.match(page.text, /<title>Backups · Demo CRM<\/title>/);
    assert.match(page.text, /<h1>Backups<\/h1>/);
    assert.match(page.text, /<button type="submit" class="btn btn-primary">Take backup<\/button>/);
    assert.match(page.text, /npm run crm -- --restore &lt;file&gt;/);
    const headers = [...(/<thead>([\s\S]*?)<\/thead>/.exec(page.text)?.[1] ?? '').matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(headers, COLUMNS);
    const row = listedBackups(page.text).find((r) => r.name === taken.name);
    assert.deepEqual(row, {
      name: taken.name, taken: `${manifest.takenAt.slice(0, 16).replace('T', ' ')} UTC`, by: 'Ada Admin',
      size: `${manifest.bytes.toLocaleString('en-US')} bytes`,
      records: COUNTED.map((o) => `${counts[o]} ${o}`).join(', '), sha256: manifest.sha256,
    });
    assert.match(page.text, new RegExp(`<span data-testid="backup-taken"><time datetime="${manifest.takenAt}">`));
  });

  test('two backups taken at once get two names; the list is newest first and ignores copies without a manifest', async () => {
    const [first, second] = await Promise.all([takeBackupByForm(admin), takeBackupByForm(admin)]);
    assert.notEqual(first.name, second.name);
    const dir = backupDirOf(clean);
    fs.writeFileSync(path.join(dir, 'crm-20000101T000000000Z.db'), 'no manifest');
    fs.writeFileSync(path.join(dir, 'crm-20991231T000000000Z.db.partial'), 'cut short');
    const names = listedBackups((await html(admin, '/admin/backups')).text).map((r) => r.name);
    const manifests = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { name: string; takenAt: string });
    const newestFirst = manifests.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name)).map((m) => m.name);
    assert.deepEqual(names, newestFirst);
    assert.ok(names.includes(first.name) && names.includes(second.name));
  });
});

describe('only the admin may take a backup', () => {
  const OTHERS = { sales_rep: 'rep.li', sales_manager: 'mgr.zhang', finance: 'fin.omar', support_agent: 'agent.ana', support_manager: 'supmgr.kim', auditor: 'auditor.eve', customer: 'cust.acme' };

  test('every other role: no Backups in the menu, 403 for the screen and for Take backup, no file written, the denial audited', async () => {
    const dir = backupDirOf(clean);
    const filesBefore = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    for (const [role, username] of Object.entries(OTHERS)) {
      const someone = await clean.login(username);
      const home = await html(someone, role === 'customer' ? '/portal' : '/');
      expectStatus(home, 200);
      assert.doesNotMatch(home.text, />Backups</, `${role}'s menu`);
      const screen = await html(someone, '/admin/backups');
      assert.equal(screen.status, 403, `${role} opens /admin/backups`);
      assert.match(screen.text, /data-testid="access-denied"/);
      const take = await someone.request('POST', '/admin/backups', new URLSearchParams({ _csrf: someone.csrfToken }).toString(),
        { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
      assert.equal(take.status, 403, `${role} posts Take backup`);
    }
    assert.deepEqual(fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [], filesBefore, 'no backup file appeared');
    const denied = (await admin.get('/api/audit?action=permission_denied&object=backup&pageSize=100')).body.items as { actor: string }[];
    for (const [role, username] of Object.entries(OTHERS)) {
      if (role !== 'customer') assert.equal(denied.filter((d) => d.actor === username).length, 2, `${username}'s two denials audited`);
    }
    assert.match((await html(admin, '/')).text, /<a href="\/admin\/backups">Backups<\/a>/, "admin's menu offers Backups");
  });
});

describe('backup-ignores-wal', () => {
  test('clean: the lead created just before is in the backup; with the switch it is missing, and the manifest counts one lead fewer', async () => {
    const faulty = await startCrm({ faults: ['backup-ignores-wal'] });
    try {
      for (const [crm, client, kept] of [[clean, admin, true], [faulty, await faulty.login('admin'), false]] as const) {
        const lead = await createLead(client);
        const counts = await liveCounts(client);
        const { name } = await takeBackupByForm(client);
        const file = path.join(backupDirOf(crm), name);
        assert.equal(backupHoldsLead(file, lead.id), kept, `${crm === clean ? 'clean' : 'switch on'}: lead ${lead.id} in ${name}`);
        const manifest = manifestOf(file);
        assert.equal(manifest.counts.leads, kept ? counts.leads : counts.leads - 1);
        assert.equal(manifest.sha256, sha256(file));
      }
    } finally {
      await faulty.close();
    }
  });
});

describe('restore from the command line', () => {
  let stopped: TestCrm;
  let backupFile: string;
  let leadBefore: { id: number };
  let leadAfter: { id: number };
  /** signed in before the backup */
  let crmAdmin: ApiClient;
  /** signed in after the backup */
  let rep: ApiClient;

  /** `node demo-crm/start.js --restore <file> --exit` on the stopped CRM's database. */
  function restore(file: string, extra: string[] = []) {
    const run = spawnSync(process.execPath, [startJs, '--restore', file, '--exit', ...extra], {
      env: { ...process.env, CRM_DB_FILE: stopped.dbFile, CRM_BACKUP_DIR: backupDirOf(stopped), CRM_PORT: '0', CRM_FAULTS: '', CRM_TEST_MODE: '0' },
      encoding: 'utf8', timeout: 60_000,
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  before(async () => {
    stopped = await startCrm();
    crmAdmin = await stopped.login('admin');
    leadBefore = await createLead(crmAdmin);
    backupFile = path.join(backupDirOf(stopped), (await takeBackupByForm(crmAdmin)).name);
    leadAfter = await createLead(crmAdmin);
    rep = await stopped.login('rep.sam');
    await stopped.server.close();
  });
  after(() => fs.rmSync(path.dirname(stopped.dbFile), { recursive: true, force: true }));

  function refused(run: { code: number | null; stdout: string; stderr: string }, line: RegExp, dbSha: string): void {
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, `one line: ${run.stderr}`);
    assert.match(run.stderr, line);
    assert.doesNotMatch(run.stdout, /Restored/);
    assert.equal(sha256(stopped.dbFile), dbSha, 'the database is untouched');
    assert.equal(fs.existsSync(`${stopped.dbFile}.restoring`), false);
  }

  test('a file that is not SQLite, a missing file, an SQLite file that is not the CRM\'s, --reset with --restore: one line, exit 1, database untouched', () => {
    const dbSha = sha256(stopped.dbFile);
    const dir = path.dirname(stopped.dbFile);
    const fromScreen = `Choose a file from the Backups screen \\(${backupDirOf(stopped)}\\)\\.`;
    const csv = path.join(dir, 'leads-export.db');
    fs.writeFileSync(csv, 'First name,Last name,Company\nNora,Lind,Lind Freight\n');
    refused(restore(csv), new RegExp(`^Cannot restore: ${csv} is not a CRM backup \\(not an SQLite database\\)\\. ${fromScreen}\\n$`), dbSha);
    const missing = path.join(dir, 'no-such-backup.db');
    refused(restore(missing), new RegExp(`^Cannot restore: ${missing} does not exist\\. ${fromScreen}\\n$`), dbSha);
    const other = path.join(dir, 'other.db');
    const otherDb = new BetterSqlite3(other);
    otherDb.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    otherDb.close();
    refused(restore(other), new RegExp(`^Cannot restore: ${other} is not a CRM backup \\(an SQLite database without the CRM's schema_migrations and users tables\\)\\. ${fromScreen}\\n$`), dbSha);
    refused(restore(backupFile, ['--reset']), /^Cannot restore: --restore and --reset contradict each other .*\. Use one of them\.\n$/, dbSha);
  });

  test('a database a CRM is running on is not replaced', async () => {
    // Nothing here reads the database file while the CRM runs: closing any descriptor of it would drop
    // this process's SQLite locks on it (POSIX), and with them what tells the restore the CRM is there.
    const running = await startServer(loadConfig({ CRM_PORT: '0', CRM_DB_FILE: stopped.dbFile, CRM_TEST_MODE: '0' }));
    let run: ReturnType<typeof restore>;
    try {
      run = restore(backupFile);
    } finally {
      await running.close();
    }
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(run.stderr, `Cannot restore: ${stopped.dbFile} is in use by a running CRM, so ${backupFile} was not restored. Stop the CRM, then run the restore again.\n`);
    assert.equal(fs.existsSync(`${stopped.dbFile}.restoring`), false);
    const db = new BetterSqlite3(stopped.dbFile, { readonly: true });
    try {
      assert.ok(db.prepare('SELECT 1 FROM leads WHERE id = ?').get(leadAfter.id), 'the lead made after the backup is still there');
    } finally {
      db.close();
    }
  });

  test('the backup replaces the database: the lead of before it is there, the later one is not; sessions are as they were at the backup', async () => {
    const run = restore(backupFile);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(run.stdout.split('\n').filter(Boolean), [
      `Restored ${backupFile} (sha256 ${sha256(backupFile)}) into ${stopped.dbFile}`,
      `Database ready: ${stopped.dbFile}`,
    ]);
    for (const leftover of ['.restoring', '-wal', '-shm']) assert.equal(fs.existsSync(stopped.dbFile + leftover), false, leftover);

    const again = await startServer(loadConfig({ CRM_PORT: '0', CRM_DB_FILE: stopped.dbFile, CRM_TEST_MODE: '0' }));
    try {
      const restoredAdmin = crmAdmin.on(again.url);
      expectStatus(await restoredAdmin.get('/api/session'), 200);
      expectStatus(await restoredAdmin.get(`/api/leads/${leadBefore.id}`), 200);
      expectStatus(await restoredAdmin.get(`/api/leads/${leadAfter.id}`), 404);
      assert.equal((await rep.on(again.url).get('/api/session')).status, 401, 'a session begun after the backup is not in it');
    } finally {
      await again.close();
    }
  });
});
