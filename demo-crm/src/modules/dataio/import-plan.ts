import { unguardFormula, type CsvRecord } from './csv.js';
import { checkRow, matchKeyOf, type ImportObjectSpec, type RowValues } from './import-objects.js';
import { mappedValues, type ImportMode, type Mapping } from './mapping.js';

/** A record already in the CRM with the row's match key. `values` uses the import field keys. */
export interface ExistingRecord {
  id: number;
  ownerId: number;
  ownerTeam: string | null;
  values: RowValues;
  accountId?: number | null;
  /** why it may not be edited at all (a converted lead), or undefined */
  readOnly?: string;
}

export interface OwnerRef {
  id: number;
  username: string;
  team: string | null;
}

/** What the plan needs from the database and the permission table (injected: the plan itself is pure). */
export interface PlanLookups {
  existing(key: string): ExistingRecord[];
  canEdit(record: ExistingRecord): boolean;
  /** users the importer may make owner of a new record / of an existing one, by lower-case username */
  createOwners: ReadonlyMap<string, OwnerRef>;
  editOwners: ReadonlyMap<string, OwnerRef>;
  /** accounts with this name that the importer may see (contacts only) */
  accountsNamed?(name: string): { id: number }[];
}

export interface PlanInput {
  spec: ImportObjectSpec;
  mode: ImportMode;
  mapping: Mapping;
  headers: readonly string[];
  /** data records (header excluded) */
  records: readonly CsvRecord[];
  defaultOwner: OwnerRef;
  validateLeadEmail: boolean;
  lookups: PlanLookups;
}

export type PlannedRow =
  | { kind: 'create'; line: number; values: RowValues; ownerId: number; accountId: number | null }
  | { kind: 'update'; line: number; id: number; values: RowValues; ownerId: number; accountId: number | null; changed: string[] }
  | { kind: 'skip'; line: number; id: number; reason: string }
  | { kind: 'reject'; line: number; reason: string; cells: string[] };

export interface PlanSummary {
  rows: PlannedRow[];
  counts: { total: number; create: number; update: number; skip: number; reject: number };
}

/** Fields compared and written on update (status is a workflow action, never changed by an import). */
function updatableKeys(spec: ImportObjectSpec): string[] {
  return spec.fields.map((f) => f.key).filter((k) => k !== 'owner' && k !== 'account' && k !== 'status');
}

function resolveAccount(lookups: PlanLookups, name: string): { accountId: number | null } | { reason: string } {
  if (name === '') return { accountId: null };
  const found = lookups.accountsNamed?.(name) ?? [];
  if (found.length === 1 && found[0]) return { accountId: found[0].id };
  if (found.length === 0) return { reason: `Account: no account named "${name}" among the accounts you can see` };
  return { reason: `Account: ${found.length} accounts are named "${name}"; link this contact by hand` };
}

/**
 * Decides, row by row and without writing anything, what an import will do. Both the validation
 * preview and the real import (inside its transaction) run this same function.
 */
export function planImport(input: PlanInput): PlanSummary {
  const { spec, mode, mapping, headers, lookups } = input;
  const matchHeader = spec.fields.find((f) => f.key === spec.matchKey)?.header ?? spec.matchKey;
  const noun = spec.object;
  const firstLineOfKey = new Map<string, number>();
  const rows: PlannedRow[] = [];
  const reject = (record: CsvRecord, reason: string) => {
    rows.push({ kind: 'reject', line: record.line, reason, cells: record.cells.map(unguardFormula) });
  };

  for (const record of input.records) {
    if (record.error) {
      reject(record, `Malformed CSV: ${record.error}`);
      continue;
    }
    if (record.cells.length !== headers.length) {
      reject(record, `This row has ${record.cells.length} values but the header has ${headers.length} columns (an unquoted comma?)`);
      continue;
    }
    const raw = mappedValues(mapping, record.cells.map(unguardFormula));
    const keyText = (raw[spec.matchKey] ?? '').trim();
    const key = matchKeyOf(keyText);
    if (key !== '') {
      const first = firstLineOfKey.get(key);
      if (first !== undefined) {
        reject(record, `Duplicate in this file: line ${first} has the same ${matchHeader}`);
        continue;
      }
      firstLineOfKey.set(key, record.line);
    }
    const matches = key === '' ? [] : lookups.existing(keyText);

    if (matches.length === 0) {
      const check = checkRow(spec, raw, { validateLeadEmail: input.validateLeadEmail, isNew: true });
      if (!check.ok) {
        reject(record, check.reason);
        continue;
      }
      const ownerName = check.values.owner ?? '';
      const owner = ownerName === '' ? input.defaultOwner : lookups.createOwners.get(ownerName.toLowerCase());
      if (!owner) {
        reject(record, `Owner: "${ownerName}" is not a user you may assign ${noun}s to`);
        continue;
      }
      let accountId: number | null = null;
      if (spec.object === 'contact') {
        const account = resolveAccount(lookups, check.values.account ?? '');
        if ('reason' in account) {
          reject(record, account.reason);
          continue;
        }
        accountId = account.accountId;
      }
      rows.push({ kind: 'create', line: record.line, values: check.values, ownerId: owner.id, accountId });
      continue;
    }

    if (mode === 'create') {
      const first = matches[0] as ExistingRecord;
      rows.push({
        kind: 'skip', line: record.line, id: first.id,
        reason: matches.length === 1
          ? `Already in the CRM: ${noun} #${first.id} has this ${matchHeader}`
          : `Already in the CRM: ${matches.length} ${noun}s have this ${matchHeader}`,
      });
      continue;
    }
    if (matches.length > 1) {
      reject(record, `${matches.length} existing ${noun}s have this ${matchHeader}; update them by hand`);
      continue;
    }
    const existing = matches[0] as ExistingRecord;
    if (!lookups.canEdit(existing)) {
      reject(record, `You may not edit the existing ${noun} #${existing.id} with this ${matchHeader} (it is outside your records)`);
      continue;
    }
    if (existing.readOnly) {
      reject(record, `The existing ${noun} #${existing.id}: ${existing.readOnly}`);
      continue;
    }
    // Blank cells keep the stored value: an import never erases data by omission.
    const merged: RowValues = { ...existing.values };
    for (const [k, v] of Object.entries(raw)) if (v.trim() !== '') merged[k] = v;
    const check = checkRow(spec, merged, { validateLeadEmail: input.validateLeadEmail, isNew: false });
    if (!check.ok) {
      reject(record, check.reason);
      continue;
    }
    const changed = updatableKeys(spec).filter((k) => (check.values[k] ?? '') !== (existing.values[k] ?? ''));
    let ownerId = existing.ownerId;
    const ownerName = check.values.owner ?? '';
    if (ownerName !== '' && ownerName.toLowerCase() !== (existing.values.owner ?? '').toLowerCase()) {
      const owner = lookups.editOwners.get(ownerName.toLowerCase());
      if (!owner) {
        reject(record, `Owner: "${ownerName}" is not a user you may assign ${noun}s to`);
        continue;
      }
      ownerId = owner.id;
      changed.push('owner');
    }
    let accountId = existing.accountId ?? null;
    if (spec.object === 'contact' && (check.values.account ?? '') !== (existing.values.account ?? '')) {
      const account = resolveAccount(lookups, check.values.account ?? '');
      if ('reason' in account) {
        reject(record, account.reason);
        continue;
      }
      if (account.accountId !== accountId) changed.push('account');
      accountId = account.accountId;
    }
    if (changed.length === 0) {
      rows.push({ kind: 'skip', line: record.line, id: existing.id, reason: `No changes: same as ${noun} #${existing.id}` });
      continue;
    }
    rows.push({ kind: 'update', line: record.line, id: existing.id, values: check.values, ownerId, accountId, changed });
  }

  const counts = { total: rows.length, create: 0, update: 0, skip: 0, reject: 0 };
  for (const r of rows) counts[r.kind]++;
  return { rows, counts };
}
