import type { FastifyRequest } from 'fastify';
import type { Database } from 'better-sqlite3';
import { audit, diffChanges } from '../../core/audit.js';
import { nowIso } from '../../core/clock.js';
import { conflict, notFound } from '../../core/http.js';
import { getOpportunity, type OpportunityRow } from './opportunities/opportunity-store.js';
import { isOpenStage } from './vocab.js';

/**
 * The only way to Closed Won: called by the revenue module when a quote is accepted, inside its own
 * transaction (the caller has already authorized the acceptance). The amount becomes the quote total.
 */
export function closeOpportunityWon(req: FastifyRequest, db: Database, opportunityId: number, amountCents: number): OpportunityRow {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new Error(`closeOpportunityWon: invalid amount ${amountCents}`);
  const row = getOpportunity(db, opportunityId);
  if (!row) notFound('No such opportunity');
  if (!isOpenStage(row.stage)) conflict(`This opportunity is already ${row.stage}`, { error: 'read_only' });
  const at = nowIso(req);
  const closeDate = at.slice(0, 10);
  db.prepare(
    `UPDATE opportunities SET stage = 'Closed Won', amount_cents = ?, loss_reason = NULL, close_date = ?, closed_at = ?, updated_at = ?
     WHERE id = ?`,
  ).run(amountCents, closeDate, at, at, opportunityId);
  audit(req, {
    action: 'update', object: 'opportunity', recordId: opportunityId, summary: `stage ${row.stage} → Closed Won (quote accepted)`,
    changes: diffChanges({ stage: row.stage, amount: row.amount, closeDate: row.closeDate }, { stage: 'Closed Won', amount: amountCents, closeDate }),
  });
  return getOpportunity(db, opportunityId) as OpportunityRow;
}
