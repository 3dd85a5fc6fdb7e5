import type { Database } from 'better-sqlite3';

export interface ContactRow {
  id: number;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  phone: string;
  title: string;
  accountId: number | null;
  accountName: string | null;
  ownerId: number;
  ownerName: string;
  ownerTeam: string | null;
  createdAt: string;
  updatedAt: string;
}

export const CONTACT_SELECT = `c.id AS id, c.first_name AS firstName, c.last_name AS lastName,
  c.first_name || ' ' || c.last_name AS name, c.email AS email, c.phone AS phone, c.title AS title,
  c.account_id AS accountId, a.name AS accountName, c.owner_id AS ownerId, u.display_name AS ownerName,
  u.team AS ownerTeam, c.created_at AS createdAt, c.updated_at AS updatedAt`;

export const CONTACT_TABLE = 'contacts c';
export const CONTACT_FROM = `${CONTACT_TABLE} LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN accounts a ON a.id = c.account_id`;

export function getContact(db: Database, id: number): ContactRow | undefined {
  return db.prepare(`SELECT ${CONTACT_SELECT} FROM ${CONTACT_FROM} WHERE c.id = ?`).get(id) as ContactRow | undefined;
}

export interface ContactValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  accountId: number | null;
  ownerId: number;
}

export const CONTACT_AUDIT_KEYS = ['firstName', 'lastName', 'email', 'phone', 'title', 'accountId', 'ownerId'] as const;

export function contactValuesOf(row: ContactRow): ContactValues {
  return {
    firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone, title: row.title,
    accountId: row.accountId, ownerId: row.ownerId,
  };
}

export function insertContact(db: Database, v: ContactValues, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO contacts (first_name, last_name, email, phone, title, account_id, owner_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(v.firstName, v.lastName, v.email, v.phone, v.title, v.accountId, v.ownerId, at, at);
  return Number(info.lastInsertRowid);
}

export function updateContactValues(db: Database, id: number, v: ContactValues, at: string): void {
  db.prepare(
    `UPDATE contacts SET first_name = ?, last_name = ?, email = ?, phone = ?, title = ?, account_id = ?, owner_id = ?, updated_at = ?
     WHERE id = ?`,
  ).run(v.firstName, v.lastName, v.email, v.phone, v.title, v.accountId, v.ownerId, at, id);
}
