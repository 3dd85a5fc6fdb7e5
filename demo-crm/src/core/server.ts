import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { CrmConfig } from '../config.js';
import { migrate, openDatabase } from '../db/database.js';
import { modules } from '../modules/index.js';
import { buildApp } from './app.js';
import { cleanupSessions } from './auth.js';
import { forgetOldSubmissions } from './submissions.js';
import { Faults } from './faults.js';

/** Creates a self-signed certificate for 127.0.0.1/localhost with the system's openssl. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '7',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' });
  } catch {
    throw new Error('--https needs openssl to generate a self-signed certificate: apt-get install -y openssl');
  }
  const result = { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

function certificateFiles(tls: { certFile: string; keyFile: string }): { key: Buffer; cert: Buffer } {
  try {
    return { key: fs.readFileSync(tls.keyFile), cert: fs.readFileSync(tls.certFile) };
  } catch (error) {
    throw new Error(`Cannot read the TLS certificate or key (CRM_TLS_CERT_FILE, CRM_TLS_KEY_FILE): ${(error as Error).message}`);
  }
}

export interface StartedCrm {
  app: FastifyInstance;
  url: string;
  seeded: boolean;
  close(): Promise<void>;
}

/** Opens (and if new, migrates and seeds) the database, then serves the app. */
export async function startServer(config: CrmConfig, o: { reset?: boolean; beforeListen?: (db: Database) => void } = {}): Promise<StartedCrm> {
  const faults = Faults.parse(config.faults);
  if (o.reset) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(config.dbFile + suffix, { force: true });
  const db = openDatabase(config.dbFile, faults);
  migrate(db, modules.flatMap((m) => m.migrations));
  const ctx = { db, config, faults };
  cleanupSessions(db, faults);
  forgetOldSubmissions(db);
  const isEmpty = (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n === 0;
  if (isEmpty) db.transaction(() => { for (const m of modules) m.seed?.(ctx); })();
  o.beforeListen?.(db);
  // Start-up's writes (migrations, a new database's seed, bulk records) go into the database file now
  // rather than waiting in the write-ahead log for the next automatic checkpoint (at 1,000 pages).
  db.pragma('wal_checkpoint(TRUNCATE)');
  const app = buildApp(ctx, modules, config.https ? { https: config.tls ? certificateFiles(config.tls) : selfSignedCertificate() } : {});
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.https ? 'https' : 'http'}://${config.host}:${port}`;
  return {
    app, url, seeded: isEmpty,
    async close() {
      await app.close();
      db.close();
    },
  };
}
