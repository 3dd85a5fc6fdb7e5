import type { FastifyRequest } from 'fastify';
import { audit } from '../../core/audit.js';
import { nowIso } from '../../core/clock.js';
import { HttpError } from '../../core/http.js';
import { completeImport, failImport, getImport, insertIssues, saveSettings, type ImportRecord } from './import-records.js';
import { authorizeImport, buildPlan, type ImportSettings, type ImportSource } from './import-service.js';
import type { ImportMode } from './mapping.js';
import { targetTable } from './target-tables.js';
import { crashPoint } from '../../core/crash-point.js';

function summary(record: ImportRecord, c: ImportRecord['counts'], mode: ImportMode): string {
  return `import #${record.id} of ${record.object}s from ${record.fileName} (${record.encoding}, ${mode === 'update' ? 'create and update' : 'create only'}): `
    + `${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.rejected} rejected`;
}

/**
 * Runs an import as ONE transaction: plan, inserts and updates, the rejected/skipped rows, the import's
 * counts and its audit entry commit together or not at all. A failure part-way (a constraint, a full
 * disk) rolls everything back; the run is then recorded as failed, with nothing imported.
 */
export function runImport(req: FastifyRequest, id: number, source: ImportSource, settings: ImportSettings): ImportRecord {
  authorizeImport(req, source.object);
  const { db } = req.server.crm;
  const record = getImport(db, id) as ImportRecord;
  const at = nowIso(req);
  let line = 0;
  // Stored outside the transaction: a failed run keeps its settings, so it can be retried as it was.
  saveSettings(db, id, { mode: settings.mode, mapping: settings.mapping, defaultOwnerId: settings.defaultOwner.id });
  try {
    db.transaction(() => {
      const planned = buildPlan(req, source, settings);
      const table = targetTable(db, source.object);
      for (const row of planned.rows) {
        line = row.line;
        if (row.kind === 'create') table.insert(row.values, row.ownerId, row.accountId, at);
        else if (row.kind === 'update') table.update(row.id, row.values, row.ownerId, row.accountId, at);
      }
      line = 0;
      crashPoint(req, 'import');
      const counts = { created: planned.counts.create, updated: planned.counts.update, skipped: planned.counts.skip, rejected: planned.counts.reject };
      insertIssues(db, id, planned.rows);
      completeImport(db, id, counts, at);
      audit(req, { action: 'import', object: 'import', recordId: id, summary: summary(record, counts, settings.mode) });
    })();
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const cause = e instanceof Error ? e.message : String(e);
    const message = `${line ? `Line ${line}: ` : ''}${cause}. The import was rolled back: nothing was imported.`;
    failImport(db, id, message, nowIso(req));
    audit(req, { action: 'import_failed', object: 'import', recordId: id, summary: `import #${id} of ${source.object}s from ${source.fileName}: ${message}` });
    throw new HttpError(500, { error: 'import_failed', message, importId: id });
  }
  return getImport(db, id) as ImportRecord;
}
