import type { FastifyInstance } from 'fastify';
import { registerWidget } from '../../core/dashboard.js';
import { money } from '../../core/html.js';
import { can } from '../../core/permissions.js';
import { stageTotals } from './opportunities/pipeline.js';
import { isOpenStage, slug } from './vocab.js';

/**
 * Pipeline value by stage: Σ amount of the open opportunities the user may list, per open stage, and
 * their total. Metric ids: pipeline-prospecting, pipeline-qualification, pipeline-proposal,
 * pipeline-negotiation, pipeline-total.
 */
export function registerPipelineWidget(app: FastifyInstance): void {
  registerWidget(app, {
    id: 'pipeline',
    title: 'Pipeline by stage',
    order: 10,
    visible: (user) => can(user, 'opportunity', 'list') && can(user, 'dashboard', 'view'),
    metrics(req, user) {
      const open = stageTotals(req, user).filter((t) => isOpenStage(t.stage));
      const total = open.reduce((sum, t) => sum + t.total, 0);
      const count = open.reduce((sum, t) => sum + t.count, 0);
      return [
        ...open.map((t) => ({
          id: `pipeline-${slug(t.stage)}`,
          label: `${t.stage} (${t.count})`,
          value: money(t.total),
          raw: t.total,
          href: `/opportunities?stage=${encodeURIComponent(t.stage)}`,
        })),
        { id: 'pipeline-total', label: `Open pipeline (${count})`, value: money(total), raw: total, href: '/opportunities/board' },
      ];
    },
  });
}
