import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../core/auth.js';
import { notFound, ValidationError } from '../../core/http.js';
import { recordId } from '../sales-crm/access.js';
import { toCsv } from './csv.js';
import { importSpecByPlural } from './import-objects.js';
import { importJson, previewJson } from './import-json.js';
import { listImports } from './import-list.js';
import {
  parseObject, previewImport, readSource, resolveSettings, storeUpload, viewableImport,
} from './import-service.js';
import { runImport } from './import-run.js';
import { rejectedRowsCsv } from './rejected-csv.js';
import { readUpload } from './upload-input.js';

/** JSON bodies may carry a whole CSV file (50,000 rows is about 5 MB); multipart has its own limit. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const isYes = (v: unknown) => v === true || v === 'true' || v === '1' || v === 'on';

export function csvDownload(reply: FastifyReply, fileName: string, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
}

/** GET …/templates/<plural>.csv: an empty file with the import's header row. */
export function templateCsv(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  authorize(req, 'import', 'create');
  const file = (req.params as { file: string }).file;
  const spec = importSpecByPlural(file.replace(/\.csv$/, ''));
  if (!spec || !file.endsWith('.csv')) notFound('No such template');
  return csvDownload(reply, `${spec.plural}-template.csv`, toCsv(spec.fields.map((f) => f.header), []));
}

export function rejectedCsv(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const record = viewableImport(req, recordId(req));
  return csvDownload(reply, `import-${record.id}-rejected.csv`, rejectedRowsCsv(req.server.crm.db, record));
}

/**
 * POST /api/imports — upload, validate and import in one request (docs/data-migration.md):
 * multipart/form-data (file + object, mode, mapping JSON, ownerId, dryRun) or JSON
 * ({ object, csv | csvBase64, fileName, mode, mapping, ownerId, dryRun }). dryRun answers 200 with
 * what would happen and writes nothing; otherwise 201 with the finished import.
 */
async function createImport(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  authorize(req, 'import', 'create');
  const input = await readUpload(req);
  const object = parseObject(input.fields.object);
  if (!input.file) throw new ValidationError({ file: 'Choose a CSV file to upload' });
  const source = readSource(req, object, input.file.name, input.file.bytes);
  const settings = resolveSettings(req, source, input.fields);
  if (isYes(input.fields.dryRun)) {
    return reply.send(previewJson(source, settings.mapping, settings.mode, previewImport(req, source, settings)));
  }
  const id = storeUpload(req, source);
  const record = runImport(req, id, source, settings);
  return reply.code(201).send(importJson(req.server.crm.db, record));
}

export function registerImportApi(app: FastifyInstance): void {
  app.get('/api/imports', (req) => {
    const list = listImports(req, req.query);
    return { ...list, items: list.items.map((r) => ({
      id: r.id, object: r.object, fileName: r.fileName, status: r.status, mode: r.mode, rows: r.dataRows, counts: r.counts,
      user: { id: r.userId, username: r.userName }, createdAt: r.createdAt, finishedAt: r.finishedAt,
    })) };
  });
  app.post('/api/imports', { bodyLimit: IMPORT_BODY_LIMIT }, createImport);
  app.get('/api/imports/templates/:file', templateCsv);
  app.get('/api/imports/:id', (req) => importJson(req.server.crm.db, viewableImport(req, recordId(req))));
  app.get('/api/imports/:id/rejected.csv', rejectedCsv);
}
