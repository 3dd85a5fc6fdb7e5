import type { Migration } from '../../core/module.js';

/**
 * One row per import run (the wizard's upload creates it), the uploaded text until the run completes,
 * and every row the run did not import (rejected, or skipped as already present) with its reason and
 * its original cells, so the rejected rows can be downloaded, fixed and imported again.
 */
const sql = `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  object TEXT NOT NULL CHECK (object IN ('lead','account','contact')),
  file_name TEXT NOT NULL,
  encoding TEXT NOT NULL,
  header_json TEXT NOT NULL,
  data_rows INTEGER NOT NULL CHECK (data_rows >= 0),
  status TEXT NOT NULL CHECK (status IN ('uploaded','completed','failed')),
  mode TEXT NOT NULL DEFAULT 'create' CHECK (mode IN ('create','update')),
  mapping_json TEXT,
  default_owner_id INTEGER REFERENCES users(id),
  created_count INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;

CREATE TABLE import_files (
  import_id INTEGER PRIMARY KEY REFERENCES imports(id) ON DELETE CASCADE,
  content TEXT NOT NULL
) STRICT;

CREATE TABLE import_issues (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('rejected','skipped')),
  reason TEXT NOT NULL,
  record_id INTEGER,
  cells_json TEXT
) STRICT;

CREATE INDEX imports_created ON imports(created_at);
CREATE INDEX imports_user_created ON imports(user_id, created_at);
CREATE INDEX imports_object_created ON imports(object, created_at);
CREATE INDEX imports_status_created ON imports(status, created_at);
CREATE INDEX import_issues_import ON import_issues(import_id, outcome, line);
`;

export const dataioMigrations: Migration[] = [{ id: '300-dataio-imports', sql }];
