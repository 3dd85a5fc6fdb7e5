import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const crmRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const schema = z.object({
  CRM_PORT: z.coerce.number().int().min(0).max(65535).default(4310),
  CRM_HOST: z.string().default('127.0.0.1'),
  CRM_DB_FILE: z.string().default(path.join(crmRoot, 'data', 'crm.db')),
  CRM_TEST_MODE: z.enum(['0', '1', 'true', 'false']).default('0'),
  CRM_FAULTS: z.string().default(''),
  /** how long a session may lie unused (sliding); the older CRM_SESSION_TTL_MINUTES says the same in minutes */
  CRM_SESSION_IDLE_SECONDS: z.coerce.number().int().min(1).optional(),
  CRM_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).optional(),
  /** how long a session may live from its sign-in, however busy */
  CRM_SESSION_MAX_SECONDS: z.coerce.number().int().min(1).optional(),
  /** serve HTTPS (as --https) */
  CRM_HTTPS: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** a certificate and key (PEM) to serve HTTPS with; without them --https makes a self-signed one */
  CRM_TLS_CERT_FILE: z.string().optional(),
  CRM_TLS_KEY_FILE: z.string().optional(),
  /** where the Backups screen writes backups; beside the database file unless set */
  CRM_BACKUP_DIR: z.string().min(1).optional(),
}).refine((e) => (e.CRM_TLS_CERT_FILE === undefined) === (e.CRM_TLS_KEY_FILE === undefined), {
  error: 'set both CRM_TLS_CERT_FILE and CRM_TLS_KEY_FILE, or neither', path: ['CRM_TLS_CERT_FILE'],
}).refine((e) => e.CRM_SESSION_IDLE_SECONDS === undefined || e.CRM_SESSION_TTL_MINUTES === undefined, {
  error: 'set CRM_SESSION_IDLE_SECONDS or the older CRM_SESSION_TTL_MINUTES, not both', path: ['CRM_SESSION_IDLE_SECONDS'],
}).refine((e) => e.CRM_SESSION_MAX_SECONDS === undefined || idleSeconds(e) <= e.CRM_SESSION_MAX_SECONDS, {
  error: 'the idle limit cannot be longer than CRM_SESSION_MAX_SECONDS', path: ['CRM_SESSION_MAX_SECONDS'],
});

type SessionLimits = { CRM_SESSION_IDLE_SECONDS?: number | undefined; CRM_SESSION_TTL_MINUTES?: number | undefined; CRM_SESSION_MAX_SECONDS?: number | undefined };

/** 8 hours unless set (CRM_SESSION_TTL_MINUTES is the older name, in minutes). */
function idleSeconds(e: SessionLimits): number {
  return e.CRM_SESSION_IDLE_SECONDS ?? (e.CRM_SESSION_TTL_MINUTES ?? 480) * 60;
}

/** 12 hours unless set; never shorter than an idle limit set on its own (an older, longer TTL keeps working). */
function maxSeconds(e: SessionLimits): number {
  return e.CRM_SESSION_MAX_SECONDS ?? Math.max(12 * 60 * 60, idleSeconds(e));
}

export interface CrmConfig {
  port: number;
  host: string;
  dbFile: string;
  /** the folder backups are written to (src/modules/core-admin/backups/) */
  backupDir: string;
  testMode: boolean;
  https: boolean;
  /** PEM files to serve HTTPS with (else a self-signed certificate is made at start) */
  tls?: { certFile: string; keyFile: string };
  faults: string;
  /** a session unused this long is refused (sliding expiry) */
  sessionIdleMs: number;
  /** a session this old is refused, however busy (absolute lifetime) */
  sessionMaxMs: number;
  version: string;
  staticDir: string;
  /** where the seed users' password hashes are kept between fresh databases (src/core/seed-passwords.ts) */
  seedHashFile: string;
}

/** `/x/y/crm.db` → `/x/y/crm-backups`: beside the database, named after it. */
function defaultBackupDir(dbFile: string): string {
  return path.join(path.dirname(dbFile), `${path.basename(dbFile).replace(/\.db$/, '')}-backups`);
}

export const CRM_VERSION = '1.0.0';

/** Reads the CRM's environment; an invalid value stops start-up with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: { https?: boolean; testMode?: boolean } = {}): CrmConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid CRM configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dbFile = path.resolve(e.CRM_DB_FILE);
  return {
    port: e.CRM_PORT,
    host: e.CRM_HOST,
    dbFile,
    backupDir: path.resolve(e.CRM_BACKUP_DIR ?? defaultBackupDir(dbFile)),
    testMode: flags.testMode === true || e.CRM_TEST_MODE === '1' || e.CRM_TEST_MODE === 'true',
    https: flags.https === true || e.CRM_HTTPS === '1' || e.CRM_HTTPS === 'true',
    ...(e.CRM_TLS_CERT_FILE && e.CRM_TLS_KEY_FILE ? { tls: { certFile: path.resolve(e.CRM_TLS_CERT_FILE), keyFile: path.resolve(e.CRM_TLS_KEY_FILE) } } : {}),
    faults: e.CRM_FAULTS,
    sessionIdleMs: idleSeconds(e) * 1000,
    sessionMaxMs: maxSeconds(e) * 1000,
    version: CRM_VERSION,
    staticDir: path.join(crmRoot, 'static'),
    seedHashFile: path.join(crmRoot, '.build', 'seed-password-hashes.json'),
  };
}
