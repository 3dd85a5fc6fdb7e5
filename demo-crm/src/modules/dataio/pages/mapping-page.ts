import type { FastifyRequest } from 'fastify';
import { card, errorSummary, field, formTag, html, pageHeader, type SafeHtml } from '../../../core/html.js';
import { assignableOwners } from '../../sales-crm/access.js';
import { ENCODING_LABELS, type CsvEncoding } from '../encoding.js';
import { IMPORT_SPECS } from '../import-objects.js';
import type { ImportRecord } from '../import-records.js';
import type { ImportSource } from '../import-service.js';
import type { ImportMode, Mapping } from '../mapping.js';
import { countLabel, pluralOf, simpleTable, stepLabel } from './wizard-parts.js';

export const PREVIEW_ROWS = 5;

/** Form field name of a field's column select. */
export const mapFieldName = (key: string) => `map_${key}`;

/** "mapping.email" (service error key) → "map_email" (form field), so errors land on their select. */
export function formErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.startsWith('mapping.') ? mapFieldName(k.slice(8)) : k, v]));
}

export function encodingLabel(encoding: string): string {
  return ENCODING_LABELS[encoding as CsvEncoding] ?? encoding;
}

/** Step 2: a preview of the first rows and one column select per field, pre-filled by header names. */
export function mappingPageBody(
  req: FastifyRequest,
  record: ImportRecord,
  source: ImportSource,
  o: { mapping: Mapping; mode: ImportMode; ownerId: number; errors?: Record<string, string> },
): SafeHtml {
  const spec = IMPORT_SPECS[record.object];
  const errors = o.errors ?? {};
  const preview = source.records.slice(0, PREVIEW_ROWS);
  const columnOptions = [
    { value: '', label: '— Do not import —' },
    ...source.headers.map((h, i) => ({ value: String(i), label: `${i + 1}. ${h}` })),
  ];
  const matchHeader = spec.fields.find((f) => f.key === spec.matchKey)?.header ?? spec.matchKey;
  const owners = assignableOwners(req, record.object, 'create');
  const selects = spec.fields.map((f) => field({
    name: mapFieldName(f.key), label: `${f.header}${f.required ? ' (required)' : ''}`, type: 'select', options: columnOptions,
    value: o.mapping[f.key] === undefined ? '' : String(o.mapping[f.key]), error: errors[mapFieldName(f.key)], hint: f.hint,
  }));
  return html`${pageHeader(`Import ${spec.plural}: map columns`, undefined, stepLabel(2))}
    ${errorSummary(errors)}
    <p data-testid="upload-summary">${record.fileName} · ${countLabel(source.records.length, 'row')} · ${encodingLabel(record.encoding)}</p>
    ${simpleTable({
      caption: `Preview: first ${preview.length} of ${countLabel(source.records.length, 'row')} in ${record.fileName}`,
      headers: ['Line', ...source.headers],
      rows: preview.map((r) => [r.line, ...r.cells]),
      testId: 'import-preview',
    })}
    ${card('Columns and options', formTag(req, {
      action: `/imports/${record.id}/mapping`, submitLabel: 'Validate rows', label: 'Column mapping',
      body: html`<fieldset class="grid-2"><legend>Which column holds each field</legend>${selects}</fieldset>
        <div class="grid-2">
          ${field({
            name: 'mode', label: `${spec.title} that already exist (same ${matchHeader})`, type: 'select', value: o.mode, error: errors.mode,
            options: [
              { value: 'create', label: 'Skip them: create new records only' },
              { value: 'update', label: "Update them with the file's values" },
            ],
            hint: 'When updating, empty cells keep the stored value.',
          })}
          ${owners.length > 1 ? field({
            name: 'ownerId', label: `Owner of new ${pluralOf(record.object)}`, type: 'select', value: String(o.ownerId), error: errors.ownerId,
            options: owners.map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.username})` })),
            hint: 'An Owner column in the file (username) overrides this row by row.',
          }) : ''}
        </div>`,
    }))}`;
}
