import type { FastifyRequest } from 'fastify';
import { card, dateTime, detailList, html, pageHeader, statusBadge, type SafeHtml } from '../../../core/html.js';
import { can } from '../../../core/permissions.js';
import { IMPORT_SPECS } from '../import-objects.js';
import type { ImportIssue, ImportRecord } from '../import-records.js';
import { encodingLabel } from './mapping-page.js';
import { stepLabel, simpleTable } from './wizard-parts.js';

const STATUS_LABELS = { uploaded: 'Uploaded', completed: 'Completed', failed: 'Failed' } as const;

/** Step 4: the counts of a finished (or failed) import, its rejected and skipped rows, and the download. */
export function resultPageBody(
  req: FastifyRequest,
  record: ImportRecord,
  issues: { rejected: ImportIssue[]; skipped: ImportIssue[] },
): SafeHtml {
  const spec = IMPORT_SPECS[record.object];
  const c = record.counts;
  const user = req.user;
  const detailHref = (id: number | null) => (id ? html`<a href="/${spec.plural}/${id}">#${id}</a>` : '');
  const actions = html`${user && can(user, 'import', 'create') ? html`<a class="btn btn-primary" href="/imports/new?object=${record.object}">New import</a>` : ''}
    <a class="btn btn-secondary" href="/imports">All imports</a>`;
  return html`${pageHeader(`Import #${record.id}: ${spec.plural}`, actions, stepLabel(4))}
    <p>${statusBadge(STATUS_LABELS[record.status])}</p>
    ${record.status === 'failed' ? html`<div class="error-summary" role="alert" data-testid="import-error"><p><strong>The import failed and was rolled back.</strong></p><p>${record.error ?? ''}</p>
      ${record.userId === user?.id ? html`<p><a href="/imports/${record.id}/mapping">Check the mapping and try again</a></p>` : ''}</div>` : ''}
    ${card('Result', detailList([
      { key: 'file', label: 'File', value: record.fileName },
      { key: 'encoding', label: 'Encoding', value: encodingLabel(record.encoding) },
      { key: 'rows', label: 'Rows in the file', value: record.dataRows },
      { key: 'created', label: 'Created', value: c.created },
      { key: 'updated', label: 'Updated (matched existing records)', value: c.updated },
      { key: 'skipped', label: 'Skipped duplicates', value: c.skipped },
      { key: 'rejected', label: 'Rejected', value: c.rejected },
      { key: 'mode', label: 'Existing records', value: record.mode === 'update' ? 'Updated' : 'Skipped' },
      { key: 'importedBy', label: 'Imported by', value: record.userName },
      { key: 'finishedAt', label: 'Finished', value: dateTime(record.finishedAt) },
    ]), 'import-result')}
    ${c.rejected ? html`<p><a class="btn btn-secondary" href="/imports/${record.id}/rejected.csv" download data-testid="download-rejected">Download rejected rows (CSV)</a></p>` : ''}
    ${c.rejected ? simpleTable({
      caption: `Rejected rows (${c.rejected}${issues.rejected.length < c.rejected ? `, first ${issues.rejected.length} shown` : ''})`,
      headers: ['Line', 'Reason'], rows: issues.rejected.map((r) => [r.line, r.reason]), testId: 'rejected-rows',
    }) : ''}
    ${c.skipped ? simpleTable({
      caption: `Skipped rows (${c.skipped}${issues.skipped.length < c.skipped ? `, first ${issues.skipped.length} shown` : ''})`,
      headers: ['Line', 'Reason', 'Record'], rows: issues.skipped.map((r) => [r.line, r.reason, detailHref(r.recordId)]), testId: 'skipped-rows',
    }) : ''}`;
}
