import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../core/html.js';
import { can, type PermissionObject } from '../../core/permissions.js';

/** Values an export column may need besides its row. */
export interface ExportHelpers {
  /** users.id → username (how owners are written, and read back by the import) */
  username(userId: number | null | undefined): string;
}

export interface ExportColumn<T> {
  header: string;
  value(row: T, h: ExportHelpers): string;
}

/**
 * A list view that can be downloaded as CSV. `page` must be the list view's own query function, so the
 * file holds exactly the records the list shows for the same filters, search, sort and record scope.
 */
export interface ExportSpec<T> {
  /** URL segment and file name: /export/<path>.csv */
  path: string;
  object: PermissionObject;
  title: string;
  columns: readonly ExportColumn<T>[];
  page(req: FastifyRequest, query: Record<string, unknown>): { items: T[]; total: number };
  /**
   * True when `page` returns core runList's rows unchanged: the export then runs the list's own query
   * once without paging (page-by-page OFFSET reading is quadratic at 50,000 rows). Otherwise the
   * export walks the pages.
   */
  itemsAreRows?: boolean;
}

const registries = new WeakMap<FastifyInstance, Map<string, ExportSpec<unknown>>>();

/** Any module can make its list exportable from its register(app): registerExport(app, spec). */
export function registerExport<T>(app: FastifyInstance, spec: ExportSpec<T>): void {
  let specs = registries.get(app);
  if (!specs) {
    specs = new Map();
    registries.set(app, specs);
  }
  specs.set(spec.path, spec as unknown as ExportSpec<unknown>);
}

export function exportSpec(app: FastifyInstance, path: string): ExportSpec<unknown> | undefined {
  return registries.get(app)?.get(path);
}

/** List parameters that are not filters: the export always takes every page. */
const NOT_FILTERS = new Set(['page', 'pageSize', '_csrf']);

export function exportUrl(path: string, query: unknown): string {
  const params = new URLSearchParams();
  if (query && typeof query === 'object') {
    for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
      if (NOT_FILTERS.has(k) || v === undefined || v === null || v === '') continue;
      params.set(k, String(v));
    }
  }
  const s = params.toString();
  return `/export/${path}.csv${s ? `?${s}` : ''}`;
}

/**
 * The "Export CSV" link for a list page: carries the page's current filters, search and sort; rendered
 * only for roles with the export permission on the object (the route checks again).
 */
export function exportCsvLink(req: FastifyRequest, path: string): SafeHtml {
  const spec = exportSpec(req.server, path);
  if (!spec || !req.user || !can(req.user, spec.object, 'export')) return html``;
  return html`<a class="btn btn-secondary" href="${exportUrl(path, req.query)}" download data-testid="export-csv">Export CSV</a>`;
}
