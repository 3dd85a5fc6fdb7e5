import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { env } from '../../../fixtures/env.js';
import { paths } from '../../../fixtures/paths.js';
import { processRunning } from '../../../fixtures/processes.js';
import { pollBackend } from '../../../fixtures/wait.js';

/**
 * The first port of `from`..`to` nothing listens on and no other live process has claimed. The claim
 * (.flows/ports/<port>.pid) closes the gap between probing a port and a CRM binding it, in which two
 * workers (or two runs) would otherwise pick the same port; a claim of a dead process is void.
 */
export async function freePort(from: number, to: number): Promise<number> {
  const dir = path.join(paths.workDir, 'ports');
  mkdirSync(dir, { recursive: true });
  for (let port = from; port <= to; port += 1) {
    if (!claim(path.join(dir, `${port}.pid`))) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false)).once('listening', () => probe.close(() => resolve(true)));
      probe.listen(port, '127.0.0.1');
    });
    if (free) return port;
    releasePort(port);
  }
  throw new Error(`no free port in ${from}-${to}`);
}

function claim(file: string): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      const holder = Number(readFileSafe(file));
      if (holder && holder !== process.pid && processRunning(holder)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Gives a claimed port back (a CRM of a test is disposed). */
export function releasePort(port: number): void {
  const file = path.join(paths.workDir, 'ports', `${port}.pid`);
  if (Number(readFileSafe(file)) === process.pid) rmSync(file, { force: true });
}

function tlsEnv(tls: { certFile: string; keyFile: string } | undefined): Record<string, string> {
  return tls ? { CRM_HTTPS: '1', CRM_TLS_CERT_FILE: tls.certFile, CRM_TLS_KEY_FILE: tls.keyFile } : {};
}

/** What the bulk data adds besides N leads and N accounts (all of it unless a test needs less). */
export const VOLUME_EXTRAS = ['contacts', 'opportunities', 'tickets'] as const;
export interface VolumeSeed {
  records: number;
  with?: readonly (typeof VOLUME_EXTRAS)[number][];
}

/**
 * A CRM process of the test's own, on its own port and database file (under .flows/), for tests
 * that kill the CRM: the shared CRM of the run is never touched. Test mode as the bundled server.
 */
export class OwnCrm {
  readonly baseUrl: string;
  readonly dbFile: string;
  /** where the CRM writes the backups of this database (its CRM_BACKUP_DIR default) */
  readonly backupDir: string;
  private process: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly port: number,
    name: string,
    /** `env`: more CRM settings (e.g. session limits); `tls`: serve HTTPS with this certificate */
    private readonly o: { env?: Record<string, string>; tls?: { certFile: string; keyFile: string } } = {},
  ) {
    this.baseUrl = `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    this.dbFile = path.join(paths.workDir, `${name}-${port}.db`);
    this.backupDir = path.join(paths.workDir, `${name}-${port}-backups`);
  }

  /**
   * Starts the CRM (`fresh`: a new, seeded database) and waits until it answers its health check.
   * It carries the run's defect switches (CRM_FAULTS), as the run's shared CRM does. `restoreFrom`: the
   * operator's restore — the database is replaced by that backup before the CRM starts.
   */
  async start(o: { fresh: boolean; volume?: VolumeSeed; readyWithinMs?: number; restoreFrom?: string }): Promise<void> {
    this.output = '';
    // the bulk records of `npm run crm:seed -- --volume N` (docs/sales-crm.md §14), added before the CRM listens
    const volume = o.fresh && o.volume ? ['--volume', String(o.volume.records), '--with', (o.volume.with ?? VOLUME_EXTRAS).join(',')] : [];
    const args = ['demo-crm/start.js', ...(o.fresh ? ['--reset'] : []), ...volume, ...(o.restoreFrom ? ['--restore', o.restoreFrom] : [])];
    const child = spawn(process.execPath, args, { cwd: paths.root, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.process = child;
    // Node does not trust the certificate of a CRM over HTTPS: its start-up line says it listens
    if (this.o.tls) return this.printed(/listening on https:\/\//, 60_000);
    await pollBackend(() => this.answersWithin(2_000), { timeout: o.readyWithinMs ?? 60_000, message: `the own CRM on port ${this.port} answers its health check (output: ${this.output.slice(-500)})` }).toBe(true);
  }

  private env(): Record<string, string> {
    return { CRM_PORT: String(this.port), CRM_HOST: '127.0.0.1', CRM_DB_FILE: this.dbFile, CRM_TEST_MODE: '1', CRM_FAULTS: env.crmFaults, ...this.o.env, ...tlsEnv(this.o.tls) };
  }

  /** Runs the restore of `file` into this CRM's database and stops (`--restore --exit`), as an operator would with the CRM stopped. */
  tryRestore(file: string): { exitCode: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, ['demo-crm/start.js', '--restore', file, '--exit'], { cwd: paths.root, env: this.env(), encoding: 'utf8', timeout: 60_000 });
    return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** Whether the CRM answers its health check within `ms`: an import blocks the server for its duration. */
  async answersWithin(ms: number): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(ms) });
      return response.ok;
    } catch {
      return false;
    }
  }

  /** What the CRM has printed since it was last started. */
  get printedSoFar(): string {
    return this.output;
  }

  /** Resolves when the CRM has printed a line matching `pattern` since it was last started. */
  async printed(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    await pollBackend(() => pattern.test(this.output), { timeout: timeoutMs, intervals: [50], message: `the own CRM on port ${this.port} prints ${pattern} (output: ${this.output.slice(-500)})` }).toBe(true);
  }

  /** Signs in over HTTP (never through a traced page) and returns the session cookie; `portal` for customers. */
  async signIn(user: { username: string; password: string }, o: { portal?: boolean } = {}): Promise<{ name: string; value: string }> {
    const answer = await fetch(`${this.baseUrl}${o.portal ? '/portal/login' : '/login'}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: user.username, password: user.password }) });
    const cookie = answer.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('crm_sid='));
    if (!cookie) throw new Error(`sign-in as ${user.username} on ${this.baseUrl} answered ${answer.status} without a session`);
    return { name: 'crm_sid', value: cookie.slice('crm_sid='.length) };
  }

  /** The CRM's process id while it runs (its memory is read from the operating system). */
  get pid(): number | undefined {
    return this.running ? this.process?.pid : undefined;
  }

  /** Whether the process this object started is alive (it may be held at a crash point). */
  get running(): boolean {
    const child = this.process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Kills the process with SIGKILL (no shutdown hook runs, as in a power cut) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.process = undefined;
  }

  /** Stops the CRM and removes its database files. */
  async dispose(): Promise<void> {
    await this.kill();
    releasePort(this.port);
    await Promise.all([...['', '-wal', '-shm'].map((s) => rm(`${this.dbFile}${s}`, { force: true })), rm(this.backupDir, { recursive: true, force: true })]);
  }
}
