import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiClient } from '../api/client.js';
import type { OwnCrm } from '../migration/own-crm.js';

/**
 * The bundled CRM's backups as an operator meets them (demo-crm/README.md, "Backups and restore"): the
 * Backups screen writes each backup into the database's backup folder on the CRM's machine, and the
 * CRM, stopped, is restored from one with `--restore <file>`.
 */

/** The objects a backup's record counts name, in the order the Backups screen lists them. */
export const BACKED_UP_OBJECTS = ['leads', 'accounts', 'contacts', 'opportunities', 'quotes', 'invoices', 'payments', 'tickets'] as const;
export type RecordCounts = Record<(typeof BACKED_UP_OBJECTS)[number], number>;

/** How many records of each object the CRM holds, as admin (who sees every record) reads its lists. */
export async function recordCounts(admin: ApiClient): Promise<RecordCounts> {
  const totals = await Promise.all(BACKED_UP_OBJECTS.map(async (o) => (await admin.list(o, { pageSize: 1 })).total));
  return Object.fromEntries(BACKED_UP_OBJECTS.map((o, i) => [o, totals[i]!])) as RecordCounts;
}

/** "12 leads, 5 accounts, …": the counts as the Backups screen writes them. */
export function recordsText(counts: RecordCounts): string {
  return BACKED_UP_OBJECTS.map((o) => `${counts[o].toLocaleString('en-US')} ${o}`).join(', ');
}

/** The backup file as it lies in the CRM's backup folder: its path, size and SHA-256, computed here. */
export function backupOnDisk(crm: OwnCrm, name: string): { file: string; bytes: number; sha256: string } {
  const file = path.join(crm.backupDir, name);
  const content = readFileSync(file);
  return { file, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/** The operator's restore: the CRM is stopped, started with `--restore <file>`, and answers again. */
export async function restoreFromBackup(crm: OwnCrm, file: string): Promise<void> {
  await crm.kill();
  await crm.start({ fresh: false, restoreFrom: file });
}
