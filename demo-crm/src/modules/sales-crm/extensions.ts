import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from 'better-sqlite3';
import type { SafeHtml } from '../../core/html.js';
import type { SessionUser } from '../../core/permissions.js';
import type { AccountRow } from './accounts/account-store.js';
import type { OpportunityRow } from './opportunities/opportunity-store.js';

/**
 * Extension points for modules built on the sales records (docs/sales-crm.md §2): extra tabs on the
 * account and opportunity pages, and the account money fields computed by the revenue module.
 * Registrations belong to one app instance (tests run several apps in one process).
 */
export interface RecordPanel<T> {
  id: string;
  label: string;
  order: number;
  visible(user: SessionUser): boolean;
  render(req: FastifyRequest, record: T): SafeHtml;
}

export interface AccountFinancials {
  lifetimeRevenueCents: number;
  openBalanceCents: number;
}

export type AccountFinancialsFn = (db: Database, accountId: number) => AccountFinancials;

interface Registry {
  accountPanels: RecordPanel<AccountRow>[];
  opportunityPanels: RecordPanel<OpportunityRow>[];
  financials: AccountFinancialsFn | null;
}

const registries = new WeakMap<object, Registry>();

function registryOf(app: FastifyInstance): Registry {
  // app.crm is shared by the root instance and every encapsulated child, unlike `app` itself
  const key = app.crm;
  let r = registries.get(key);
  if (!r) {
    r = { accountPanels: [], opportunityPanels: [], financials: null };
    registries.set(key, r);
  }
  return r;
}

function upsert<T extends { id: string }>(list: T[], item: T): void {
  const i = list.findIndex((p) => p.id === item.id);
  if (i >= 0) list.splice(i, 1, item);
  else list.push(item);
}

export function registerAccountPanel(app: FastifyInstance, panel: RecordPanel<AccountRow>): void {
  upsert(registryOf(app).accountPanels, panel);
}

export function registerOpportunityPanel(app: FastifyInstance, panel: RecordPanel<OpportunityRow>): void {
  upsert(registryOf(app).opportunityPanels, panel);
}

export function registerAccountFinancials(app: FastifyInstance, fn: AccountFinancialsFn): void {
  registryOf(app).financials = fn;
}

export function accountPanels(app: FastifyInstance, user: SessionUser): RecordPanel<AccountRow>[] {
  return registryOf(app).accountPanels.filter((p) => p.visible(user)).sort((a, b) => a.order - b.order);
}

export function opportunityPanels(app: FastifyInstance, user: SessionUser): RecordPanel<OpportunityRow>[] {
  return registryOf(app).opportunityPanels.filter((p) => p.visible(user)).sort((a, b) => a.order - b.order);
}

/** Both 0 until the revenue module registers its function. */
export function accountFinancials(app: FastifyInstance, accountId: number): AccountFinancials {
  const fn = registryOf(app).financials;
  return fn ? fn(app.crm.db, accountId) : { lifetimeRevenueCents: 0, openBalanceCents: 0 };
}
