import type { FastifyInstance } from 'fastify';
import { html } from '../../core/html.js';
import type { CrmModule } from '../../core/module.js';
import { registerAccountPanel } from '../sales-crm/extensions.js';
import { registerTicketApi } from './api-routes.js';
import { recordDueEscalationNotices } from './escalation-notices.js';
import { serviceMigrations } from './migrations.js';
import { accountTicketsPanel } from './pages/account-tickets-panel.js';
import { registerPortalApi } from './portal-api-routes.js';
import { registerPortalPages } from './portal-ui-routes.js';
import { seedPortalUsers } from './seed.js';
import { ticketReach } from './ticket-access.js';
import { registerTicketPages } from './ui-routes.js';
import { registerServiceWidget } from './widgets.js';

export { seedTicketVolume } from './seed-volume.js';

/**
 * A support manager learns about automatic P1 escalations from their notifications: make sure
 * those are materialized as of their clock before any page (the header shows the unread count)
 * or the notifications API answers.
 */
function notifyManagersOnTheirReads(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    if (req.method === 'GET' && req.user?.role === 'support_manager' && !req.url.startsWith('/static/')) {
      recordDueEscalationNotices(req);
    }
  });
}

/** Service desk and customer portal (docs/service.md). */
export const serviceModule: CrmModule = {
  name: 'service',
  migrations: serviceMigrations,
  nav: [{ label: 'Tickets', href: '/tickets', object: 'ticket', order: 60 }],
  register(app) {
    notifyManagersOnTheirReads(app);
    registerTicketApi(app);
    registerPortalApi(app);
    registerTicketPages(app);
    registerPortalPages(app);
    registerServiceWidget(app);
    registerAccountPanel(app, {
      id: 'tickets', label: 'Tickets', order: 30,
      visible: (user) => user.role !== 'customer' && ticketReach(user, 'list') !== 'none',
      render: (req, account) => (req.user ? accountTicketsPanel(req, req.user, account.id) : html``),
    });
  },
  seed(ctx) {
    seedPortalUsers(ctx);
  },
};
