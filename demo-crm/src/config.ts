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
  CRM_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).default(480),
  /** serve HTTPS (as --https) */
  CRM_HTTPS: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** a certificate and key (PEM) to serve HTTPS with; without them --https makes a self-signed one */
  CRM_TLS_CERT_FILE: z.string().optional(),
  CRM_TLS_KEY_FILE: z.string().optional(),
}).refine((e) => (e.CRM_TLS_CERT_FILE === undefined) === (e.CRM_TLS_KEY_FILE === undefined), {
  error: 'set both CRM_TLS_CERT_FILE and CRM_TLS_KEY_FILE, or neither', path: ['CRM_TLS_CERT_FILE'],
});

export interface CrmConfig {
  port: number;
  host: string;
  dbFile: string;
  testMode: boolean;
  https: boolean;
  /** PEM files to serve HTTPS with (else a self-signed certificate is made at start) */
  tls?: { certFile: string; keyFile: string };
  faults: string;
  sessionTtlMs: number;
  version: string;
  staticDir: string;
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
  return {
    port: e.CRM_PORT,
    host: e.CRM_HOST,
    dbFile: path.resolve(e.CRM_DB_FILE),
    testMode: flags.testMode === true || e.CRM_TEST_MODE === '1' || e.CRM_TEST_MODE === 'true',
    https: flags.https === true || e.CRM_HTTPS === '1' || e.CRM_HTTPS === 'true',
    ...(e.CRM_TLS_CERT_FILE && e.CRM_TLS_KEY_FILE ? { tls: { certFile: path.resolve(e.CRM_TLS_CERT_FILE), keyFile: path.resolve(e.CRM_TLS_KEY_FILE) } } : {}),
    faults: e.CRM_FAULTS,
    sessionTtlMs: e.CRM_SESSION_TTL_MINUTES * 60_000,
    version: CRM_VERSION,
    staticDir: path.join(crmRoot, 'static'),
  };
}
