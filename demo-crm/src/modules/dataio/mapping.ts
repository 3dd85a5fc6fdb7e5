import type { ImportObjectSpec } from './import-objects.js';

/** Which CSV column (0-based index) feeds which field; unmapped fields are absent. */
export type Mapping = Record<string, number>;

export type ImportMode = 'create' | 'update';

/** "First name", "first_name", "FirstName", " FIRST-NAME " → "firstname" (letters of any script are kept). */
export function normalizeHeader(value: string): string {
  return value.replace(/^\uFEFF/, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Maps every field whose header (or key) equals a column header; the first such column wins. */
export function autoMap(spec: ImportObjectSpec, headers: readonly string[]): Mapping {
  const normalized = headers.map(normalizeHeader);
  const mapping: Mapping = {};
  for (const f of spec.fields) {
    const names = new Set([normalizeHeader(f.header), normalizeHeader(f.key)]);
    const index = normalized.findIndex((h) => h !== '' && names.has(h));
    if (index >= 0) mapping[f.key] = index;
  }
  return mapping;
}

export interface MappingResult {
  mapping: Mapping;
  /** "mapping.<fieldKey>" → message */
  errors: Record<string, string>;
}

/**
 * Checks a mapping sent by a form or the API. Each field may name a column by 0-based index or by
 * header text; empty / null means "do not import". With no mapping at all, headers are auto-mapped.
 * To create records every required field needs a column; "update existing" needs the match key.
 */
export function resolveMapping(
  spec: ImportObjectSpec,
  headers: readonly string[],
  input: unknown,
  mode: ImportMode,
): MappingResult {
  const errors: Record<string, string> = {};
  let mapping: Mapping = {};
  if (input === undefined || input === null || input === '') {
    mapping = autoMap(spec, headers);
  } else if (typeof input !== 'object' || Array.isArray(input)) {
    errors.mapping = 'Send the mapping as an object: { "<field>": <column index or header> }';
  } else {
    const normalized = headers.map(normalizeHeader);
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      const field = spec.fields.find((f) => f.key === key);
      if (!field) {
        errors[`mapping.${key}`] = `Unknown field "${key}". Fields: ${spec.fields.map((f) => f.key).join(', ')}`;
        continue;
      }
      if (value === null || value === '' || value === undefined) continue;
      const asNumber = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
      let index = -1;
      if (Number.isInteger(asNumber)) index = asNumber < headers.length ? asNumber : -1;
      else if (typeof value === 'string') index = normalized.indexOf(normalizeHeader(value));
      if (index < 0) {
        errors[`mapping.${key}`] = `${field.header}: the file has no column ${JSON.stringify(value)}`;
        continue;
      }
      mapping[key] = index;
    }
  }
  const byColumn = new Map<number, string>();
  for (const f of spec.fields) {
    const index = mapping[f.key];
    if (index === undefined) continue;
    const other = byColumn.get(index);
    if (other) errors[`mapping.${f.key}`] = `${f.header}: column "${headers[index] ?? index + 1}" is already mapped to ${other}`;
    else byColumn.set(index, f.header);
  }
  const matchField = spec.fields.find((f) => f.key === spec.matchKey);
  for (const f of spec.fields) {
    if (mapping[f.key] !== undefined || errors[`mapping.${f.key}`]) continue;
    if (mode === 'create' && f.required) errors[`mapping.${f.key}`] = `Choose the column for ${f.header} (required)`;
    if (mode === 'update' && f.key === spec.matchKey) {
      errors[`mapping.${f.key}`] = `Choose the column for ${matchField?.header ?? f.header}: "update existing" finds records by it`;
    }
  }
  return { mapping, errors };
}

/** The row's values by field key (trimmed later by the row check); missing cells are empty. */
export function mappedValues(mapping: Mapping, cells: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, index] of Object.entries(mapping)) out[key] = cells[index] ?? '';
  return out;
}
