import type { Database, Statement } from 'better-sqlite3';
import { isLeadReadOnly, type LeadStatus } from '../sales-crm/vocab.js';
import type { ImportObject, RowValues } from './import-objects.js';
import type { ExistingRecord } from './import-plan.js';

/**
 * Reads and writes of the sales tables (schema: demo-crm/docs/sales-crm.md) with statements prepared
 * once per import, so 50,000 rows cost 50,000 executions and no re-parsing of SQL.
 */
export interface TargetTable {
  findByKey(key: string): ExistingRecord[];
  insert(values: RowValues, ownerId: number, accountId: number | null, at: string): number;
  update(id: number, values: RowValues, ownerId: number, accountId: number | null, at: string): void;
}

const MAX_MATCHES = 20;

interface LeadMatch {
  id: number; ownerId: number; ownerTeam: string | null; owner: string; firstName: string; lastName: string;
  company: string; email: string; phone: string; source: string; status: LeadStatus;
}
interface AccountMatch {
  id: number; ownerId: number; ownerTeam: string | null; owner: string; name: string; industry: string; website: string;
  phone: string; billingCity: string; billingCountry: string;
}
interface ContactMatch {
  id: number; ownerId: number; ownerTeam: string | null; owner: string; firstName: string; lastName: string; email: string;
  phone: string; title: string; accountId: number | null; account: string | null;
}

function leads(db: Database): TargetTable {
  const find = db.prepare(`SELECT l.id, l.owner_id AS ownerId, u.team AS ownerTeam, u.username AS owner, l.first_name AS firstName,
    l.last_name AS lastName, l.company, l.email, l.phone, l.source, l.status
    FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.email = ? ORDER BY l.id LIMIT ${MAX_MATCHES}`);
  const insert = db.prepare(`INSERT INTO leads (first_name, last_name, company, email, phone, source, status, owner_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE leads SET first_name = ?, last_name = ?, company = ?, email = ?, phone = ?, source = ?, owner_id = ?,
    updated_at = ? WHERE id = ?`);
  return {
    findByKey: (key) => (find.all(key) as LeadMatch[]).map((r) => ({
      id: r.id, ownerId: r.ownerId, ownerTeam: r.ownerTeam,
      values: { firstName: r.firstName, lastName: r.lastName, company: r.company, email: r.email, phone: r.phone, source: r.source, status: r.status, owner: r.owner },
      ...(isLeadReadOnly(r.status) ? { readOnly: `this lead is ${r.status} and read-only` } : {}),
    })),
    insert: (v, ownerId, _accountId, at) => Number(
      insert.run(v.firstName, v.lastName, v.company, v.email, v.phone, v.source, v.status || 'New', ownerId, at, at).lastInsertRowid,
    ),
    update: (id, v, ownerId, _accountId, at) => {
      update.run(v.firstName, v.lastName, v.company, v.email, v.phone, v.source, ownerId, at, id);
    },
  };
}

function accounts(db: Database): TargetTable {
  const find = db.prepare(`SELECT a.id, a.owner_id AS ownerId, u.team AS ownerTeam, u.username AS owner, a.name, a.industry, a.website,
    a.phone, a.billing_city AS billingCity, a.billing_country AS billingCountry
    FROM accounts a JOIN users u ON u.id = a.owner_id WHERE a.name = ? ORDER BY a.id LIMIT ${MAX_MATCHES}`);
  const insert = db.prepare(`INSERT INTO accounts (name, industry, website, phone, billing_city, billing_country, owner_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE accounts SET name = ?, industry = ?, website = ?, phone = ?, billing_city = ?, billing_country = ?,
    owner_id = ?, updated_at = ? WHERE id = ?`);
  return {
    findByKey: (key) => (find.all(key) as AccountMatch[]).map((r) => ({
      id: r.id, ownerId: r.ownerId, ownerTeam: r.ownerTeam,
      values: { name: r.name, industry: r.industry, website: r.website, phone: r.phone, billingCity: r.billingCity, billingCountry: r.billingCountry, owner: r.owner },
    })),
    insert: (v, ownerId, _accountId, at) => Number(
      insert.run(v.name, v.industry, v.website, v.phone, v.billingCity, v.billingCountry, ownerId, at, at).lastInsertRowid,
    ),
    update: (id, v, ownerId, _accountId, at) => {
      update.run(v.name, v.industry, v.website, v.phone, v.billingCity, v.billingCountry, ownerId, at, id);
    },
  };
}

function contacts(db: Database): TargetTable {
  const find = db.prepare(`SELECT c.id, c.owner_id AS ownerId, u.team AS ownerTeam, u.username AS owner, c.first_name AS firstName,
    c.last_name AS lastName, c.email, c.phone, c.title, c.account_id AS accountId, a.name AS account
    FROM contacts c JOIN users u ON u.id = c.owner_id LEFT JOIN accounts a ON a.id = c.account_id
    WHERE c.email = ? ORDER BY c.id LIMIT ${MAX_MATCHES}`);
  const insert = db.prepare(`INSERT INTO contacts (first_name, last_name, email, phone, title, account_id, owner_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE contacts SET first_name = ?, last_name = ?, email = ?, phone = ?, title = ?, account_id = ?, owner_id = ?,
    updated_at = ? WHERE id = ?`);
  return {
    findByKey: (key) => (find.all(key) as ContactMatch[]).map((r) => ({
      id: r.id, ownerId: r.ownerId, ownerTeam: r.ownerTeam, accountId: r.accountId,
      values: { firstName: r.firstName, lastName: r.lastName, email: r.email, phone: r.phone, title: r.title, account: r.account ?? '', owner: r.owner },
    })),
    insert: (v, ownerId, accountId, at) => Number(
      insert.run(v.firstName, v.lastName, v.email, v.phone, v.title, accountId, ownerId, at, at).lastInsertRowid,
    ),
    update: (id, v, ownerId, accountId, at) => {
      update.run(v.firstName, v.lastName, v.email, v.phone, v.title, accountId, ownerId, at, id);
    },
  };
}

export function targetTable(db: Database, object: ImportObject): TargetTable {
  switch (object) {
    case 'lead': return leads(db);
    case 'account': return accounts(db);
    case 'contact': return contacts(db);
  }
}

/** Accounts with a given name (the column is COLLATE NOCASE) with their ownership facts. */
export function accountsByName(db: Database): Statement {
  return db.prepare(`SELECT a.id, a.owner_id AS ownerId, u.team AS ownerTeam FROM accounts a JOIN users u ON u.id = a.owner_id
    WHERE a.name = ? ORDER BY a.id LIMIT ${MAX_MATCHES}`);
}
