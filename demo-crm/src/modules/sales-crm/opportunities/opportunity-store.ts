import type { Database } from 'better-sqlite3';
import { STAGE_PROBABILITY, type Stage } from '../vocab.js';

export interface OpportunityRow {
  id: number;
  name: string;
  accountId: number;
  accountName: string;
  contactId: number | null;
  contactName: string | null;
  /** integer cents */
  amount: number;
  stage: Stage;
  /** percent, derived from the stage */
  probability: number;
  lossReason: string | null;
  closeDate: string;
  closedAt: string | null;
  ownerId: number;
  ownerName: string;
  ownerTeam: string | null;
  createdAt: string;
  updatedAt: string;
}

const probabilityCase = `CASE o.stage ${Object.entries(STAGE_PROBABILITY)
  .map(([stage, p]) => `WHEN '${stage}' THEN ${p}`)
  .join(' ')} END`;

export const OPPORTUNITY_SELECT = `o.id AS id, o.name AS name, o.account_id AS accountId, a.name AS accountName,
  o.contact_id AS contactId, CASE WHEN c.id IS NULL THEN NULL ELSE c.first_name || ' ' || c.last_name END AS contactName,
  o.amount_cents AS amount, o.stage AS stage, ${probabilityCase} AS probability, o.loss_reason AS lossReason,
  o.close_date AS closeDate, o.closed_at AS closedAt, o.owner_id AS ownerId, u.display_name AS ownerName,
  u.team AS ownerTeam, o.created_at AS createdAt, o.updated_at AS updatedAt`;

export const OPPORTUNITY_FROM = `opportunities o LEFT JOIN users u ON u.id = o.owner_id JOIN accounts a ON a.id = o.account_id
  LEFT JOIN contacts c ON c.id = o.contact_id`;

export function getOpportunity(db: Database, id: number): OpportunityRow | undefined {
  return db.prepare(`SELECT ${OPPORTUNITY_SELECT} FROM ${OPPORTUNITY_FROM} WHERE o.id = ?`).get(id) as OpportunityRow | undefined;
}

export interface OpportunityValues {
  name: string;
  accountId: number;
  contactId: number | null;
  amount: number;
  closeDate: string;
  ownerId: number;
}

export const OPPORTUNITY_AUDIT_KEYS = ['name', 'contactId', 'amount', 'closeDate', 'ownerId'] as const;

export function opportunityValuesOf(row: OpportunityRow): OpportunityValues {
  return {
    name: row.name, accountId: row.accountId, contactId: row.contactId, amount: row.amount,
    closeDate: row.closeDate, ownerId: row.ownerId,
  };
}

export function insertOpportunity(db: Database, v: OpportunityValues, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO opportunities (name, account_id, contact_id, amount_cents, stage, close_date, owner_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'Prospecting', ?, ?, ?, ?)`,
    )
    .run(v.name, v.accountId, v.contactId, v.amount, v.closeDate, v.ownerId, at, at);
  return Number(info.lastInsertRowid);
}

export function updateOpportunityValues(db: Database, id: number, v: OpportunityValues, at: string): void {
  db.prepare(
    `UPDATE opportunities SET name = ?, contact_id = ?, amount_cents = ?, close_date = ?, owner_id = ?, updated_at = ? WHERE id = ?`,
  ).run(v.name, v.contactId, v.amount, v.closeDate, v.ownerId, at, id);
}
