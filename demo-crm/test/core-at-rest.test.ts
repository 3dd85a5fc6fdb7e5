/**
 * Data at rest (README, "Security"): what a copy of the database or of a backup gives away. Session
 * tokens are stored as their SHA-256, passwords as salted scrypt hashes, and the data files are the
 * CRM user's alone — and the three defect switches that break each of them.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { takeBackupByForm } from './backup-support.js';
import { startCrm, type TestCrm } from './harness.js';
import { expectStatus } from './sales-crm-fixtures.js';

const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');
const tokenOf = (cookie: string): string => cookie.slice(cookie.indexOf('=') + 1);

/** One column of one table, read from the CRM's database file beside the running server. */
function column(crm: TestCrm, sql: string, ...params: unknown[]): unknown[] {
  const db = new BetterSqlite3(crm.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().all(...params);
  } finally {
    db.close();
  }
}

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe('data at rest', () => {
  let plain: TestCrm;
  let faulty: TestCrm;
  before(async () => {
    [plain, faulty] = await Promise.all([startCrm(), startCrm({ faults: ['session-token-stored-in-clear', 'password-hashed-fast', 'data-files-readable-by-all'] })]);
  });
  after(async () => { await Promise.all([plain.close(), faulty.close()]); });

  test('a session is stored under the SHA-256 of its token; session-token-stored-in-clear keeps the token itself', async () => {
    for (const [crm, inClear] of [[plain, false], [faulty, true]] as const) {
      const rep = await crm.login('rep.li');
      expectStatus(await rep.get('/api/session'), 200);
      const token = tokenOf(rep.cookie);
      const ids = column(crm, 'SELECT id FROM sessions');
      assert.equal(ids.includes(token), inClear, 'the token itself is a stored key');
      assert.equal(ids.includes(sha256(token)), !inClear, "the token's SHA-256 is a stored key");
    }
  });

  test('a password the admin sets or resets is stored salted and slow (scrypt); password-hashed-fast stores its plain SHA-256, and sign-in still works', async () => {
    for (const [crm, fast] of [[plain, false], [faulty, true]] as const) {
      const admin = await crm.login('admin');
      const [first, reset] = ['Rest#Check-0417', 'Rest#Check-0932'];
      const created = await admin.post('/api/users', { username: 'rest.check', displayName: 'Rest Check', email: 'rest.check@x.example', role: 'sales_rep', team: 'sales', password: first });
      expectStatus(created, 201);
      const stored = () => String(column(crm, 'SELECT password_hash FROM users WHERE username = ?', 'rest.check')[0]);
      for (const password of [first, reset]) {
        if (password === reset) expectStatus(await admin.patch(`/api/users/${created.body.id}`, { password: reset }), 200);
        if (fast) assert.equal(stored(), `sha256$${sha256(password)}`);
        else assert.match(stored(), /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
        await crm.login('rest.check', password);
      }
    }
  });

  test('the database, its write-ahead log, a backup and its manifest are 0600 and the backup folder 0700; data-files-readable-by-all leaves 0644 and 0755', { skip: process.platform === 'win32' ? 'file modes are POSIX' : false }, async () => {
    for (const [crm, file, folder] of [[plain, '600', '700'], [faulty, '644', '755']] as const) {
      const taken = await takeBackupByForm(await crm.login('admin'));
      assert.equal(taken.status, 303, taken.toast);
      const dir = crm.server.app.crm.config.backupDir;
      const backup = path.join(dir, taken.name);
      for (const f of [crm.dbFile, `${crm.dbFile}-wal`, `${crm.dbFile}-shm`, backup, `${backup}.json`]) assert.equal(modeOf(f), file, f);
      assert.equal(modeOf(dir), folder, dir);
    }
  });

  test('a backup folder that exists already (CRM_BACKUP_DIR) keeps the mode its operator gave it; the backups in it are 0600', { skip: process.platform === 'win32' ? 'file modes are POSIX' : false }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-backups-'));
    fs.chmodSync(dir, 0o750);
    const crm = await startCrm({ env: { CRM_BACKUP_DIR: dir } });
    try {
      const taken = await takeBackupByForm(await crm.login('admin'));
      assert.equal(taken.status, 303, taken.toast);
      assert.deepEqual([modeOf(dir), modeOf(path.join(dir, taken.name))], ['750', '600']);
    } finally {
      await crm.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
