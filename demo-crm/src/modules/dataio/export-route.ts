import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../../core/audit.js';
import { authorize } from '../../core/auth.js';
import { nowIso } from '../../core/clock.js';
import { notFound } from '../../core/http.js';
import { toCsv } from './csv.js';
import { captureListSpecs, listSql } from '../../core/list.js';
import { exportSpec, type ExportHelpers, type ExportSpec } from './export-registry.js';

const PAGE = 100;

function helpers(req: FastifyRequest): ExportHelpers {
  const names = new Map(
    (req.server.crm.db.prepare('SELECT id, username FROM users').all() as { id: number; username: string }[]).map((u) => [u.id, u.username]),
  );
  return { username: (id) => (id == null ? '' : names.get(id) ?? '') };
}

function describeFilters(query: Record<string, unknown>): string {
  const parts = Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Every record of the list for these filters, in the list's order and within the caller's scope. */
function* listItems(req: FastifyRequest, spec: ExportSpec<unknown>, query: Record<string, unknown>): Generator<unknown> {
  // Capturing also runs the list function's own checks (list permission, filter validation).
  const captured = spec.itemsAreRows ? captureListSpecs(() => spec.page(req, { ...query, page: 1, pageSize: PAGE })) : [];
  const list = captured.length === 1 ? captured[0] : undefined;
  if (list) {
    const { whereSql, params, orderBy } = listSql(list);
    yield* req.server.crm.db.prepare(`SELECT ${list.select} FROM ${list.from} ${whereSql} ORDER BY ${orderBy}`).iterate(...params);
    return;
  }
  for (let page = 1; ; page++) {
    const result = spec.page(req, { ...query, page, pageSize: PAGE });
    yield* result.items;
    if (result.items.length < PAGE || page * PAGE >= result.total) return;
  }
}

/**
 * GET /export/<list>.csv (pages) and GET /api/exports/<list>.csv (API): the list view's records for the
 * current filters, every page, as UTF-8 CSV with a BOM. Needs the export permission; the list query
 * applies the record scope (a rep gets only their own records). Audited.
 */
async function exportCsv(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const file = (req.params as { file: string }).file;
  const match = /^([a-z][a-z0-9-]*)\.csv$/.exec(file);
  const spec = match?.[1] ? exportSpec(req.server, match[1]) : undefined;
  if (!spec) notFound('No such export');
  authorize(req, spec.object, 'export');
  const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
  delete query.page;
  delete query.pageSize;
  const h = helpers(req);
  const rows: string[][] = [];
  for (const item of listItems(req, spec, query)) rows.push(spec.columns.map((c) => c.value(item, h)));
  audit(req, { action: 'export', object: spec.object, summary: `exported ${rows.length} ${spec.title.toLowerCase()} to CSV${describeFilters(query)}` });
  const day = nowIso(req).slice(0, 10);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${spec.path}-${day}.csv"`)
    .send(toCsv(spec.columns.map((c) => c.header), rows));
}

export function registerExportRoutes(app: FastifyInstance): void {
  app.get('/export/:file', exportCsv);
  app.get('/api/exports/:file', exportCsv);
}
