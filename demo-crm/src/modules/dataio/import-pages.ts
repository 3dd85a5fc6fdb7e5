import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../core/auth.js';
import { HttpError, redirectWithToast, sendPage, ValidationError } from '../../core/http.js';
import { recordId } from '../sales-crm/access.js';
import { IMPORT_SPECS } from './import-objects.js';
import { listImports } from './import-list.js';
import { importIssues } from './import-records.js';
import {
  ownUpload, parseObject, previewImport, readSource, rememberSettings, resolveSettings, storedSettings, storeUpload,
  viewableImport,
} from './import-service.js';
import { rejectedCsv, templateCsv } from './import-api.js';
import { runImport } from './import-run.js';
import { autoMap, type ImportMode, type Mapping } from './mapping.js';
import { importListBody } from './pages/list-page.js';
import { formErrors, mapFieldName, mappingPageBody } from './pages/mapping-page.js';
import { resultPageBody } from './pages/result-page.js';
import { LISTED_ISSUES, reviewPageBody } from './pages/review-page.js';
import { uploadPageBody } from './pages/upload-page.js';
import { readUpload } from './upload-input.js';

type Form = Record<string, unknown>;

function formBody(req: FastifyRequest): Form {
  return req.body && typeof req.body === 'object' ? (req.body as Form) : {};
}

/** The column selects of the mapping form as the service's mapping input ("" = not imported). */
function mappingFromForm(object: keyof typeof IMPORT_SPECS, body: Form): Record<string, string> {
  return Object.fromEntries(IMPORT_SPECS[object].fields.map((f) => {
    const v = body[mapFieldName(f.key)];
    return [f.key, typeof v === 'string' ? v : ''];
  }));
}

function displayedMapping(form: Record<string, string>): Mapping {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => /^\d+$/.test(v)).map(([k, v]) => [k, Number(v)]));
}

async function upload(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  authorize(req, 'import', 'create');
  let object: string | undefined;
  try {
    const input = await readUpload(req);
    object = typeof input.fields.object === 'string' ? input.fields.object : undefined;
    const target = parseObject(input.fields.object);
    if (!input.file) throw new ValidationError({ file: 'Choose a CSV file to upload' });
    const id = storeUpload(req, readSource(req, target, input.file.name, input.file.bytes));
    return redirectWithToast(reply, req, `/imports/${id}/mapping`);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return sendPage(reply, req, { title: 'New import', body: uploadPageBody(req, { object, errors: e.fields }), status: 400 });
  }
}

function mappingPage(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { record, source } = ownUpload(req, recordId(req));
  const body = mappingPageBody(req, record, source, {
    mapping: record.mapping ?? autoMap(IMPORT_SPECS[record.object], source.headers),
    mode: record.mode, ownerId: record.defaultOwnerId ?? (req.user?.id ?? 0),
  });
  return sendPage(reply, req, { title: `Import ${IMPORT_SPECS[record.object].plural}: map columns`, body });
}

function saveMapping(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { record, source } = ownUpload(req, recordId(req));
  const body = formBody(req);
  const mapping = mappingFromForm(record.object, body);
  try {
    const settings = resolveSettings(req, source, { mode: body.mode, ownerId: body.ownerId, mapping });
    rememberSettings(req, record.id, settings);
    return redirectWithToast(reply, req, `/imports/${record.id}/review`);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const mode: ImportMode = body.mode === 'update' ? 'update' : 'create';
    const ownerId = typeof body.ownerId === 'string' && /^\d+$/.test(body.ownerId) ? Number(body.ownerId) : req.user?.id ?? 0;
    const page = mappingPageBody(req, record, source, { mapping: displayedMapping(mapping), mode, ownerId, errors: formErrors(e.fields) });
    return sendPage(reply, req, { title: `Import ${IMPORT_SPECS[record.object].plural}: map columns`, body: page, status: 400 });
  }
}

function reviewPage(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { record, source } = ownUpload(req, recordId(req));
  if (!record.mapping) return reply.code(303).redirect(`/imports/${record.id}/mapping`);
  const plan = previewImport(req, source, storedSettings(req, record));
  return sendPage(reply, req, { title: `Import ${IMPORT_SPECS[record.object].plural}: check and import`, body: reviewPageBody(req, record, plan) });
}

function run(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { record, source } = ownUpload(req, recordId(req));
  try {
    const done = runImport(req, record.id, source, storedSettings(req, record));
    const c = done.counts;
    return redirectWithToast(reply, req, `/imports/${done.id}`,
      `Import finished: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.rejected} rejected`);
  } catch (e) {
    if (e instanceof HttpError && e.body.error === 'import_failed') return reply.code(303).redirect(`/imports/${record.id}`);
    throw e;
  }
}

function resultPage(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const record = viewableImport(req, recordId(req));
  if (record.status === 'uploaded' && record.userId === req.user?.id) return reply.code(303).redirect(`/imports/${record.id}/mapping`);
  const { db } = req.server.crm;
  const issues = { rejected: importIssues(db, record.id, 'rejected', LISTED_ISSUES), skipped: importIssues(db, record.id, 'skipped', LISTED_ISSUES) };
  return sendPage(reply, req, { title: `Import #${record.id}`, body: resultPageBody(req, record, issues) });
}

/** The import wizard: upload → map columns (with preview) → validate → import → result. */
export function registerImportPages(app: FastifyInstance): void {
  app.get('/imports', (req, reply) => sendPage(reply, req, { title: 'Imports', body: importListBody(req, listImports(req, req.query)) }));
  app.get('/imports/new', (req, reply) => {
    authorize(req, 'import', 'create');
    const object = (req.query as { object?: string }).object;
    return sendPage(reply, req, { title: 'New import', body: uploadPageBody(req, { object }) });
  });
  app.post('/imports', upload);
  app.get('/imports/templates/:file', templateCsv);
  app.get('/imports/:id', resultPage);
  app.get('/imports/:id/mapping', mappingPage);
  app.post('/imports/:id/mapping', saveMapping);
  app.get('/imports/:id/review', reviewPage);
  app.post('/imports/:id/run', run);
  app.get('/imports/:id/rejected.csv', rejectedCsv);
}
