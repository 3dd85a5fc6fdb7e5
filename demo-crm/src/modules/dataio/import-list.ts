import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../core/auth.js';
import { parseInput } from '../../core/http.js';
import { listParamsSchema, runList, type ListResult } from '../../core/list.js';
import { scopeSql } from '../../core/permissions.js';
import { IMPORT_OBJECTS } from './import-objects.js';
import { IMPORT_FROM, IMPORT_SELECT, toImportRecord, type ImportRecord } from './import-records.js';

const blank = (v: unknown) => (v === '' ? undefined : v);

export const importListQuery = listParamsSchema.extend({
  object: z.preprocess(blank, z.enum(IMPORT_OBJECTS, { error: `Choose one of: ${IMPORT_OBJECTS.join(', ')}` }).optional()),
  status: z.preprocess(blank, z.enum(['uploaded', 'completed', 'failed'], { error: 'Choose uploaded, completed or failed' }).optional()),
});

/** Import runs in the caller's scope (admin and auditor all, a sales manager their team's). */
export function listImports(req: FastifyRequest, query: unknown): ListResult<ImportRecord> {
  const user = authorize(req, 'import', 'list');
  const p = parseInput(importListQuery, query);
  const scope = scopeSql(user, 'import', 'list', { owner: 'i.user_id' });
  const where = [scope.sql];
  const params = [...scope.params];
  if (p.object) { where.push('i.object = ?'); params.push(p.object); }
  if (p.status) { where.push('i.status = ?'); params.push(p.status); }
  const list = runList<Parameters<typeof toImportRecord>[0]>(req.server.crm.db, {
    select: IMPORT_SELECT, from: IMPORT_FROM, where, params,
    sortColumns: { createdAt: 'i.created_at', object: 'i.object', status: 'i.status' },
    sort: p.sort, dir: p.sort ? p.dir : 'desc', defaultSort: 'createdAt', page: p.page, pageSize: p.pageSize,
  });
  return { ...list, items: list.items.map(toImportRecord) };
}
