import type { FastifyRequest } from 'fastify';
import { authorize } from '../../../core/auth.js';
import { scopeSql, type SessionUser } from '../../../core/permissions.js';
import { STAGE_PROBABILITY, STAGES, type Stage } from '../vocab.js';
import { OPPORTUNITY_FROM, OPPORTUNITY_SELECT, type OpportunityRow } from './opportunity-store.js';

export interface StageTotal {
  stage: Stage;
  probability: number;
  count: number;
  /** cents */
  total: number;
}

/** Count and amount per stage over the opportunities the user may list (the board and the dashboard). */
export function stageTotals(req: FastifyRequest, user: SessionUser): StageTotal[] {
  const scope = scopeSql(user, 'opportunity', 'list', { owner: 'o.owner_id' });
  const rows = req.server.crm.db
    .prepare(`SELECT o.stage AS stage, COUNT(*) AS count, COALESCE(SUM(o.amount_cents), 0) AS total
              FROM opportunities o WHERE ${scope.sql} GROUP BY o.stage`)
    .all(...scope.params) as { stage: Stage; count: number; total: number }[];
  return STAGES.map((stage) => {
    const r = rows.find((x) => x.stage === stage);
    return { stage, probability: STAGE_PROBABILITY[stage], count: r?.count ?? 0, total: r?.total ?? 0 };
  });
}

/** Cards per column are capped; the column header still counts and sums every record in the stage. */
export const BOARD_CARD_LIMIT = 50;

export interface BoardColumn extends StageTotal {
  items: OpportunityRow[];
}

export function pipelineBoard(req: FastifyRequest): { columns: BoardColumn[]; cardLimit: number } {
  const user = authorize(req, 'opportunity', 'list');
  const scope = scopeSql(user, 'opportunity', 'list', { owner: 'o.owner_id' });
  const stmt = req.server.crm.db.prepare(
    `SELECT ${OPPORTUNITY_SELECT} FROM ${OPPORTUNITY_FROM} WHERE o.stage = ? AND (${scope.sql})
     ORDER BY o.close_date, o.id LIMIT ${BOARD_CARD_LIMIT}`,
  );
  const columns = stageTotals(req, user).map((t) => ({ ...t, items: stmt.all(t.stage, ...scope.params) as OpportunityRow[] }));
  return { columns, cardLimit: BOARD_CARD_LIMIT };
}
