import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Faults } from '../src/core/faults.js';
import { migrate, openDatabase } from '../src/db/database.js';
import { modules } from '../src/modules/index.js';

const LEAD = `INSERT INTO leads (first_name, last_name, company, email, source, status, owner_id, created_at, updated_at)
  VALUES ('Mei', 'Chen', 'Acme', 'mei@example.com', 'Web', 'New', 1, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`;

describe('core: migrations', () => {
  test('a database made before lead ids were never reused keeps its leads, and a lead deleted then is not given its id again', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-migrations-'));
    const db = openDatabase(path.join(dir, 'crm.db'), new Faults([]));
    try {
      const all = modules.flatMap((m) => m.migrations);
      migrate(db, all.filter((m) => m.id < '102'));
      db.prepare(`INSERT INTO users (id, username, display_name, email, role, password_hash, created_at)
        VALUES (1, 'rep', 'Rep', 'rep@example.com', 'sales_rep', 'x', '2026-01-01T00:00:00Z')`).run();
      for (let i = 0; i < 3; i++) db.prepare(LEAD).run();
      db.prepare('DELETE FROM leads WHERE id = 3').run();
      db.prepare(`INSERT INTO audit_log (at, actor_name, action, object, record_id) VALUES ('2026-01-03T00:00:00Z', 'rep', 'delete', 'lead', '3')`).run();

      assert.deepEqual(migrate(db, all), all.map((m) => m.id).filter((id) => id >= '102').sort());

      assert.deepEqual(db.prepare('SELECT id, company FROM leads ORDER BY id').all(), [{ id: 1, company: 'Acme' }, { id: 2, company: 'Acme' }]);
      assert.equal(db.prepare(LEAD).run().lastInsertRowid, 4);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
      assert.deepEqual(indexes, ['leads_company', 'leads_created', 'leads_email', 'leads_first_name', 'leads_last_name', 'leads_owner_created', 'leads_source', 'leads_status', 'leads_status_created']);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
