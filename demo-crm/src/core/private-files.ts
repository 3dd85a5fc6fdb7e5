import fs from 'node:fs';
import path from 'node:path';
import type { Faults } from './faults.js';

/**
 * The CRM's data at rest — the database with its write-ahead log and shared-memory files, the backups
 * and their manifests — belongs to the operating-system user that runs the CRM alone: files 0600,
 * folders 0700, so another account on the server cannot read or copy it. Set explicitly, not left to
 * the umask of whoever starts the CRM. Defect switch data-files-readable-by-all leaves them as a
 * common umask (022) would: 0644 and 0755.
 */
export function restrictToOwner(target: string, faults: Faults): void {
  const open = faults.on('data-files-readable-by-all');
  const mode = fs.statSync(target).isDirectory() ? (open ? 0o755 : 0o700) : open ? 0o644 : 0o600;
  fs.chmodSync(target, mode);
}

/**
 * Creates the database file, when new, before SQLite opens it and restricts it (and a write-ahead log
 * or shared-memory file left by a crash): SQLite creates those two with the database file's mode.
 */
export function prepareDatabaseFile(file: string, faults: Faults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) restrictToOwner(f, faults);
}

/**
 * Creates a folder for the CRM's data (the backup folder) as its owner's alone — only when the CRM makes
 * it: a folder that already exists (CRM_BACKUP_DIR pointed at one) keeps the mode its operator gave it.
 */
export function createPrivateFolder(dir: string, faults: Faults): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrictToOwner(dir, faults);
}
