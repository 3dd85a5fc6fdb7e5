import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { AppContext } from '../../../core/module.js';
import type { SessionUser } from '../../../core/permissions.js';
import { createPrivateFolder, restrictToOwner } from '../../../core/private-files.js';
import { fsyncDir, fsyncFile, sha256OfFile } from './durable-files.js';
import { manifestFile, writeManifest, type BackupManifest } from './manifest.js';
import { countRecords, type RecordCounts } from './record-counts.js';

/** The copy was written but is not a sound database (it has been deleted). */
export class BackupVerificationError extends Error {}

/** `2026-12-04T03:15:22.123Z` → `20261204T031522123Z` */
const compactUtc = (at: Date): string => at.toISOString().replace(/[-:.]/g, '');

/**
 * Claims a free backup name by creating its `.partial` file exclusively: two backups in the same
 * millisecond (two admins, a double click) get `-2`, `-3`… instead of writing into one file.
 */
function claimName(dir: string, at: Date): { name: string; partial: string } {
  for (let n = 1; ; n++) {
    const name = `crm-${compactUtc(at)}${n > 1 ? `-${n}` : ''}.db`;
    const partial = path.join(dir, `${name}.partial`);
    if (fs.existsSync(path.join(dir, name)) || fs.existsSync(manifestFile(dir, name))) continue;
    try {
      fs.closeSync(fs.openSync(partial, 'wx', 0o600));
      return { name, partial };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Copies the live database into `partial` as one consistent snapshot, what is still in the write-ahead log included. */
async function copyDatabase(ctx: AppContext, partial: string): Promise<void> {
  if (ctx.faults.on('backup-ignores-wal')) fs.copyFileSync(ctx.config.dbFile, partial);
  else await ctx.db.backup(partial);
}

/**
 * Makes the copy a file that stands alone and checks it: it must pass SQLite's integrity check, read
 * only; the record counts of the manifest are read from it, not from the live database.
 */
function verifyCopy(file: string): RecordCounts {
  try {
    // The copy keeps the live database's WAL mode, in which even a read-only reader creates -wal and
    // -shm files beside it; in rollback mode it is one file anyone can open as it is.
    const writable = new BetterSqlite3(file, { fileMustExist: true });
    try {
      writable.pragma('journal_mode = DELETE');
    } finally {
      writable.close();
    }
    const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const verdict = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
      if (verdict !== 'ok') throw new BackupVerificationError(`SQLite's integrity check of the copy found: ${verdict}`);
      return countRecords(copy);
    } finally {
      copy.close();
    }
  } catch (error) {
    if (error instanceof BetterSqlite3.SqliteError) throw new BackupVerificationError(`SQLite cannot read the copy: ${error.message}`);
    throw error;
  }
}

/**
 * Takes a backup into the backup folder: the copy is written as `<name>.partial`, verified, flushed
 * and renamed, so no half-written or unverified file ever lies under a backup's name; its manifest
 * (`<name>.json`, written atomically) is what makes it a listed backup. A failure leaves nothing.
 */
export async function takeBackup(ctx: AppContext, by: SessionUser): Promise<BackupManifest> {
  const dir = ctx.config.backupDir;
  createPrivateFolder(dir, ctx.faults);
  const takenAt = new Date();
  const { name, partial } = claimName(dir, takenAt);
  const file = path.join(dir, name);
  try {
    await copyDatabase(ctx, partial);
    const counts = verifyCopy(partial);
    fsyncFile(partial);
    fs.renameSync(partial, file);
    restrictToOwner(file, ctx.faults);
    fsyncDir(dir);
    const manifest: BackupManifest = {
      name, takenAt: takenAt.toISOString(), takenBy: by.displayName, takenByUsername: by.username,
      bytes: fs.statSync(file).size, sha256: sha256OfFile(file), counts,
    };
    writeManifest(dir, manifest);
    restrictToOwner(manifestFile(dir, name), ctx.faults);
    return manifest;
  } catch (error) {
    for (const leftover of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`, file]) fs.rmSync(leftover, { force: true });
    throw error;
  }
}
