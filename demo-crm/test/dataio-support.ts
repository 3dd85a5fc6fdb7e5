/**
 * Helpers for the data-migration tests: CSV builders, JSON and multipart uploads, and a browser-like
 * session (cookie + CSRF token) for the wizard's pages and multipart form posts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SEEDED_PASSWORDS } from '../src/modules/core-admin/seed-users.js';
import { parseCsv, toCsv, unguardFormula } from '../src/modules/dataio/csv.js';
import type { ApiClient, ApiResponse, TestCrm } from './harness.js';

export const uid = (): string => randomUUID().slice(0, 8);

export const LEAD_HEADER = ['First name', 'Last name', 'Company', 'Email', 'Phone', 'Source', 'Status', 'Owner'];
export const ACCOUNT_HEADER = ['Name', 'Industry', 'Website', 'Phone', 'Billing city', 'Billing country', 'Owner'];
export const CONTACT_HEADER = ['First name', 'Last name', 'Email', 'Phone', 'Title', 'Account', 'Owner'];

/** A CSV file as the CRM writes it (BOM, CRLF); `bom: false` drops the BOM. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], o: { bom?: boolean } = {}): string {
  const text = toCsv(header, rows);
  return o.bom === false ? text.slice(1) : text;
}

/**
 * A downloaded CSV as rows of logical values (formula guards removed). fetch's text() already drops
 * the BOM; BrowserLike.getBytes() sees it.
 */
export function readCsv(text: string): string[][] {
  return parseCsv(text.replace(/^\uFEFF/, '')).map((r) => r.cells.map(unguardFormula));
}

export function leadRow(o: Partial<Record<'firstName' | 'lastName' | 'company' | 'email' | 'phone' | 'source' | 'status' | 'owner', string>> = {}): string[] {
  const id = uid();
  return [
    o.firstName ?? 'Ines', o.lastName ?? `Moreau-${id}`, o.company ?? `Moreau Vins ${id}`, o.email ?? `ines.${id}@moreau.example`,
    o.phone ?? '+33 1 5555 0101', o.source ?? 'Web', o.status ?? '', o.owner ?? '',
  ];
}

/** POST /api/imports with the JSON variant (CSV text). */
export function importCsv(client: ApiClient, object: string, csv: string, extra: Record<string, unknown> = {}): Promise<ApiResponse> {
  return client.post('/api/imports', { object, csv, fileName: `${object}s-${uid()}.csv`, ...extra });
}

/** POST /api/imports with the file's exact bytes (so encoding detection applies). */
export function importBytes(client: ApiClient, object: string, bytes: Buffer, extra: Record<string, unknown> = {}): Promise<ApiResponse> {
  return client.post('/api/imports', { object, csvBase64: bytes.toString('base64'), fileName: `${object}s.csv`, ...extra });
}

export function expectStatus(res: { status: number; text: string }, status: number): void {
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 600)}`);
}

export interface PageResponse {
  status: number;
  text: string;
  headers: Headers;
}

/** A signed-in "browser": session cookie, the CSRF token, form posts and multipart uploads. */
export class BrowserLike {
  /** cookie name → value; the session cookie plus whatever the server sets (the toast) */
  private readonly jar = new Map<string, string>();

  private constructor(readonly baseUrl: string, sessionCookie: string, readonly csrfToken: string) {
    this.remember([sessionCookie]);
  }

  private remember(setCookies: readonly string[]): void {
    for (const c of setCookies) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (value === '' || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  static async signIn(crm: TestCrm, username: string): Promise<BrowserLike> {
    const res = await fetch(`${crm.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: SEEDED_PASSWORDS[username] }),
    });
    assert.equal(res.status, 200, `sign-in of ${username}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return new BrowserLike(crm.baseUrl, (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken);
  }

  private async send(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<PageResponse> {
    const res = await fetch(this.baseUrl + path, { method, body, redirect: 'manual', headers: { cookie: this.cookie, accept: 'text/html', ...headers } });
    this.remember(res.headers.getSetCookie());
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  get(path: string): Promise<PageResponse> {
    return this.send('GET', path);
  }

  /** The exact bytes of a download (fetch's text() would hide a BOM). */
  async getBytes(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, { headers: { cookie: this.cookie } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  /** A urlencoded form post with the hidden _csrf field, as the browser sends it. */
  postForm(path: string, fields: Record<string, string>): Promise<PageResponse> {
    return this.send('POST', path, new URLSearchParams({ _csrf: this.csrfToken, ...fields }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }

  /** A multipart form post; the token goes where the upload form puts it: in the action URL. */
  postMultipart(path: string, fields: Record<string, string>, file: { name: string; bytes: Buffer } | null, o: { csrf?: boolean } = {}): Promise<PageResponse> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'text/csv' }), file.name);
    const url = o.csrf === false ? path : `${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(this.csrfToken)}`;
    return this.send('POST', url, form);
  }

  /** Follows a 303 and returns the page it leads to. */
  async follow(res: PageResponse): Promise<PageResponse> {
    assert.equal(res.status, 303, `expected a redirect, got ${res.status}: ${res.text.slice(0, 400)}`);
    return this.get(res.headers.get('location') ?? '/');
  }
}

/** Text of the `<dd data-testid="field-<key>">` on a page. */
export function fieldValue(page: string, key: string): string | undefined {
  const m = new RegExp(`data-testid="field-${key}">([\\s\\S]*?)</dd>`).exec(page);
  return m?.[1]?.replace(/<[^>]+>/g, '').trim();
}

/** The database of a test server, for assertions on what was (not) written. */
export function dbOf(crm: TestCrm) {
  return crm.server.app.crm.db;
}

export function count(crm: TestCrm, sql: string, ...params: unknown[]): number {
  return dbOf(crm).prepare(sql).pluck().get(...params) as number;
}
