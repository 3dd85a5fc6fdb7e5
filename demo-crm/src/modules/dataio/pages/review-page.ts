import type { FastifyRequest } from 'fastify';
import { card, detailList, formTag, html, pageHeader, type SafeHtml } from '../../../core/html.js';
import { IMPORT_SPECS } from '../import-objects.js';
import type { PlanSummary } from '../import-plan.js';
import type { ImportRecord } from '../import-records.js';
import { countLabel, simpleTable, stepLabel } from './wizard-parts.js';

export const LISTED_ISSUES = 200;

/** Step 3: what the import will do (a dry run of the same plan the import runs), then the import button. */
export function reviewPageBody(req: FastifyRequest, record: ImportRecord, plan: PlanSummary): SafeHtml {
  const spec = IMPORT_SPECS[record.object];
  const c = plan.counts;
  const rejected = plan.rows.flatMap((r) => (r.kind === 'reject' ? [[r.line, r.reason] as const] : []));
  const skipped = plan.rows.flatMap((r) => (r.kind === 'skip' ? [[r.line, r.reason] as const] : []));
  const writes = c.create + c.update;
  return html`${pageHeader(`Import ${spec.plural}: check and import`, undefined, stepLabel(3))}
    ${card('What the import will do', detailList([
      { key: 'rows', label: 'Rows in the file', value: c.total },
      { key: 'create', label: `New ${spec.plural} to create`, value: c.create },
      { key: 'update', label: `Existing ${spec.plural} to update`, value: c.update },
      { key: 'skip', label: 'Skipped (already in the CRM, or no changes)', value: c.skip },
      { key: 'reject', label: 'Rejected (will not be imported)', value: c.reject },
    ]), 'import-plan')}
    ${c.reject ? simpleTable({
      caption: `Rows that will be rejected (${c.reject}${c.reject > LISTED_ISSUES ? `, first ${LISTED_ISSUES} shown` : ''})`,
      headers: ['Line', 'Reason'], rows: rejected.slice(0, LISTED_ISSUES), testId: 'rejected-rows',
    }) : ''}
    ${c.skip ? simpleTable({
      caption: `Rows that will be skipped (${c.skip}${c.skip > LISTED_ISSUES ? `, first ${LISTED_ISSUES} shown` : ''})`,
      headers: ['Line', 'Reason'], rows: skipped.slice(0, LISTED_ISSUES), testId: 'skipped-rows',
    }) : ''}
    ${card('Import', html`<p>All rows are imported in one step: if anything fails, nothing is imported.</p>
      ${formTag(req, {
        action: `/imports/${record.id}/run`, label: 'Run the import',
        submitLabel: writes ? `Import ${countLabel(writes, 'row')}` : 'Record the import (nothing to write)',
        body: html``,
      })}
      <p><a href="/imports/${record.id}/mapping">Back to column mapping</a></p>`)}`;
}
