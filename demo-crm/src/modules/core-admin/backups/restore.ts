import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { CrmConfig } from '../../../config.js';
import { fsyncDir, fsyncFile, hasSqliteHeader, sha256OfFile } from './durable-files.js';

/** A restore refused before the database was touched; the message is the one line the operator reads. */
export class RestoreRefused extends Error {}

type Refuse = (problem: string, fix?: string) => RestoreRefused;

/** The tables without which a database is not the CRM's. */
const CRM_TABLES = ['schema_migrations', 'users'];

function checkReadableFile(file: string, refuse: Refuse): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refuse('does not exist');
    throw refuse(`cannot be read (${code ?? (error as Error).message})`, 'Give the user who runs the CRM read access to it.');
  }
  if (!stat.isFile()) throw refuse(stat.isDirectory() ? 'is a folder, not a backup file' : 'is not a regular file');
}

/** SQLite must open the copy read-only, find it sound and find the CRM's tables in it. */
function checkCrmDatabase(copy: string, refuse: Refuse, otherBackup: string): void {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(copy, { readonly: true, fileMustExist: true });
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.join() !== 'ok') {
      throw refuse(`is damaged (SQLite's integrity check: ${problems[0]}${problems.length > 1 ? ` and ${problems.length - 1} more problems` : ''})`, otherBackup);
    }
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = CRM_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw refuse(`is not a CRM backup (an SQLite database without the CRM's ${missing.join(' and ')} table${missing.length > 1 ? 's' : ''})`);
  } catch (error) {
    if (error instanceof BetterSqlite3.SqliteError) {
      throw error.code.startsWith('SQLITE_CORRUPT')
        ? refuse(`is damaged (SQLite cannot read it: ${error.message})`, otherBackup)
        : refuse(`is not a CRM backup (SQLite cannot read it: ${error.message})`);
    }
    throw error;
  } finally {
    db?.close();
    // a read-only reader of a database in WAL mode leaves these behind
    for (const suffix of ['-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  }
}

function copyBeside(source: string, restoring: string, refuse: Refuse): void {
  try {
    fs.copyFileSync(source, restoring);
  } catch (error) {
    throw refuse(`could not be copied to ${restoring} (${(error as Error).message})`, `Make room there, or give the user who runs the CRM write access to ${path.dirname(restoring)}.`);
  }
}

/** A CRM running on the database holds it: SQLite refuses another process its exclusive lock. */
function checkNotInUse(dbFile: string, refuse: () => RestoreRefused): void {
  if (!fs.existsSync(dbFile)) return;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(dbFile, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    if (error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_BUSY')) throw refuse();
    // any other trouble with the database being replaced (damaged, not a database) is no reason to keep it
  } finally {
    db?.close();
  }
}

/**
 * Replaces the CRM's database with the backup `file`, for a CRM that is stopped and before it opens the
 * database: the backup is copied beside the database, checked there (an SQLite file, sound, with the
 * CRM's tables), flushed, and renamed over it; the old write-ahead log goes with the old database.
 * Refused, the database is untouched.
 */
export function restoreDatabase(file: string, config: CrmConfig): { file: string; sha256: string } {
  const source = path.resolve(file);
  const target = config.dbFile;
  const fromBackups = `Choose a file from the Backups screen (${config.backupDir}).`;
  const refuse: Refuse = (problem, fix = fromBackups) => new RestoreRefused(`Cannot restore: ${source} ${problem}. ${fix}`);

  checkReadableFile(source, refuse);
  if (source === target) throw refuse('is the CRM database itself, not a backup of it');
  if (!hasSqliteHeader(source)) throw refuse('is not a CRM backup (not an SQLite database)');

  const restoring = `${target}.restoring`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    copyBeside(source, restoring, refuse);
    checkCrmDatabase(restoring, refuse, `Choose another backup from the Backups screen (${config.backupDir}).`);
    fsyncFile(restoring);
    const sha256 = sha256OfFile(restoring);
    checkNotInUse(target, () => new RestoreRefused(`Cannot restore: ${target} is in use by a running CRM, so ${source} was not restored. Stop the CRM, then run the restore again.`));
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(restoring, target);
    fsyncDir(path.dirname(target));
    return { file: source, sha256 };
  } finally {
    fs.rmSync(restoring, { force: true });
  }
}
