import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, deny } from '../../core/auth.js';
import { nowIso } from '../../core/clock.js';
import { HttpError, notFound, parseInput, ValidationError } from '../../core/http.js';
import { canAccessRecord, type SessionUser } from '../../core/permissions.js';
import { assignableOwners, resolveOwner } from '../sales-crm/access.js';
import { optionalId } from '../sales-crm/validation.js';
import { CsvError, isEmptyRecord, parseCsv, type CsvRecord } from './csv.js';
import { decodeCsvBytes, EncodingError, type DecodedFile } from './encoding.js';
import { IMPORT_SPECS, isImportObject, type ImportObject } from './import-objects.js';
import { planImport, type OwnerRef, type PlanLookups, type PlanSummary } from './import-plan.js';
import { getImport, insertUpload, saveSettings, uploadedContent, type ImportRecord } from './import-records.js';
import { resolveMapping, type ImportMode, type Mapping } from './mapping.js';
import { accountsByName, targetTable } from './target-tables.js';

export const MAX_IMPORT_ROWS = 100_000;

/** A decoded, parsed upload: the header and the data rows, in memory. */
export interface ImportSource {
  object: ImportObject;
  fileName: string;
  encoding: string;
  headers: string[];
  records: CsvRecord[];
  content: string;
}

export interface ImportSettings {
  mode: ImportMode;
  mapping: Mapping;
  defaultOwner: OwnerRef;
}

/** Who may import this object at all: the `import` permission plus create on the target object. */
export function authorizeImport(req: FastifyRequest, object: ImportObject): SessionUser {
  authorize(req, 'import', 'create');
  return authorize(req, object, 'create');
}

export function parseObject(value: unknown): ImportObject {
  if (!isImportObject(value)) throw new ValidationError({ object: 'Choose what to import: leads, accounts or contacts' });
  return value;
}

/**
 * The data rows of a parsed file: blank rows (",,,," left by spreadsheets) are not rows. The
 * `import-drops-last-row` defect is the classic off-by-one of a reader that assumes the last record
 * is the empty line after the final line break.
 */
function dataRecords(req: FastifyRequest, all: CsvRecord[]): CsvRecord[] {
  const data = all.slice(1).filter((r) => r.error || !isEmptyRecord(r.cells));
  return req.server.crm.faults.on('import-drops-last-row') ? data.slice(0, -1) : data;
}

function sourceFromText(req: FastifyRequest, object: ImportObject, fileName: string, text: string, encoding: string): ImportSource {
  let all: CsvRecord[];
  try {
    all = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new ValidationError({ file: `The file is not valid CSV. ${e.message}` });
    throw e;
  }
  const header = all[0];
  if (!header) throw new ValidationError({ file: 'The file is empty' });
  const headers = header.cells.map((h, i) => h.trim() || `Column ${i + 1}`);
  const records = dataRecords(req, all);
  if (records.length === 0) throw new ValidationError({ file: 'The file has a header row but no data rows' });
  if (records.length > MAX_IMPORT_ROWS) {
    throw new ValidationError({ file: `The file has ${records.length} rows; one import takes at most ${MAX_IMPORT_ROWS}. Split the file.` });
  }
  return { object, fileName, encoding, headers, records, content: text };
}

/** Decodes (UTF-8 with or without BOM, GBK, UTF-16 with BOM) and parses an uploaded file. */
export function readSource(req: FastifyRequest, object: ImportObject, fileName: string, bytes: Uint8Array): ImportSource {
  if (bytes.byteLength === 0) throw new ValidationError({ file: 'Choose a CSV file to upload (the file is empty)' });
  let decoded: DecodedFile;
  try {
    decoded = decodeCsvBytes(bytes, { utf8AsLatin1: req.server.crm.faults.on('import-mangles-cjk') });
  } catch (e) {
    if (e instanceof EncodingError) throw new ValidationError({ file: e.message });
    throw e;
  }
  const name = fileName.trim().slice(0, 200) || 'upload.csv';
  return sourceFromText(req, object, name, decoded.text, decoded.encoding);
}

const settingsSchema = z.object({
  mode: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(['create', 'update'], { error: 'Choose "create new only" or "create and update existing"' }).default('create'),
  ),
  ownerId: optionalId('Choose an owner'),
});

function parseMappingInput(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new ValidationError({ mapping: 'The mapping must be JSON: { "<field>": <column index or header> }' });
  }
}

function ownerRef(req: FastifyRequest, id: number): OwnerRef {
  const row = req.server.crm.db.prepare('SELECT id, username, team FROM users WHERE id = ?').get(id) as OwnerRef | undefined;
  if (!row) throw new ValidationError({ ownerId: 'Choose an owner' });
  return row;
}

/**
 * Mode, mapping and default owner from a form or API body. "Update existing" needs the edit permission
 * on the object; the default owner follows the forms' rule (a rep only themselves, a manager their team).
 */
export function resolveSettings(req: FastifyRequest, source: Pick<ImportSource, 'object' | 'headers'>, body: Record<string, unknown>): ImportSettings {
  const user = authorizeImport(req, source.object);
  const s = parseInput(settingsSchema, body);
  if (s.mode === 'update') authorize(req, source.object, 'edit');
  const spec = IMPORT_SPECS[source.object];
  const { mapping, errors } = resolveMapping(spec, source.headers, parseMappingInput(body.mapping), s.mode);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const ownerId = resolveOwner(req, source.object, 'create', s.ownerId, user.id);
  return { mode: s.mode, mapping, defaultOwner: ownerRef(req, ownerId) };
}

function ownerMap(req: FastifyRequest, object: ImportObject, action: 'create' | 'edit'): Map<string, OwnerRef> {
  return new Map(assignableOwners(req, object, action).map((u) => [u.username.toLowerCase(), { id: u.id, username: u.username, team: u.team }]));
}

function lookups(req: FastifyRequest, object: ImportObject): PlanLookups {
  const user = req.user as SessionUser;
  const { db } = req.server.crm;
  const table = targetTable(db, object);
  const accounts = object === 'contact' ? accountsByName(db) : null;
  return {
    existing: (key) => table.findByKey(key),
    canEdit: (r) => canAccessRecord(user, object, 'edit', { ownerId: r.ownerId, ownerTeam: r.ownerTeam }),
    createOwners: ownerMap(req, object, 'create'),
    editOwners: ownerMap(req, object, 'edit'),
    accountsNamed: (name) => ((accounts?.all(name) ?? []) as { id: number; ownerId: number; ownerTeam: string | null }[])
      .filter((a) => canAccessRecord(user, 'account', 'view', { ownerId: a.ownerId, ownerTeam: a.ownerTeam })),
  };
}

/** The plan of an import (see import-plan.ts) with the database lookups of this request. */
export function buildPlan(req: FastifyRequest, source: ImportSource, settings: ImportSettings): PlanSummary {
  return planImport({
    spec: IMPORT_SPECS[source.object], mode: settings.mode, mapping: settings.mapping, headers: source.headers,
    records: source.records, defaultOwner: settings.defaultOwner,
    validateLeadEmail: !req.server.crm.faults.on('lead-email-unvalidated'), lookups: lookups(req, source.object),
  });
}

/** The validation step: what the import would do, row by row, without writing anything. */
export function previewImport(req: FastifyRequest, source: ImportSource, settings: ImportSettings): PlanSummary {
  authorizeImport(req, source.object);
  return buildPlan(req, source, settings);
}

/** Stores an upload so the wizard can continue with it (mapping, validation, import). */
export function storeUpload(req: FastifyRequest, source: ImportSource): number {
  const user = authorizeImport(req, source.object);
  return insertUpload(req.server.crm.db, {
    object: source.object, fileName: source.fileName, encoding: source.encoding, headers: source.headers,
    dataRows: source.records.length, content: source.content, userId: user.id, at: nowIso(req),
  });
}

/** An import the current user may see (the `import` scope: admin any, sales manager their team). */
export function viewableImport(req: FastifyRequest, id: number): ImportRecord {
  const user = authorize(req, 'import', 'view');
  const row = getImport(req.server.crm.db, id);
  if (!row) notFound('No such import');
  if (!canAccessRecord(user, 'import', 'view', { ownerId: row.userId, ownerTeam: row.userTeam })) deny(req, 'import', 'view', id);
  return row;
}

/** An upload the current user may continue: only the person who uploaded it, and only until it completed. */
export function ownUpload(req: FastifyRequest, id: number): { record: ImportRecord; source: ImportSource } {
  const record = viewableImport(req, id);
  authorizeImport(req, record.object);
  if (record.userId !== req.user?.id) deny(req, 'import', 'create', id);
  const content = uploadedContent(req.server.crm.db, id);
  if (record.status === 'completed' || content === undefined) {
    throw new HttpError(409, { error: 'conflict', message: 'This import has already run. Start a new import to load the file again.' });
  }
  return { record, source: sourceFromText(req, record.object, record.fileName, content, record.encoding) };
}

export function rememberSettings(req: FastifyRequest, id: number, settings: ImportSettings): void {
  saveSettings(req.server.crm.db, id, { mode: settings.mode, mapping: settings.mapping, defaultOwnerId: settings.defaultOwner.id });
}

/** Settings stored by the mapping step, checked again (permissions may have changed since). */
export function storedSettings(req: FastifyRequest, record: ImportRecord): ImportSettings {
  if (!record.mapping) throw new HttpError(409, { error: 'conflict', message: 'Map the columns before importing.' });
  return resolveSettings(req, record, { mode: record.mode, mapping: record.mapping, ownerId: record.defaultOwnerId ?? undefined });
}
