import type { Database } from 'better-sqlite3';
import { z } from 'zod';

export const listParamsSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  sort: z.string().max(40).optional(),
  dir: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().trim().max(200).optional(),
});
export type ListParams = z.infer<typeof listParamsSchema>;

export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  dir: 'asc' | 'desc';
  q: string;
}

export interface ListSpec {
  select: string;
  from: string;
  where?: string[];
  params?: unknown[];
  /** columns matched by prefix (index friendly): `col LIKE 'q%'` */
  searchColumns?: string[];
  q?: string | undefined;
  sortColumns: Record<string, string>;
  sort?: string | undefined;
  dir?: 'asc' | 'desc';
  defaultSort: string;
  page: number;
  pageSize: number;
  /** a complete search condition replacing the prefix search (e.g. a deliberately slow one) */
  searchSql?: { sql: string; params: unknown[] };
  /** count at most this many matching rows (the `lead-list-count-capped` defect) */
  countCap?: number;
  /** FROM for the count when the list's joins cannot change it (LEFT JOINs on a primary key that no condition reads) */
  countFrom?: string;
  /** a search sorted by `sortKey` first tries the rows at the head of that order (SearchWindow) */
  window?: SearchWindow;
}

/**
 * A search that many rows match (one company in sixteen begins with "Summit") finds its page among
 * the first few thousand rows of the sort order, while sorting every match costs time in proportion
 * to the table. So a search sorted by `column` (NOT NULL, with an index of its own, which SQLite ends
 * in the rowid: the list's tie-break) first pages through the head of that order only: the rows up to
 * the `rows`-th value of the column.
 * The head is a prefix of the sort order, so its matches are the first matches overall; the page is
 * taken from it when it holds every row the count says the page has, else every match is sorted.
 */
export interface SearchWindow {
  sortKey: string;
  column: string;
  /** the base table alone, walked by the index: `leads l INDEXED BY leads_created` */
  edgeFrom: string;
  /** the list's FROM with the base table walked by the index */
  from: string;
  rows: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** WHERE (filters and search) with its parameters, and ORDER BY, exactly as runList pages a list. */
export function listSql(spec: ListSpec): { whereSql: string; params: unknown[]; orderBy: string; sortKey: string; q: string } {
  const where = [...(spec.where ?? [])];
  const params = [...(spec.params ?? [])];
  const q = spec.q?.trim() ?? '';
  if (q && spec.searchSql) {
    where.push(spec.searchSql.sql);
    params.push(...spec.searchSql.params);
  } else if (q && spec.searchColumns?.length) {
    where.push(`(${spec.searchColumns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < spec.searchColumns.length; i++) params.push(`${escapeLike(q)}%`);
  }
  // a scope that lets the reader see everything ('1=1') adds nothing, and a WHERE of any kind keeps
  // SQLite from counting the table from its smallest index (0.04 ms instead of 1 ms at 100,000 rows)
  const conditions = where.filter((w) => w.trim() !== '1=1');
  const whereSql = conditions.length ? `WHERE ${conditions.map((w) => `(${w})`).join(' AND ')}` : '';
  const sortKey = spec.sort && spec.sortColumns[spec.sort] ? spec.sort : spec.defaultSort;
  const sortCol = spec.sortColumns[sortKey] ?? Object.values(spec.sortColumns)[0];
  const dir = spec.dir === 'desc' ? 'DESC' : 'ASC';
  return { whereSql, params, orderBy: `${sortCol} ${dir}, 1 ${dir}`, sortKey, q };
}

let captured: ListSpec[] | null = null;

/**
 * Runs `fn` (a list function built on runList) without querying and returns the list specs it built,
 * so a CSV export can run that very query once, unpaged, instead of page by page (dataio module).
 */
export function captureListSpecs(fn: () => unknown): ListSpec[] {
  const outer = captured;
  const specs: ListSpec[] = [];
  captured = specs;
  try {
    fn();
    return specs;
  } finally {
    captured = outer;
  }
}

/** One page of a list with its total; sort keys are whitelisted, never interpolated from input. */
export function runList<T>(db: Database, spec: ListSpec): ListResult<T> {
  const { whereSql, params, orderBy, sortKey, q } = listSql(spec);
  if (captured) {
    captured.push(spec);
    return { items: [], total: 0, page: spec.page, pageSize: spec.pageSize, sort: sortKey, dir: spec.dir ?? 'asc', q };
  }
  const countFrom = spec.countFrom ?? spec.from;
  const counted = spec.countCap === undefined ? `${countFrom} ${whereSql}` : `(SELECT 1 FROM ${countFrom} ${whereSql} LIMIT ${Math.trunc(spec.countCap)})`;
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${counted}`).get(...params) as { n: number }).n;
  const offset = (spec.page - 1) * spec.pageSize;
  const items = (q && spec.window?.sortKey === sortKey ? pageFromHead<T>(db, spec, spec.window, { whereSql, params, orderBy }, total, offset) : undefined)
    ?? db
      .prepare(`SELECT ${spec.select} FROM ${spec.from} ${whereSql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
      .all(...params, spec.pageSize, offset) as T[];
  return { items, total, page: spec.page, pageSize: spec.pageSize, sort: sortKey, dir: spec.dir ?? 'asc', q };
}

/** The page from the head of the sort order (SearchWindow), or undefined when the head does not hold all of it. */
function pageFromHead<T>(
  db: Database, spec: ListSpec, w: SearchWindow, sql: { whereSql: string; params: unknown[]; orderBy: string }, total: number, offset: number,
): T[] | undefined {
  const rowsOnPage = Math.min(spec.pageSize, total - offset);
  if (rowsOnPage <= 0) return undefined;
  const desc = spec.dir === 'desc';
  const edge = db.prepare(`SELECT ${w.column} FROM ${w.edgeFrom} ORDER BY ${w.column} ${desc ? 'DESC' : 'ASC'} LIMIT 1 OFFSET ?`).pluck().get(w.rows - 1);
  // a table shorter than the head: sorting every match is as cheap
  if (edge === undefined) return undefined;
  const inHead = `${w.column} ${desc ? '>=' : '<='} ?`;
  const where = sql.whereSql ? `${sql.whereSql} AND ${inHead}` : `WHERE ${inHead}`;
  const items = db
    .prepare(`SELECT ${spec.select} FROM ${w.from} ${where} ORDER BY ${sql.orderBy} LIMIT ? OFFSET ?`)
    .all(...sql.params, edge, spec.pageSize, offset) as T[];
  return items.length === rowsOnPage ? items : undefined;
}
