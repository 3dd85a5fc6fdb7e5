import type { Database } from 'better-sqlite3';
import type { LeadSource, LeadStatus } from '../vocab.js';

/** A lead as the API returns it (camelCase, owner joined). */
export interface LeadRow {
  id: number;
  firstName: string;
  lastName: string;
  name: string;
  company: string;
  email: string;
  phone: string;
  source: LeadSource;
  status: LeadStatus;
  disqualifyReason: string | null;
  ownerId: number;
  ownerName: string;
  ownerTeam: string | null;
  convertedAccountId: number | null;
  convertedContactId: number | null;
  convertedOpportunityId: number | null;
  convertedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const LEAD_SELECT = `l.id AS id, l.first_name AS firstName, l.last_name AS lastName,
  l.first_name || ' ' || l.last_name AS name, l.company AS company, l.email AS email, l.phone AS phone,
  l.source AS source, l.status AS status, l.disqualify_reason AS disqualifyReason,
  l.owner_id AS ownerId, u.display_name AS ownerName, u.team AS ownerTeam,
  l.converted_account_id AS convertedAccountId, l.converted_contact_id AS convertedContactId,
  l.converted_opportunity_id AS convertedOpportunityId, l.converted_at AS convertedAt,
  l.created_at AS createdAt, l.updated_at AS updatedAt`;

export const LEAD_TABLE = 'leads l';
const LEAD_JOINS = 'LEFT JOIN users u ON u.id = l.owner_id';
export const LEAD_FROM = `${LEAD_TABLE} ${LEAD_JOINS}`;
/** LEAD_FROM walking the leads by creation time (a search's head of the list, core/list.ts) */
export const LEAD_FROM_BY_CREATED = `${LEAD_TABLE} INDEXED BY leads_created ${LEAD_JOINS}`;

export function getLead(db: Database, id: number): LeadRow | undefined {
  return db.prepare(`SELECT ${LEAD_SELECT} FROM ${LEAD_FROM} WHERE l.id = ?`).get(id) as LeadRow | undefined;
}

export interface LeadValues {
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  source: LeadSource;
  ownerId: number;
}

export interface DuplicateLead {
  id: number;
  status: LeadStatus;
  ownerName: string;
  createdAt: string;
}

/** Other leads with the same email, compared case-insensitively (the column is COLLATE NOCASE). */
export function findDuplicateLeads(db: Database, email: string, excludeId?: number): DuplicateLead[] {
  return db
    .prepare(
      `SELECT l.id AS id, l.status AS status, u.display_name AS ownerName, l.created_at AS createdAt
       FROM ${LEAD_FROM} WHERE l.email = ? AND l.id != ? ORDER BY l.id LIMIT 20`,
    )
    .all(email, excludeId ?? 0) as DuplicateLead[];
}

export function insertLead(db: Database, v: LeadValues, at: string, status: LeadStatus = 'New'): number {
  const info = db
    .prepare(
      `INSERT INTO leads (first_name, last_name, company, email, phone, source, status, owner_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(v.firstName, v.lastName, v.company, v.email, v.phone, v.source, status, v.ownerId, at, at);
  return Number(info.lastInsertRowid);
}

export function updateLeadValues(db: Database, id: number, v: LeadValues, at: string): void {
  db.prepare(
    `UPDATE leads SET first_name = ?, last_name = ?, company = ?, email = ?, phone = ?, source = ?, owner_id = ?, updated_at = ?
     WHERE id = ?`,
  ).run(v.firstName, v.lastName, v.company, v.email, v.phone, v.source, v.ownerId, at, id);
}

export function setLeadStatus(db: Database, id: number, status: LeadStatus, reason: string | null, at: string): void {
  db.prepare('UPDATE leads SET status = ?, disqualify_reason = ?, updated_at = ? WHERE id = ?').run(status, reason, at, id);
}

/** Fields compared for the audit trail of a lead edit. */
export const LEAD_AUDIT_KEYS = ['firstName', 'lastName', 'company', 'email', 'phone', 'source', 'ownerId'] as const;

export function leadValuesOf(row: LeadRow): LeadValues {
  return {
    firstName: row.firstName, lastName: row.lastName, company: row.company, email: row.email,
    phone: row.phone, source: row.source, ownerId: row.ownerId,
  };
}
