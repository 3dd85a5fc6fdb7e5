import type { FastifyRequest } from 'fastify';
import { dataTable, dateTime, html, pageHeader, statusBadge, type SafeHtml } from '../../../core/html.js';
import type { ListResult } from '../../../core/list.js';
import { can } from '../../../core/permissions.js';
import { IMPORT_SPECS } from '../import-objects.js';
import type { ImportRecord } from '../import-records.js';

/** Every import run the user may see, newest first. */
export function importListBody(req: FastifyRequest, list: ListResult<ImportRecord>): SafeHtml {
  const user = req.user;
  const actions = user && can(user, 'import', 'create') ? html`<a class="btn btn-primary" href="/imports/new">New import</a>` : undefined;
  return html`${pageHeader('Imports', actions)}
    ${dataTable<ImportRecord>({
      caption: 'Imports', list, baseUrl: '/imports', empty: 'No imports yet',
      columns: [
        { key: 'id', label: 'Import', render: (r) => html`<a href="/imports/${r.id}">#${r.id} ${r.fileName}</a>` },
        { key: 'object', label: 'Records', sortable: true, render: (r) => IMPORT_SPECS[r.object].title },
        { key: 'status', label: 'Status', sortable: true, render: (r) => statusBadge(r.status === 'completed' ? 'Completed' : r.status === 'failed' ? 'Failed' : 'Uploaded', `import-status-${r.id}`) },
        { key: 'created', label: 'Created', numeric: true, render: (r) => r.counts.created },
        { key: 'updated', label: 'Updated', numeric: true, render: (r) => r.counts.updated },
        { key: 'skipped', label: 'Skipped', numeric: true, render: (r) => r.counts.skipped },
        { key: 'rejected', label: 'Rejected', numeric: true, render: (r) => r.counts.rejected },
        { key: 'user', label: 'By', render: (r) => r.userName },
        { key: 'createdAt', label: 'Started', sortable: true, render: (r) => dateTime(r.createdAt) },
      ],
    })}`;
}
