import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import type { FaultName } from '../src/core/faults.js';
import { startServer, type StartedCrm } from '../src/core/server.js';
import { SEEDED_PASSWORDS } from '../src/modules/core-admin/seed-users.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A signed-in HTTP client: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrfToken: string,
    private readonly offsetMs: number | null = null,
  ) {}

  withClockOffset(ms: number): ApiClient {
    return new ApiClient(this.baseUrl, this.cookie, this.csrfToken, ms);
  }

  /** The same session against another server (the same database restarted elsewhere). */
  on(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.cookie, this.csrfToken, this.offsetMs);
  }

  withoutCsrf(): ApiClient {
    return new ApiClient(this.baseUrl, this.cookie, '', this.offsetMs);
  }

  async request<T = any>(method: string, urlPath: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { cookie: this.cookie, accept: 'application/json', ...extraHeaders };
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.offsetMs !== null) headers['x-test-clock-offset-ms'] = String(this.offsetMs);
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + urlPath, { method, headers, body: payload, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = any>(p: string) { return this.request<T>('GET', p); }
  post<T = any>(p: string, body: unknown = {}) { return this.request<T>('POST', p, body); }
  patch<T = any>(p: string, body: unknown = {}) { return this.request<T>('PATCH', p, body); }
  put<T = any>(p: string, body: unknown = {}) { return this.request<T>('PUT', p, body); }
  delete<T = any>(p: string) { return this.request<T>('DELETE', p); }
}

export interface TestCrm {
  baseUrl: string;
  server: StartedCrm;
  dbFile: string;
  login(username: string, password?: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  close(): Promise<void>;
}

/** A real CRM on a random port with a fresh, seeded database file of its own. */
export async function startCrm(o: { faults?: FaultName[]; testMode?: boolean; env?: Record<string, string> } = {}): Promise<TestCrm> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-'));
  const dbFile = path.join(dir, 'crm.db');
  const config = loadConfig(
    { CRM_PORT: '0', CRM_DB_FILE: dbFile, CRM_FAULTS: (o.faults ?? []).join(','), CRM_TEST_MODE: o.testMode === false ? '0' : '1', ...o.env },
  );
  const server = await startServer(config);
  const baseUrl = server.url;
  return {
    baseUrl, server, dbFile,
    anonymous: () => new ApiClient(baseUrl, '', ''),
    async login(username: string, password?: string) {
      const pw = password ?? SEEDED_PASSWORDS[username];
      if (!pw) throw new Error(`No seeded password for ${username}`);
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: pw, portal: username.startsWith('cust.') }),
      });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return new ApiClient(baseUrl, cookie, csrfToken);
    },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
