import type { FastifyRequest } from 'fastify';
import { card, errorSummary, field, formTag, html, pageHeader, type SafeHtml } from '../../../core/html.js';
import { can } from '../../../core/permissions.js';
import { IMPORT_OBJECTS, IMPORT_SPECS } from '../import-objects.js';
import { stepLabel } from './wizard-parts.js';

/** Step 1: choose what to import and the file. Multipart posts carry the CSRF token in the action URL. */
export function uploadPageBody(req: FastifyRequest, o: { object?: string; errors?: Record<string, string> } = {}): SafeHtml {
  const user = req.user;
  const objects = IMPORT_OBJECTS.filter((obj) => user && can(user, obj, 'create'));
  const options = objects.map((obj) => ({ value: obj, label: IMPORT_SPECS[obj].title }));
  const templates = objects.map((obj) => html`<li><a href="/imports/templates/${IMPORT_SPECS[obj].plural}.csv" download>${IMPORT_SPECS[obj].title} template</a>
    <span class="muted">(${IMPORT_SPECS[obj].fields.map((f) => f.header).join(', ')})</span></li>`);
  return html`${pageHeader('New import', undefined, stepLabel(1))}
    ${errorSummary(o.errors)}
    ${card('Records and file', formTag(req, {
      action: `/imports?_csrf=${encodeURIComponent(req.csrfToken)}`, multipart: true, submitLabel: 'Upload and map columns', label: 'Import upload',
      body: html`<div class="grid-2">
        ${field({ name: 'object', label: 'What to import', type: 'select', options, value: o.object ?? 'lead', required: true, error: o.errors?.object })}
        ${field({
          name: 'file', label: 'CSV file', type: 'file', accept: '.csv,text/csv', required: true, error: o.errors?.file,
          hint: 'A header row, then one record per row. UTF-8 (with or without BOM) or GBK. Up to 100,000 rows.',
        })}
      </div>`,
    }))}
    ${card('Templates', html`<p>Exported lists use the same columns, so an export can be imported as it is.</p><ul>${templates}</ul>`)}`;
}
