import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import { childProcessEnv } from '../fixtures/env.js';
import { paths } from '../fixtures/paths.js';

/** The bundled CRM as a child process of a measurement script (bench volume runs, load runs). */
export interface CrmProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

export function removeDb(dbFile: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
}

export function crmEnv(port: number, dbFile: string, faults = ''): NodeJS.ProcessEnv {
  return childProcessEnv({ CRM_PORT: String(port), CRM_HOST: '127.0.0.1', CRM_DB_FILE: dbFile, CRM_TEST_MODE: '1', CRM_FAULTS: faults });
}

/** Resolves once `line` matches, or rejects when the process ends first or `timeoutMs` passes. */
async function waitForLine(child: ChildProcess, match: RegExp, timeoutMs: number, what: string): Promise<void> {
  const lines = readline.createInterface({ input: child.stdout! });
  const seen: string[] = [];
  const found = (async () => {
    for await (const line of lines) {
      seen.push(line);
      if (match.test(line)) return;
    }
    throw new Error(`${what} ended before it was ready:\n${seen.slice(-10).join('\n')}`);
  })();
  const timedOut = once(AbortSignal.timeout(timeoutMs), 'abort').then(() => {
    throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
  });
  await Promise.race([found, timedOut]);
  lines.on('line', () => undefined); // keep draining its output
}

/**
 * Starts `node demo-crm/start.js [--reset]` on 127.0.0.1:`port` with `dbFile` and
 * resolves when it listens. `reset: false` keeps a database seeded beforehand (crm:seed --volume).
 */
export async function startCrm(options: { port: number; dbFile: string; reset: boolean; faults?: string }): Promise<CrmProcess> {
  if (options.reset) removeDb(options.dbFile);
  const child = spawn(process.execPath, ['demo-crm/start.js', ...(options.reset ? ['--reset'] : [])], {
    cwd: paths.root,
    env: crmEnv(options.port, options.dbFile, options.faults),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForLine(child, /listening on/, 60_000, `the CRM on port ${options.port}`);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  return {
    child,
    pid: child.pid!,
    baseUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `npm run crm:seed -- --volume N` into `dbFile` (created, migrated and seeded first when absent). */
export async function seedVolume(dbFile: string, volume: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-crm/src/seed-volume.ts', '--volume', String(volume)], {
    cwd: paths.root,
    env: crmEnv(0, dbFile),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`crm:seed --volume ${volume} failed (exit ${code}): ${out}`);
  return out.trim();
}

/** POST /api/auth/login: the crm_sid cookie header for a staff or portal user. */
export async function signInByApi(baseUrl: string, username: string, password: string, portal = false): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, ...(portal ? { portal: true } : {}) }),
    signal: AbortSignal.timeout(15_000),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('crm_sid='));
  if (!response.ok || !cookie) throw new Error(`sign-in as ${username} answered HTTP ${response.status}`);
  return cookie.split(';')[0]!;
}
