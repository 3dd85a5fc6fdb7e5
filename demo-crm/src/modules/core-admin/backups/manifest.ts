import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from './durable-files.js';
import { COUNTED_TABLES, type RecordCounts } from './record-counts.js';

const manifestSchema = z.object({
  name: z.string(),
  takenAt: z.string(),
  takenBy: z.string(),
  takenByUsername: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.object(Object.fromEntries(COUNTED_TABLES.map((t) => [t, z.number().int().nonnegative()])) as Record<keyof RecordCounts, z.ZodNumber>),
});

/** What `<name>.json` beside a backup says about it. */
export type BackupManifest = z.infer<typeof manifestSchema>;

export const manifestFile = (dir: string, name: string): string => path.join(dir, `${name}.json`);

export function writeManifest(dir: string, manifest: BackupManifest): void {
  writeFileAtomically(manifestFile(dir, manifest.name), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest in `<dir>/<file>`, if it is one and names the backup it lies beside. */
function readManifest(dir: string, file: string): BackupManifest | null {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    return parsed.success && `${parsed.data.name}.json` === file ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The backups in `dir`, newest first: each manifest whose backup file is still there. A file without
 * a manifest (a copy cut short, a `.partial`) is no backup, and neither is a manifest that lost its file.
 */
export function listBackups(dir: string): BackupManifest[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.db.json'))
    .map((f) => readManifest(dir, f))
    .filter((m): m is BackupManifest => m !== null && fs.existsSync(path.join(dir, m.name)))
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}
