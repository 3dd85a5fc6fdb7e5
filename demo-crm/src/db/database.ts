import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Faults } from '../core/faults.js';
import type { Migration } from '../core/module.js';
import { prepareDatabaseFile } from '../core/private-files.js';

/** Opens (creating it, its folder included, when new) the CRM's database, its files its owner's alone. */
export function openDatabase(file: string, faults: Faults): Database {
  prepareDatabaseFile(file, faults);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // FULL keeps a committed transaction durable across a crash or power cut, not only a process exit.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the ids applied. */
export function migrate(db: Database, migrations: readonly Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
  const done = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const ids = migrations.map((m) => m.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`Duplicate migration id ${dup}`);
  const applied: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    })();
    applied.push(m.id);
  }
  return applied;
}
