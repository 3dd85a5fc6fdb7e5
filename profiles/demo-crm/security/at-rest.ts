import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { OwnCrm } from '../migration/own-crm.js';

/**
 * The bundled CRM's data at rest, as someone with a copy of it would read it: the database file with
 * its write-ahead log and shared-memory files, and the backup folder with every backup and manifest
 * (demo-crm/README.md, "Backups and restore"). Read as bytes, not through SQLite, so whatever form a
 * secret was stored in, a search for it finds it.
 */

/** A secret to look for, with the words a finding names it by (never the secret itself). */
export interface Secret {
  label: string;
  value: string;
}

const FAST_HASHES = ['md5', 'sha1', 'sha256', 'sha512'] as const;

/** A password as typed, and as each unsalted fast hash a careless CRM would store it as (hex either case, base64). */
export function storedFormsOf(label: string, password: string): Secret[] {
  const forms: Secret[] = [{ label: `${label}, as typed`, value: password }];
  for (const algorithm of FAST_HASHES) {
    const digest = createHash(algorithm).update(password, 'utf8').digest();
    const hex = digest.toString('hex');
    forms.push(
      { label: `${label}, as its unsalted ${algorithm} (hex)`, value: hex },
      { label: `${label}, as its unsalted ${algorithm} (HEX)`, value: hex.toUpperCase() },
      { label: `${label}, as its unsalted ${algorithm} (base64)`, value: digest.toString('base64') },
    );
  }
  return forms;
}

/** The database with the files SQLite keeps beside it, as far as they exist now. */
export function databaseFiles(crm: OwnCrm): string[] {
  return [crm.dbFile, `${crm.dbFile}-wal`, `${crm.dbFile}-shm`].filter((f) => existsSync(f));
}

/** Every file in the backup folder: backups and their manifests. */
export function backupFiles(crm: OwnCrm): string[] {
  return existsSync(crm.backupDir) ? readdirSync(crm.backupDir).map((f) => path.join(crm.backupDir, f)) : [];
}

/** The files of `files` whose bytes hold `text` (UTF-8, as SQLite stores text). */
export function filesHolding(files: readonly string[], text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return files.filter((f) => readFileSync(f).includes(needle));
}

/** One line per file that holds one of `secrets`: "<file name>: <the secret's label>". */
export function secretsAtRest(files: readonly string[], secrets: readonly Secret[]): string[] {
  return files.flatMap((f) => {
    const bytes = readFileSync(f);
    return secrets.filter((s) => bytes.includes(Buffer.from(s.value, 'utf8'))).map((s) => `${path.basename(f)}: ${s.label}`);
  });
}

/** One line per file or folder another operating-system account may read or write (any group or other permission bit). */
export function openToOtherAccounts(targets: readonly string[]): string[] {
  return targets.flatMap((t) => {
    const mode = statSync(t).mode & 0o777;
    return mode & 0o077 ? [`${path.basename(t)}: mode ${mode.toString(8).padStart(4, '0')}`] : [];
  });
}
