import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword, SCRYPT } from './auth.js';

/**
 * The password hashes of a fresh database's seed users, kept between fresh databases in a file of
 * the CRM's build folder. Hashing the eleven seed passwords (scrypt, N = 16,384) took 0.6 s of each
 * 1.2-s start, and the flows start the CRM with a fresh database some forty times a run.
 *
 * Only the seed passwords are kept, the ones published in .env.example; every user still has a salt
 * of its own, and a password set later is hashed as always. The file is keyed by a digest of every
 * seed password and the scrypt setting, so changing one hashes them all again. A file that is
 * missing, unreadable or cannot be written only costs the time.
 */
interface HashFile {
  key: string;
  hashes: Record<string, string>;
}

/** `passwords`: username → seed password; returns username → stored password hash. */
export function seedPasswordHashes(file: string | undefined, passwords: Readonly<Record<string, string>>): Record<string, string> {
  const key = crypto.createHash('sha256').update(JSON.stringify({ scrypt: SCRYPT, passwords: Object.entries(passwords).sort() })).digest('hex');
  const known = file ? readHashes(file, key, Object.keys(passwords)) : undefined;
  const hashes = known ?? Object.fromEntries(Object.entries(passwords).map(([user, password]) => [user, hashPassword(password)]));
  if (file && !known) writeHashes(file, { key, hashes });
  return hashes;
}

function readHashes(file: string, key: string, users: string[]): Record<string, string> | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HashFile>;
    const hashes = stored.hashes ?? {};
    return stored.key === key && users.every((u) => typeof hashes[u] === 'string' && hashes[u].startsWith('scrypt$')) ? hashes : undefined;
  } catch {
    return undefined;
  }
}

/** Through a file of its own renamed into place: two CRMs starting at once never read half a file. */
function writeHashes(file: string, content: HashFile): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
  }
}
