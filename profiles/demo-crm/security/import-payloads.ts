import { quoteCell } from '../migration/csv-read.js';
import type { ImportObjectLabel } from '../pages/import/import-upload-page.js';
import { assignPayloads, type Payload } from './payloads.js';

/**
 * Import files whose every free-text cell carries a payload of the catalogue (demo-crm/docs/data-migration.md
 * §1 names the columns): one row per payload, rotated as the forms' payloads are, so every text column
 * gets every payload; plus one row the import must reject (a typed column it refuses), so the payloads
 * also pass through the wizard's rejected rows and the rejected-rows CSV.
 */
export interface PayloadImportFile {
  object: ImportObjectLabel;
  fileName: string;
  bytes: Buffer;
  /** the text cells of the rows the import creates, row by row */
  created: string[][];
  /** the text cells of the row it rejects */
  rejected: string[];
  /** the text cells of the rows the mapping step previews (its first five) */
  previewed: string[];
  /** the text cells of the created rows that the object's list shows */
  listed: string[];
}

interface ObjectColumns {
  /** the object's free-text columns */
  text: readonly string[];
  /** those the object's list shows */
  listed: readonly string[];
  /** the other cells of created row `i`, valid; `refused` makes the row one the import rejects */
  other: (i: number, o: { tag: string; refused: boolean; accountNames: readonly string[] }) => Record<string, string>;
}

const email = (tag: string, object: string, i: number, refused: boolean) => (refused ? `${tag} not an address` : `${tag}.${object}${i}@crm.example.test`);

const COLUMNS: Record<ImportObjectLabel, ObjectColumns> = {
  Leads: { text: ['First name', 'Last name', 'Company'], listed: ['First name', 'Last name', 'Company'], other: (i, o) => ({ Email: email(o.tag, 'lead', i, o.refused) }) },
  Accounts: { text: ['Name', 'Industry', 'Billing city', 'Billing country'], listed: ['Name', 'Industry', 'Billing country'], other: (_i, o) => ({ Website: o.refused ? `${o.tag} not a website` : '' }) },
  Contacts: {
    text: ['First name', 'Last name', 'Title'],
    listed: ['First name', 'Last name'],
    other: (i, o) => ({ Email: email(o.tag, 'contact', i, o.refused), Account: o.accountNames[i % Math.max(1, o.accountNames.length)] ?? '' }),
  },
};

const PREVIEW_ROWS = 5;

/** `accountNames`: accounts the contacts belong to (imported before them), so their names show on the contacts too. */
export function payloadImportFile(object: ImportObjectLabel, payloads: readonly Payload[], tag: string, accountNames: readonly string[] = []): PayloadImportFile {
  const { text, listed, other } = COLUMNS[object];
  const row = (round: number, refused: boolean) => {
    const typed = assignPayloads(text, payloads, round, refused ? `${tag} refused` : tag);
    return { cells: { ...Object.fromEntries(text.map((h) => [h, typed[h]!.value])), ...other(round, { tag, refused, accountNames }) }, text: text.map((h) => typed[h]!.value) };
  };
  const rows = [...payloads.map((_, round) => row(round, false)), row(0, true)];
  const headers = Object.keys(rows[0]!.cells);
  const csv = [headers, ...rows.map((r) => headers.map((h) => r.cells[h] ?? ''))].map((cells) => cells.map(quoteCell).join(',')).join('\r\n');
  return {
    object,
    fileName: `${object.toLowerCase()}-payloads.csv`,
    bytes: Buffer.from(`${csv}\r\n`, 'utf8'),
    created: rows.slice(0, -1).map((r) => r.text),
    rejected: rows.at(-1)!.text,
    previewed: rows.slice(0, PREVIEW_ROWS).flatMap((r) => r.text),
    listed: rows.slice(0, -1).flatMap((r) => listed.map((h) => r.cells[h]!)),
  };
}
