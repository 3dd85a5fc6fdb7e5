import type { Database } from 'better-sqlite3';

export interface AccountRow {
  id: number;
  name: string;
  industry: string;
  website: string;
  phone: string;
  billingCity: string;
  billingCountry: string;
  ownerId: number;
  ownerName: string;
  ownerTeam: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ACCOUNT_SELECT = `a.id AS id, a.name AS name, a.industry AS industry, a.website AS website, a.phone AS phone,
  a.billing_city AS billingCity, a.billing_country AS billingCountry, a.owner_id AS ownerId,
  u.display_name AS ownerName, u.team AS ownerTeam, a.created_at AS createdAt, a.updated_at AS updatedAt`;

export const ACCOUNT_TABLE = 'accounts a';
export const ACCOUNT_FROM = `${ACCOUNT_TABLE} LEFT JOIN users u ON u.id = a.owner_id`;

export function getAccount(db: Database, id: number): AccountRow | undefined {
  return db.prepare(`SELECT ${ACCOUNT_SELECT} FROM ${ACCOUNT_FROM} WHERE a.id = ?`).get(id) as AccountRow | undefined;
}

export interface AccountValues {
  name: string;
  industry: string;
  website: string;
  phone: string;
  billingCity: string;
  billingCountry: string;
  ownerId: number;
}

export const ACCOUNT_AUDIT_KEYS = ['name', 'industry', 'website', 'phone', 'billingCity', 'billingCountry', 'ownerId'] as const;

export function accountValuesOf(row: AccountRow): AccountValues {
  return {
    name: row.name, industry: row.industry, website: row.website, phone: row.phone,
    billingCity: row.billingCity, billingCountry: row.billingCountry, ownerId: row.ownerId,
  };
}

export function insertAccount(db: Database, v: AccountValues, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO accounts (name, industry, website, phone, billing_city, billing_country, owner_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(v.name, v.industry, v.website, v.phone, v.billingCity, v.billingCountry, v.ownerId, at, at);
  return Number(info.lastInsertRowid);
}

export function updateAccountValues(db: Database, id: number, v: AccountValues, at: string): void {
  db.prepare(
    `UPDATE accounts SET name = ?, industry = ?, website = ?, phone = ?, billing_city = ?, billing_country = ?, owner_id = ?, updated_at = ?
     WHERE id = ?`,
  ).run(v.name, v.industry, v.website, v.phone, v.billingCity, v.billingCountry, v.ownerId, at, id);
}
