import type { APIRequestContext } from '@playwright/test';
import type { z } from 'zod';

/**
 * The CRM's JSON API with one role's session: the same cookie jar as that role's browser context,
 * plus the X-CSRF-Token header on state-changing calls. Domain helpers (createLead, createQuote, …)
 * live one file per domain beside this one and take an ApiClient as first argument.
 */
export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

export interface ListParams extends Query {
  page?: number;
  pageSize?: number;
  sort?: string;
  dir?: 'asc' | 'desc';
  q?: string;
}

export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
    role: string,
  ) {
    super(`${method} ${path} as ${role} answered HTTP ${status}: ${JSON.stringify(body).slice(0, 500)}`);
    this.name = 'ApiError';
  }
}

export const CLOCK_OFFSET_HEADER = 'X-Test-Clock-Offset-Ms';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class ApiClient {
  constructor(
    private readonly request: APIRequestContext,
    readonly role: string,
    private readonly csrfToken: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** A client whose requests see the CRM's business clock moved by `ms` (CRM in test mode only). */
  withClockOffset(ms: number): ApiClient {
    return new ApiClient(this.request, this.role, this.csrfToken, { ...this.headers, [CLOCK_OFFSET_HEADER]: String(ms) });
  }

  /** Any call, whatever the status: for tests about the answer itself (403s, validation errors). */
  async send<T = unknown>(method: Method, path: string, options: { data?: unknown; params?: Query; headers?: Record<string, string>; maxRedirects?: number } = {}): Promise<ApiResponse<T>> {
    const params = options.params && Object.fromEntries(Object.entries(options.params).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
    const response = await this.request.fetch(path, {
      method,
      params,
      headers: {
        accept: 'application/json',
        ...this.headers,
        ...(method === 'GET' ? {} : { 'X-CSRF-Token': this.csrfToken }),
        ...options.headers,
      },
      ...(options.data === undefined ? {} : { data: options.data }),
      ...(options.maxRedirects === undefined ? {} : { maxRedirects: options.maxRedirects }),
    });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers()['content-type'] ?? '').includes('application/json') && text !== '') body = JSON.parse(text);
    return { status: response.status(), body: body as T, headers: response.headers() };
  }

  /** A call that must succeed (2xx); the body is checked against `schema` when one is given. */
  async call<T>(method: Method, path: string, options: { data?: unknown; params?: Query; schema?: z.ZodType<T> } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status < 200 || response.status > 299) throw new ApiError(method, path, response.status, response.body, this.role);
    return options.schema ? options.schema.parse(response.body) : (response.body as T);
  }

  get<T>(path: string, params?: Query, schema?: z.ZodType<T>): Promise<T> {
    return this.call('GET', path, { params, schema });
  }

  post<T>(path: string, data?: unknown, schema?: z.ZodType<T>): Promise<T> {
    return this.call('POST', path, { data: data ?? {}, schema });
  }

  patch<T>(path: string, data: unknown, schema?: z.ZodType<T>): Promise<T> {
    return this.call('PATCH', path, { data, schema });
  }

  put<T>(path: string, data: unknown, schema?: z.ZodType<T>): Promise<T> {
    return this.call('PUT', path, { data, schema });
  }

  delete<T>(path: string): Promise<T> {
    return this.call('DELETE', path);
  }

  /** GET /api/<objects> with paging, sort, search and filters: `{ items, total, page, pageSize }`. */
  list<T>(objects: string, params: ListParams = {}): Promise<ListResult<T>> {
    return this.get<ListResult<T>>(`/api/${objects}`, params);
  }

  /** Every record of a list the caller may see (all pages of GET /api/<objects>), in list order. */
  async listAll<T>(objects: string, params: ListParams = {}): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; ; page += 1) {
      const list = await this.list<T>(objects, { ...params, page, pageSize: 100 });
      all.push(...list.items);
      if (list.items.length === 0 || page * list.pageSize >= list.total) return all;
    }
  }
}
