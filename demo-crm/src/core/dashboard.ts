import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionUser } from './permissions.js';

export interface DashboardMetric {
  id: string;
  label: string;
  /** as shown, e.g. "$1,234.56" or "3" */
  value: string;
  /** the number behind it (cents for money) */
  raw: number;
  href?: string;
}

export interface DashboardWidget {
  id: string;
  title: string;
  order: number;
  visible(user: SessionUser): boolean;
  metrics(req: FastifyRequest, user: SessionUser): DashboardMetric[];
}

/** Modules call this from register(app, ctx); widgets belong to that app instance. */
export function registerWidget(app: FastifyInstance, widget: DashboardWidget): void {
  const widgets = app.crm.widgets;
  const i = widgets.findIndex((w) => w.id === widget.id);
  if (i >= 0) widgets.splice(i, 1, widget);
  else widgets.push(widget);
}

export function visibleWidgets(app: FastifyInstance, user: SessionUser): DashboardWidget[] {
  return app.crm.widgets.filter((w) => w.visible(user)).sort((a, b) => a.order - b.order);
}
