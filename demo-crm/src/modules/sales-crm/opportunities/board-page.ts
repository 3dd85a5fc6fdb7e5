import type { FastifyInstance } from 'fastify';
import { html, money, pageHeader } from '../../../core/html.js';
import { sendPage } from '../../../core/http.js';
import { can } from '../../../core/permissions.js';
import { linkButton } from '../ui.js';
import { slug } from '../vocab.js';
import { stageButtons } from './stage-buttons.js';
import { pipelineBoard } from './pipeline.js';

/**
 * Pipeline board: one region per stage (named by the stage) with its count, total amount and
 * probability, and one card per opportunity with its move buttons.
 */
export function registerBoardPage(app: FastifyInstance): void {
  app.get('/opportunities/board', (req, reply) => {
    const board = pipelineBoard(req);
    const user = req.user!;
    const columns = board.columns.map((c) => {
      const id = slug(c.stage);
      return html`<section class="board-column" id="stage-${id}" aria-labelledby="stage-${id}-title" data-testid="board-column-${id}">
        <h2 id="stage-${id}-title">${c.stage}</h2>
        <p class="muted"><span data-testid="board-count-${id}">${c.count}</span> · <strong data-testid="board-total-${id}">${money(c.total)}</strong> · <span data-testid="board-probability-${id}">${c.probability}%</span></p>
        <ul class="board-list" aria-label="${c.stage} opportunities">${c.items.map((o) => html`<li class="board-card" aria-label="${o.name}">
          <a href="/opportunities/${o.id}"><strong>${o.name}</strong></a>
          <div class="muted">${o.accountName}</div>
          <div>${money(o.amount)} · closes ${o.closeDate}</div>
          <div class="muted">${o.ownerName}</div>
          <div class="card-actions">${stageButtons(req, o, 'board')}</div>
        </li>`)}</ul>
        ${c.count > c.items.length ? html`<p><a href="/opportunities?stage=${encodeURIComponent(c.stage)}">View all ${c.count}</a></p>` : ''}
      </section>`;
    });
    const body = html`${pageHeader('Pipeline board', html`${linkButton('/opportunities', 'List view')}${can(user, 'opportunity', 'create') ? linkButton('/opportunities/new', 'New opportunity', 'primary') : ''}`)}
      <div class="board">${columns}</div>`;
    return sendPage(reply, req, { title: 'Pipeline board', body });
  });
}
