import type { Migration } from '../../core/module.js';

/**
 * Sales CRM schema. Names are published in demo-crm/docs/sales-crm.md and used by other modules:
 * change them only with a new migration and a note there.
 * Search columns are COLLATE NOCASE so `LIKE 'q%'` (case-insensitive by default) can use their index.
 */
const tables = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  industry TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  billing_city TEXT NOT NULL DEFAULT '',
  billing_country TEXT NOT NULL DEFAULT '',
  owner_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL COLLATE NOCASE,
  last_name TEXT NOT NULL COLLATE NOCASE,
  email TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  phone TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  account_id INTEGER REFERENCES accounts(id),
  owner_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE opportunities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  contact_id INTEGER REFERENCES contacts(id),
  amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
  stage TEXT NOT NULL CHECK (stage IN ('Prospecting','Qualification','Proposal','Negotiation','Closed Won','Closed Lost')),
  loss_reason TEXT,
  close_date TEXT NOT NULL,
  closed_at TEXT,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE leads (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL COLLATE NOCASE,
  last_name TEXT NOT NULL COLLATE NOCASE,
  company TEXT NOT NULL COLLATE NOCASE,
  email TEXT NOT NULL COLLATE NOCASE,
  phone TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('Web','Referral','Event','Partner','Cold call','Import')),
  status TEXT NOT NULL CHECK (status IN ('New','Working','Qualified','Disqualified','Converted')),
  disqualify_reason TEXT,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  converted_account_id INTEGER REFERENCES accounts(id),
  converted_contact_id INTEGER REFERENCES contacts(id),
  converted_opportunity_id INTEGER REFERENCES opportunities(id),
  converted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL COLLATE NOCASE,
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;

/**
 * One index per list sort, filter and prefix-search column. Single-column indexes end in the rowid, so
 * they serve `ORDER BY col, id` (runList's tie-breaker) without a sort; owner/status first where lists
 * scope or filter by them.
 */
const indexes = `
CREATE INDEX leads_created ON leads(created_at);
CREATE INDEX leads_owner_created ON leads(owner_id, created_at);
CREATE INDEX leads_status_created ON leads(status, created_at);
CREATE INDEX leads_status ON leads(status);
CREATE INDEX leads_source ON leads(source);
CREATE INDEX leads_first_name ON leads(first_name);
CREATE INDEX leads_last_name ON leads(last_name);
CREATE INDEX leads_company ON leads(company);
CREATE INDEX leads_email ON leads(email);

CREATE INDEX accounts_name ON accounts(name);
CREATE INDEX accounts_owner_name ON accounts(owner_id, name);
CREATE INDEX accounts_created ON accounts(created_at);
CREATE INDEX accounts_industry ON accounts(industry);
CREATE INDEX accounts_country ON accounts(billing_country);

CREATE INDEX contacts_last_name ON contacts(last_name);
CREATE INDEX contacts_first_name ON contacts(first_name);
CREATE INDEX contacts_email ON contacts(email);
CREATE INDEX contacts_account ON contacts(account_id);
CREATE INDEX contacts_owner ON contacts(owner_id, last_name);
CREATE INDEX contacts_created ON contacts(created_at);

CREATE INDEX opportunities_name ON opportunities(name);
CREATE INDEX opportunities_account ON opportunities(account_id);
CREATE INDEX opportunities_owner_stage ON opportunities(owner_id, stage);
CREATE INDEX opportunities_stage_close ON opportunities(stage, close_date);
CREATE INDEX opportunities_close_date ON opportunities(close_date);
CREATE INDEX opportunities_amount ON opportunities(amount_cents);
CREATE INDEX opportunities_closed_at ON opportunities(closed_at);
CREATE INDEX opportunities_created ON opportunities(created_at);

CREATE INDEX products_name ON products(name);
CREATE INDEX products_active ON products(active, name);
`;

/**
 * A deleted lead's id was handed to the next lead (SQLite reuses the largest rowid once it is free), so
 * the new lead's audit trail began with the deleted one's history. AUTOINCREMENT never reuses an id;
 * the rebuild starts its counter above every lead id the audit log has seen, deleted ones included.
 * Frozen SQL: the table as migration 100 made it, with AUTOINCREMENT.
 */
const leadIdsNeverReused = `
CREATE TABLE leads_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name TEXT NOT NULL COLLATE NOCASE,
  last_name TEXT NOT NULL COLLATE NOCASE,
  company TEXT NOT NULL COLLATE NOCASE,
  email TEXT NOT NULL COLLATE NOCASE,
  phone TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('Web','Referral','Event','Partner','Cold call','Import')),
  status TEXT NOT NULL CHECK (status IN ('New','Working','Qualified','Disqualified','Converted')),
  disqualify_reason TEXT,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  converted_account_id INTEGER REFERENCES accounts(id),
  converted_contact_id INTEGER REFERENCES contacts(id),
  converted_opportunity_id INTEGER REFERENCES opportunities(id),
  converted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO leads_rebuilt SELECT * FROM leads;
DROP TABLE leads;
ALTER TABLE leads_rebuilt RENAME TO leads;
DELETE FROM sqlite_sequence WHERE name IN ('leads', 'leads_rebuilt');
INSERT INTO sqlite_sequence (name, seq) VALUES ('leads', MAX(
  COALESCE((SELECT MAX(id) FROM leads), 0),
  COALESCE((SELECT MAX(CAST(record_id AS INTEGER)) FROM audit_log WHERE object = 'lead'), 0)));
CREATE INDEX leads_created ON leads(created_at);
CREATE INDEX leads_owner_created ON leads(owner_id, created_at);
CREATE INDEX leads_status_created ON leads(status, created_at);
CREATE INDEX leads_status ON leads(status);
CREATE INDEX leads_source ON leads(source);
CREATE INDEX leads_first_name ON leads(first_name);
CREATE INDEX leads_last_name ON leads(last_name);
CREATE INDEX leads_company ON leads(company);
CREATE INDEX leads_email ON leads(email);
`;

export const salesCrmMigrations: Migration[] = [
  { id: '100-sales-crm-tables', sql: tables },
  { id: '101-sales-crm-indexes', sql: indexes },
  { id: '102-lead-ids-never-reused', sql: leadIdsNeverReused },
];
