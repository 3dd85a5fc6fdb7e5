/**
 * Shared set-up for the sales-crm API tests: one signed-in client per role and builders that create
 * fresh, unique records through the public API (every test makes its own data).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FaultName } from '../src/core/faults.js';
import { startCrm, type ApiClient, type ApiResponse, type TestCrm } from './harness.js';

export interface SalesActors {
  crm: TestCrm;
  admin: ApiClient;
  li: ApiClient;
  sam: ApiClient;
  manager: ApiClient;
  finance: ApiClient;
  agent: ApiClient;
  auditor: ApiClient;
}

export async function startSales(faults: FaultName[] = []): Promise<SalesActors> {
  const crm = await startCrm({ faults });
  const names = ['admin', 'rep.li', 'rep.sam', 'mgr.zhang', 'fin.omar', 'agent.ana', 'auditor.eve'];
  const [admin, li, sam, manager, finance, agent, auditor] = await Promise.all(names.map((u) => crm.login(u)));
  return { crm, admin: admin!, li: li!, sam: sam!, manager: manager!, finance: finance!, agent: agent!, auditor: auditor! };
}

export const uid = (): string => randomUUID().slice(0, 8);

export function expectStatus(res: { status: number; text: string }, status: number): void {
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
}

export function leadInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = uid();
  return {
    firstName: 'Nora', lastName: `Lind-${id}`, company: `Lind Freight ${id}`, email: `nora.${id}@lind.example`,
    phone: '+46 8 555 0101', source: 'Web', ...overrides,
  };
}

export async function createLead(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post('/api/leads', leadInput(overrides));
  expectStatus(res, 201);
  return res.body;
}

/** A lead walked New → Working → Qualified through the status endpoint. */
export async function qualifiedLead(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const lead = await createLead(client, overrides);
  expectStatus(await client.post(`/api/leads/${lead.id}/status`, { status: 'Working' }), 200);
  const res = await client.post(`/api/leads/${lead.id}/status`, { status: 'Qualified' });
  expectStatus(res, 200);
  return res.body;
}

export async function createAccount(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post('/api/accounts', { name: `Account ${uid()}`, industry: 'Software', ...overrides });
  expectStatus(res, 201);
  return res.body;
}

export async function createOpportunity(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const accountId = overrides.accountId ?? (await createAccount(client)).id;
  const res = await client.post('/api/opportunities', {
    name: `Deal ${uid()}`, amount: 125_000, closeDate: '2030-06-30', ...overrides, accountId,
  });
  expectStatus(res, 201);
  return res.body;
}

export async function moveStage(client: ApiClient, id: number, stage: string, lossReason?: string): Promise<ApiResponse> {
  return client.post(`/api/opportunities/${id}/stage`, lossReason === undefined ? { stage } : { stage, lossReason });
}

/** Audit entries of one record, newest first. */
export async function auditOf(admin: ApiClient, object: string, recordId: number): Promise<any[]> {
  const res = await admin.get(`/api/audit?object=${object}&recordId=${recordId}&pageSize=100`);
  expectStatus(res, 200);
  return res.body.items;
}

export async function page(client: ApiClient, path: string): Promise<ApiResponse> {
  return client.request('GET', path, undefined, { accept: 'text/html' });
}

/** Submits an HTML form the way a browser does (urlencoded, CSRF field, no redirect following). */
export async function submitForm(client: ApiClient, path: string, fields: Record<string, string>): Promise<ApiResponse> {
  const body = new URLSearchParams({ ...fields, _csrf: client.csrfToken }).toString();
  return client.withoutCsrf().request('POST', path, body, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
}

/** The text of the `<dd data-testid="field-…">` on a detail page. */
export function fieldText(htmlText: string, key: string): string | null {
  const m = new RegExp(`data-testid="field-${key}">([\\s\\S]*?)</dd>`).exec(htmlText);
  return m ? m[1]!.replace(/<[^>]+>/g, '').trim() : null;
}

/**
 * A browser-like session for page tests: keeps every cookie the server sets (session and the one-shot
 * toast cookie), posts urlencoded forms with the _csrf field, and does not follow redirects.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  private constructor(readonly baseUrl: string) {}

  static async signIn(crm: TestCrm, username: string, password: string): Promise<BrowserSession> {
    const b = new BrowserSession(crm.baseUrl);
    const res = await b.send('POST', '/api/auth/login', JSON.stringify({ username, password }), 'application/json');
    if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status}`);
    b.csrfToken = (JSON.parse(res.text) as { csrfToken: string }).csrfToken;
    return b;
  }

  private async send(method: string, path: string, body?: string, contentType?: string): Promise<{ status: number; text: string; location: string | null }> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (contentType) headers['content-type'] = contentType;
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  get(path: string) { return this.send('GET', path); }

  submit(path: string, fields: Record<string, string>) {
    return this.send('POST', path, new URLSearchParams({ ...fields, _csrf: this.csrfToken }).toString(), 'application/x-www-form-urlencoded');
  }

  /** Submits, expects the 303, follows it once and returns the next page with its toast text. */
  async submitAndFollow(path: string, fields: Record<string, string>): Promise<{ text: string; toast: string | null; location: string }> {
    const res = await this.submit(path, fields);
    assert.equal(res.status, 303, `expected a 303 redirect from ${path}, got ${res.status}: ${res.text.slice(0, 300)}`);
    const next = await this.get(res.location!);
    return { text: next.text, toast: /data-testid="toast"><span>([^<]*)</.exec(next.text)?.[1] ?? null, location: res.location! };
  }
}
