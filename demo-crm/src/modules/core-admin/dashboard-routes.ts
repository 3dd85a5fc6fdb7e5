import type { FastifyInstance } from 'fastify';
import { authorize, requireUser } from '../../core/auth.js';
import { visibleWidgets } from '../../core/dashboard.js';
import { card, html, dateTime, pageHeader } from '../../core/html.js';
import { notFound, sendPage } from '../../core/http.js';

export function registerDashboardRoutes(app: FastifyInstance): void {
  app.get('/', (req, reply) => {
    const user = requireUser(req);
    const widgets = visibleWidgets(app, user).map((w) => ({ w, metrics: w.metrics(req, user) }));
    const body = html`${pageHeader('Dashboard', undefined, html`Welcome, ${user.displayName}`)}
      <div class="widgets">${widgets.map(({ w, metrics }) =>
        card(w.title, html`<dl class="metrics">${metrics.map((m) => html`<div class="metric"><dt>${m.label}</dt><dd data-testid="metric-${m.id}">${m.href ? html`<a href="${m.href}">${m.value}</a>` : m.value}</dd></div>`)}</dl>`, `widget-${w.id}`),
      )}</div>
      ${widgets.length === 0 ? html`<p class="muted">Nothing to show for your role yet.</p>` : ''}`;
    return sendPage(reply, req, { title: 'Dashboard', body });
  });

  app.get('/api/dashboard', (req) => {
    const user = authorize(req, 'dashboard', 'view');
    return {
      widgets: visibleWidgets(app, user).map((w) => ({ id: w.id, title: w.title, metrics: w.metrics(req, user) })),
    };
  });

  app.get('/notifications', (req, reply) => {
    const user = requireUser(req);
    const rows = req.server.crm.db
      .prepare('SELECT id, message, link, created_at, read_at FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 100')
      .all(user.id) as { id: number; message: string; link: string | null; created_at: string; read_at: string | null }[];
    req.server.crm.db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(new Date().toISOString(), user.id);
    const body = html`${pageHeader('Notifications')}
      <ul class="notifications" aria-label="Notifications">${rows.map(
        (n) => html`<li class="${n.read_at ? 'read' : 'unread'}">${n.link ? html`<a href="${n.link}">${n.message}</a>` : n.message} <span class="muted">${dateTime(n.created_at)}</span></li>`,
      )}</ul>${rows.length === 0 ? html`<p class="muted">No notifications.</p>` : ''}`;
    return sendPage(reply, req, { title: 'Notifications', body });
  });

  app.get('/api/notifications', (req) => {
    const user = requireUser(req);
    const items = req.server.crm.db
      .prepare('SELECT id, message, link, created_at AS createdAt, read_at AS readAt FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 200')
      .all(user.id);
    return { items };
  });

  app.post('/api/notifications/:id/read', (req) => {
    const user = requireUser(req);
    const id = Number((req.params as { id: string }).id);
    const info = req.server.crm.db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ?').run(new Date().toISOString(), id, user.id);
    if (info.changes === 0) notFound('No such notification');
    return { ok: true };
  });
}
