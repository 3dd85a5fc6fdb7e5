import type { FastifyReply, FastifyRequest } from 'fastify';
import { dataTable, dateTime, formTag, html, pageHeader } from '../../../core/html.js';
import { parseInput, sendPage } from '../../../core/http.js';
import { listParamsSchema, type ListResult } from '../../../core/list.js';
import { listBackups, type BackupManifest } from './manifest.js';
import { recordsText } from './record-counts.js';

/** The backups newest first, one page of them. */
function backupList(req: FastifyRequest): ListResult<BackupManifest> {
  const { page, pageSize } = parseInput(listParamsSchema, req.query);
  const all = listBackups(req.server.crm.config.backupDir);
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize, sort: '', dir: 'desc', q: '' };
}

export function backupsPage(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { backupDir } = req.server.crm.config;
  const body = html`${pageHeader('Backups')}
    <p>A backup is a copy of the whole database — every record, every user and password hash, the audit log —
    checked after it is written and kept on the CRM's server in <code>${backupDir}</code>. To restore one, stop the CRM
    and start it with <code>npm run crm -- --restore &lt;file&gt;</code>: the backup replaces the database before the CRM opens it.</p>
    ${formTag(req, { action: '/admin/backups', submitLabel: 'Take backup', label: 'Take a backup', body: html`` })}
    ${dataTable<BackupManifest>({
      caption: 'Backups', list: backupList(req), baseUrl: '/admin/backups',
      columns: [
        { key: 'name', label: 'Backup', render: (b) => html`<span data-testid="backup-name">${b.name}</span>` },
        { key: 'taken', label: 'Taken', render: (b) => html`<span data-testid="backup-taken">${dateTime(b.takenAt)}</span>` },
        { key: 'by', label: 'Taken by', render: (b) => html`<span data-testid="backup-by">${b.takenBy}</span>` },
        { key: 'size', label: 'Size', numeric: true, render: (b) => html`<span data-testid="backup-size">${b.bytes.toLocaleString('en-US')} bytes</span>` },
        { key: 'records', label: 'Records', render: (b) => html`<span data-testid="backup-records">${recordsText(b.counts)}</span>` },
        { key: 'sha256', label: 'SHA-256', render: (b) => html`<code data-testid="backup-sha256">${b.sha256}</code>` },
      ],
    })}`;
  return sendPage(reply, req, { title: 'Backups', body });
}
