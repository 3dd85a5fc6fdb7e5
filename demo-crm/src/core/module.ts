import type { FastifyInstance } from 'fastify';
import type { Database } from 'better-sqlite3';
import type { CrmConfig } from '../config.js';
import type { Faults } from './faults.js';
import type { PermissionObject } from './permissions.js';

/** One ordered schema step. Ids sort lexically: core 000-099, sales 100-199, service 200-299, data io 300-399. */
export interface Migration {
  id: string;
  sql: string;
}

export interface NavItem {
  label: string;
  href: string;
  /** shown only to roles that may `list` this object */
  object: PermissionObject;
  /** lower first */
  order: number;
}

export interface AppContext {
  db: Database;
  config: CrmConfig;
  faults: Faults;
}

export interface CrmModule {
  name: string;
  migrations: Migration[];
  nav: NavItem[];
  register(app: FastifyInstance, ctx: AppContext): void;
  /** demo data for a fresh database; runs inside one transaction after every module's migrations */
  seed?(ctx: AppContext): void;
}
