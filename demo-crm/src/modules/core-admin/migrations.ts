import type { Migration } from '../../core/module.js';

export const coreMigrations: Migration[] = [
  {
    id: '000-core',
    sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','sales_rep','sales_manager','finance','support_agent','support_manager','auditor','customer')),
  team TEXT CHECK (team IN ('sales','support')),
  manager_id INTEGER REFERENCES users(id),
  account_id INTEGER,
  contact_id INTEGER,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX users_role ON users(role);
CREATE INDEX users_team ON users(team);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  username TEXT PRIMARY KEY,
  failed_count INTEGER NOT NULL,
  locked_until INTEGER,
  last_failed_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  record_id TEXT,
  summary TEXT,
  changes_json TEXT,
  ip TEXT
) STRICT;
CREATE INDEX audit_object_record ON audit_log(object, record_id);
CREATE INDEX audit_actor ON audit_log(actor_name);
CREATE INDEX audit_action ON audit_log(action);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  message TEXT NOT NULL,
  link TEXT,
  created_at TEXT NOT NULL,
  read_at TEXT
) STRICT;
CREATE INDEX notifications_user ON notifications(user_id, read_at);
`,
  },
  {
    // once-only forms (core/submissions.ts): a token per rendered key form, recorded by the write it made
    id: '001-form-submissions',
    sql: `
CREATE TABLE form_submissions (
  token TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  location TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX form_submissions_created ON form_submissions(created_at);
`,
  },
  {
    // the role a session was signed in with, for the record of that sign-in: access follows the user's current role
    id: '002-session-role',
    sql: 'ALTER TABLE sessions ADD COLUMN role TEXT;',
  },
];
