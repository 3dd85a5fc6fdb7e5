import type { Database } from 'better-sqlite3';
import { seedVolume } from './sales-crm/index.js';
import { seedTicketVolume } from './service/index.js';

/** What the bulk data holds besides N leads and N accounts (all of it unless asked for less). */
export const VOLUME_EXTRAS = ['contacts', 'opportunities', 'tickets'] as const;
export type VolumeExtra = (typeof VOLUME_EXTRAS)[number];

/** `contacts,tickets` → the extras; empty for leads and accounts only; an unknown name is an error that lists the known. */
export function parseVolumeExtras(text: string): VolumeExtra[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(VOLUME_EXTRAS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`--with takes ${VOLUME_EXTRAS.join(', ')} (comma-separated, or empty for leads and accounts only), got "${unknown.join(', ')}"`);
  return names as VolumeExtra[];
}

export function parseVolume(text: string): number {
  const volume = Number(text);
  if (!Number.isSafeInteger(volume) || volume < 1 || volume > 5_000_000) throw new Error(`--volume must be a whole number from 1 to 5000000, got "${text}"`);
  return volume;
}

/**
 * The bulk records of performance work (demo-crm/docs/sales-crm.md §14, service.md §9): N leads and
 * N accounts, with each account a contact and an open opportunity, and N tickets, as `extras` says.
 */
export function seedReferenceVolume(db: Database, n: number, extras: readonly VolumeExtra[] = VOLUME_EXTRAS): string {
  const added = seedVolume(db, n, { contacts: extras.includes('contacts'), opportunities: extras.includes('opportunities') });
  const tickets = extras.includes('tickets') ? seedTicketVolume(db, added.customers) : 0;
  return `${added.leads} leads, ${added.accounts} accounts, ${added.contacts} contacts, ${added.opportunities} opportunities and ${tickets} tickets`;
}
