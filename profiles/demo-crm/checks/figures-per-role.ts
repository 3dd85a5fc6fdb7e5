import { z } from 'zod';
import type { Actor } from '../actor.js';
import { approvalSchema, invoiceSchema, orderSchema, paymentSchema, quoteSummarySchema } from '../api/revenue.js';
import { opportunitySchema } from '../api/sales-crm.js';
import { ticketSummarySchema } from '../api/service.js';
import {
  approvalsWidget, financeWidget, pipelineBoard, pipelineWidget, salesResultsWidget, serviceWidget, slaBoard, type Figures,
} from '../domain/figures-from-records.js';
import { DashboardPage } from '../pages/dashboard-page.js';
import { ListScreen } from '../pages/list-screen.js';
import { PipelineBoardPage } from '../pages/opportunities/pipeline-board-page.js';
import { SlaBoardPage } from '../pages/service/sla-board-page.js';
import { EXPECTED_MATRIX } from '../permissions/matrix.js';
import { expectedOf, MATRIX_ROLES, type Action, type MatrixRole, type PermObject } from '../permissions/model.js';
import { isPortalRole, ROLES, type RoleKey } from '../roles.js';

/**
 * One role's figures, as its screens show them and as computed from the records the same role lists
 * through the API with its own session. Which widgets, boards and lists a role has comes from the
 * permission matrix (the documented rights), so a figure missing from a screen, or shown to a role that
 * must not see it, is a difference too.
 */
export interface FigureRow {
  role: RoleKey;
  screen: string;
  figure: string;
  shown: string;
  computed: string;
}

interface ListSpec {
  object: PermObject;
  label: string;
  path: string;
  api: string;
  params?: Record<string, string>;
  /** the records the list's default view shows (the approvals inbox opens on Pending) */
  inDefaultView?: (record: { status?: unknown }) => boolean;
}

const LISTS: readonly ListSpec[] = [
  { object: 'lead', label: 'Leads', path: '/leads', api: 'leads' },
  { object: 'account', label: 'Accounts', path: '/accounts', api: 'accounts' },
  { object: 'contact', label: 'Contacts', path: '/contacts', api: 'contacts' },
  { object: 'opportunity', label: 'Opportunities', path: '/opportunities', api: 'opportunities' },
  { object: 'quote', label: 'Quotes', path: '/quotes', api: 'quotes' },
  { object: 'approval', label: 'Approval requests', path: '/approvals', api: 'approvals', params: { status: 'all' }, inDefaultView: (r) => r.status === 'Pending' },
  { object: 'order', label: 'Orders', path: '/orders', api: 'orders' },
  { object: 'invoice', label: 'Invoices', path: '/invoices', api: 'invoices' },
  { object: 'payment', label: 'Payments', path: '/payments', api: 'payments' },
  { object: 'ticket', label: 'Tickets', path: '/tickets', api: 'tickets' },
  { object: 'product', label: 'Products', path: '/products', api: 'products' },
  { object: 'user', label: 'Users', path: '/admin/users', api: 'users' },
  { object: 'auditLog', label: 'Audit log', path: '/audit', api: 'audit' },
  { object: 'import', label: 'Imports', path: '/imports', api: 'imports' },
];
/** The customer's ticket list is the portal's. */
const PORTAL_TICKETS: ListSpec = { object: 'ticket', label: 'Support tickets', path: '/portal', api: 'portal/tickets' };

/** A second customer or rep has the rights of the first: the matrix names one role per title. */
function matrixRoleOf(role: RoleKey): MatrixRole {
  if ((MATRIX_ROLES as readonly string[]).includes(role)) return role as MatrixRole;
  const title = ROLES.find((r) => r.key === role)?.title;
  const twin = MATRIX_ROLES.find((m) => ROLES.find((r) => r.key === m)?.title === title);
  if (!twin) throw new Error(`role ${role} has no row in the permission matrix`);
  return twin;
}

function rightsOf(role: RoleKey) {
  const m = matrixRoleOf(role);
  const scope = (object: PermObject, action: Action = 'list') => expectedOf(EXPECTED_MATRIX, m, object, action);
  const may = (object: PermObject, action: Action = 'list') => !['none', 'n/a'].includes(scope(object, action));
  return { scope, may };
}

const withPrefix = (screen: string, figures: Figures): [string, string][] => [...figures].map(([id, v]) => [`${screen}\u0000${id}`, v]);

/** What the role's screens must show, from its own API records. */
async function computedFigures(actor: Actor, role: RoleKey, lists: readonly ListSpec[]): Promise<Map<string, string>> {
  const { may, scope } = rightsOf(role);
  const records = new Map<PermObject, unknown[]>();
  for (const l of lists) records.set(l.object, await actor.api.listAll(l.api, l.params ?? {}));
  const of = <T>(object: PermObject, schema: z.ZodType<T>): T[] => z.array(schema).parse(records.get(object) ?? []);
  const now = new Date();
  const computed = new Map<string, string>();
  for (const l of lists) {
    const shownRecords = (records.get(l.object) as { id: number; status?: unknown }[]).filter(l.inDefaultView ?? (() => true));
    computed.set(`list\u0000${l.label}`, String(new Set(shownRecords.map((r) => r.id)).size));
  }
  if (isPortalRole(role)) return computed;
  const dashboard: Figures[] = [];
  if (may('opportunity')) {
    const opportunities = of('opportunity', opportunitySchema);
    dashboard.push(pipelineWidget(opportunities), salesResultsWidget(opportunities, may('quote') ? of('quote', quoteSummarySchema) : undefined, now));
    for (const e of withPrefix('pipeline board', pipelineBoard(opportunities))) computed.set(...e);
  }
  if (may('approval', 'approve')) dashboard.push(approvalsWidget(of('approval', approvalSchema)));
  if (may('invoice')) dashboard.push(financeWidget(of('invoice', invoiceSchema), of('payment', paymentSchema), of('order', orderSchema), now));
  if (may('ticket')) {
    const tickets = of('ticket', ticketSummarySchema);
    dashboard.push(serviceWidget(tickets));
    if (['any', 'team'].includes(scope('ticket'))) for (const e of withPrefix('SLA board', slaBoard(tickets))) computed.set(...e);
  }
  for (const figures of dashboard) for (const e of withPrefix('dashboard', figures)) computed.set(...e);
  return computed;
}

/** What the role's screens show: the dashboard's metrics (and the counts in their labels), the boards, each list's total. */
async function shownFigures(actor: Actor, role: RoleKey, lists: readonly ListSpec[]): Promise<Map<string, string>> {
  const { may, scope } = rightsOf(role);
  const shown = new Map<string, string>();
  if (!isPortalRole(role)) {
    const dashboard = actor.at(DashboardPage);
    await dashboard.open();
    for (const m of await dashboard.readings()) {
      shown.set(`dashboard\u0000${m.id}`, m.value);
      const count = /\((\d+)(?: rated)?\)$/.exec(m.label)?.[1];
      if (count !== undefined) shown.set(`dashboard\u0000${m.id} (count)`, count);
    }
    if (may('opportunity')) {
      const board = actor.at(PipelineBoardPage);
      await board.open();
      for (const e of withPrefix('pipeline board', await board.figures())) shown.set(...e);
    }
    if (may('ticket') && ['any', 'team'].includes(scope('ticket'))) {
      const board = actor.at(SlaBoardPage);
      await board.openByAddress();
      for (const e of withPrefix('SLA board', await board.summary())) shown.set(...e);
    }
  }
  const screen = actor.at(ListScreen);
  for (const l of lists) shown.set(`list\u0000${l.label}`, String(await screen.totalAt(l.path, l.label)));
  return shown;
}

/** Every figure of one role, shown beside computed (missing on either side: "—"). */
export async function figureRowsOf(actor: Actor, role: RoleKey): Promise<FigureRow[]> {
  const { may } = rightsOf(role);
  const lists = LISTS.filter((l) => may(l.object)).map((l) => (l.object === 'ticket' && isPortalRole(role) ? PORTAL_TICKETS : l));
  const shown = await actor.step(`reads every figure of the dashboard, the boards and ${lists.length} lists`, () => shownFigures(actor, role, lists));
  const computed = await computedFigures(actor, role, lists);
  const keys = [...new Set([...shown.keys(), ...computed.keys()])];
  return keys.map((key) => {
    const [screen = '', figure = ''] = key.split('\u0000');
    return { role, screen, figure, shown: shown.get(key) ?? '—', computed: computed.get(key) ?? '—' };
  });
}

export const differs = (r: FigureRow): boolean => r.shown !== r.computed;

/** The table attached to the test: one row per role and figure. */
export function figuresTable(rows: readonly FigureRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| role | screen | figure | shown | computed from the role\'s API records | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.role} | ${r.screen} | ${cell(r.figure)} | ${cell(r.shown)} | ${cell(r.computed)} | ${differs(r) ? '✗' : '✓'} |`),
  ].join('\n');
}
