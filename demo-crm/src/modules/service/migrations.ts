import type { Migration } from '../../core/module.js';

/**
 * Service desk schema (docs/service.md §6). Timestamps are ISO-8601 UTC from Date#toISOString,
 * all the same length, so text comparison orders them and the derived-status SQL can compare
 * them with "now" directly.
 */
export const serviceMigrations: Migration[] = [
  {
    id: '200-service-tickets',
    sql: `
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE COLLATE NOCASE,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  contact_id INTEGER REFERENCES contacts(id),
  subject TEXT NOT NULL COLLATE NOCASE CHECK (length(subject) BETWEEN 1 AND 200),
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
  priority TEXT NOT NULL CHECK (priority IN ('P1','P2','P3','P4')),
  category TEXT NOT NULL CHECK (category IN ('Billing','Technical','Account','Other')),
  channel TEXT NOT NULL CHECK (channel IN ('portal','phone','email')),
  status TEXT NOT NULL CHECK (status IN ('New','Open','Pending customer','Escalated','Resolved','Closed','Reopened')),
  assignee_id INTEGER REFERENCES users(id),
  resolution_code TEXT CHECK (resolution_code IN ('Fixed','Workaround','Duplicate','No fault found')),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sla_started_at TEXT NOT NULL,
  first_response_due_at TEXT NOT NULL,
  first_responded_at TEXT,
  paused_ms INTEGER NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
  paused_since TEXT,
  resolved_at TEXT,
  auto_close_at TEXT,
  closed_at TEXT,
  close_reason TEXT CHECK (close_reason IN ('confirmed','auto')),
  escalated_at TEXT,
  auto_escalated_at TEXT,
  de_escalated_at TEXT,
  reopened_at TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  rated_at TEXT
) STRICT;
CREATE INDEX tickets_status ON tickets(status);
CREATE INDEX tickets_priority ON tickets(priority, status);
CREATE INDEX tickets_assignee ON tickets(assignee_id, status);
CREATE INDEX tickets_account ON tickets(account_id, created_at);
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_updated ON tickets(updated_at);
CREATE INDEX tickets_subject ON tickets(subject);
CREATE INDEX tickets_first_response_due ON tickets(first_response_due_at) WHERE first_responded_at IS NULL;
CREATE INDEX tickets_auto_close ON tickets(auto_close_at) WHERE status = 'Resolved';

CREATE TABLE ticket_messages (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('public','internal')),
  author_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX ticket_messages_ticket ON ticket_messages(ticket_id, id);

-- One row per ticket and SLA cycle once the support managers were told about an automatic escalation.
CREATE TABLE ticket_escalation_notices (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  cycle INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, cycle)
) STRICT;
`,
  },
];
