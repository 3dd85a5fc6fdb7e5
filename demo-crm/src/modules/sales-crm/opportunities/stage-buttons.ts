import type { FastifyRequest } from 'fastify';
import { actionButton, html, type SafeHtml } from '../../../core/html.js';
import { canAccessRecord } from '../../../core/permissions.js';
import { isOpenStage, nextStage } from '../vocab.js';
import type { OpportunityRow } from './opportunity-store.js';

/** "Move to <next stage>" and "Mark as lost" (with its reason dialog), for users who may edit the record. */
export function stageButtons(req: FastifyRequest, o: OpportunityRow, returnTo: 'board' | 'detail'): SafeHtml {
  const user = req.user;
  if (!user || !isOpenStage(o.stage) || !canAccessRecord(user, 'opportunity', 'edit', o)) return html``;
  const next = nextStage(o.stage);
  return html`${next ? actionButton(req, { action: `/opportunities/${o.id}/stage`, label: `Move to ${next}`, fields: { stage: next, returnTo }, variant: 'primary' }) : ''}
    ${actionButton(req, {
      action: `/opportunities/${o.id}/stage`, label: 'Mark as lost', variant: 'danger', fields: { stage: 'Closed Lost', returnTo },
      dialog: { title: `Mark ${o.name} as lost`, confirmLabel: 'Mark as lost', body: html`<p>A lost opportunity becomes read-only.</p>
        <div class="field"><label for="f-lossReason-${o.id}">Loss reason</label><textarea id="f-lossReason-${o.id}" name="lossReason" rows="3" required maxlength="500"></textarea></div>` },
    })}`;
}

