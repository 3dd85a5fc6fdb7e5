/** Dashboard numbers of the service desk (docs/service.md §8), scoped to the reader's reach. */
import type { FastifyInstance } from 'fastify';
import { registerWidget, type DashboardMetric } from '../../core/dashboard.js';
import { recordDueEscalationNotices } from './escalation-notices.js';
import { canSeeSlaBoard, ticketReach } from './ticket-access.js';
import { serviceTotals } from './ticket-queries.js';
import { PRIORITIES } from './vocab.js';

export function registerServiceWidget(app: FastifyInstance): void {
  registerWidget(app, {
    id: 'service',
    title: 'Service desk',
    order: 40,
    visible: (user) => user.role !== 'customer' && ticketReach(user, 'list') !== 'none',
    metrics(req, user): DashboardMetric[] {
      recordDueEscalationNotices(req);
      const t = serviceTotals(req, user, ticketReach(user, 'list'));
      const avg = t.averageSatisfaction;
      return [
        ...PRIORITIES.map((p) => ({
          id: `tickets-open-${p.toLowerCase()}`, label: `Open ${p} tickets`, value: String(t.openByPriority[p]), raw: t.openByPriority[p],
          href: `/tickets?priority=${p}&status=unresolved`,
        })),
        { id: 'sla-breaches', label: 'Open tickets in SLA breach', value: String(t.breaches), raw: t.breaches, ...(canSeeSlaBoard(user) ? { href: '/service/sla' } : {}) },
        {
          id: 'avg-satisfaction', label: `Average satisfaction (${t.rated} rated)`,
          value: avg === null ? '—' : `${(Math.round(avg * 10) / 10).toFixed(1)} / 5`, raw: avg === null ? 0 : Math.round(avg * 100) / 100,
        },
        { id: 'tickets-closed', label: 'Closed tickets', value: String(t.closed), raw: t.closed, href: '/tickets?status=Closed' },
      ];
    },
  });
}
