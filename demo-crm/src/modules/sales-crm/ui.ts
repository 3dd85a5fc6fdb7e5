import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, raw, type SafeHtml } from '../../core/html.js';
import { HttpError, ValidationError } from '../../core/http.js';
import { canAccessRecord, scopeSql, type PermissionObject } from '../../core/permissions.js';
import { ownerCandidates } from './access.js';

/** Small helpers shared by the sales pages. */

export type FormValues = Record<string, string>;

/** Form posts arrive as strings; anything else (arrays, files) is ignored. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** "1,234.5" or "$1234.56" → 123450 / 123456 cents; null when not a non-negative amount with ≤ 2 decimals. */
export function dollarsToCents(input: string): number | null {
  const s = input.replace(/[$,\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function centsToDollars(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** "13" / "6.5" / "8.25" percent → basis points; null when not 0–100 with ≤ 2 decimals. */
export function percentToBp(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/%$/, ''));
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

/** 1300 → "13%", 650 → "6.5%", 825 → "8.25%" */
export function taxRateLabel(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/**
 * Converts a form's money field (dollars) into the API's cents before validation, so a bad amount gets a
 * field error in the form's own words.
 */
export function moneyField(values: FormValues, name: string, label: string, errors: Record<string, string>): number | undefined {
  const raw = (values[name] ?? '').trim();
  if (raw === '') return undefined;
  const cents = dollarsToCents(raw);
  if (cents === null) errors[name] = `Enter ${label} in dollars, for example 1234.56`;
  return cents ?? undefined;
}

export function linkButton(href: string, label: string, variant: 'primary' | 'secondary' = 'secondary'): SafeHtml {
  return html`<a class="btn btn-${variant}" href="${href}">${label}</a>`;
}

export function ownerOptions(req: FastifyRequest, object: PermissionObject, action: 'create' | 'edit' | 'list'): { value: string; label: string }[] {
  const user = req.user;
  if (!user) return [];
  return ownerCandidates(req, object)
    .filter((u) => canAccessRecord(user, object, action, { ownerId: u.id, ownerTeam: u.team }))
    .map((u) => ({ value: String(u.id), label: u.displayName }));
}

export function readOnlyNotice(message: string): SafeHtml {
  return html`<p class="card muted" data-testid="read-only-notice">${message}</p>`;
}

/** Runs a form submission; a validation error re-renders the form with HTTP 400 (nothing was written). */
export async function handleForm(
  action: () => FastifyReply | Promise<FastifyReply>,
  rerender: (errors: Record<string, string>, status: number, error?: HttpError) => FastifyReply,
  o: { conflictStatuses?: readonly string[] } = {},
): Promise<FastifyReply> {
  try {
    return await action();
  } catch (e) {
    if (e instanceof ValidationError) return rerender(e.fields, 400);
    if (e instanceof HttpError && e.status === 409 && o.conflictStatuses?.includes(String(e.body.error))) return rerender({}, 409, e);
    throw e;
  }
}

export function optionList(values: readonly string[]): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: v }));
}

export const emptyOption = (label = '— None —') => ({ value: '', label });

export function mailto(email: string): SafeHtml {
  return email ? html`<a href="mailto:${email}">${email}</a>` : html``;
}

export const dash = raw('<span class="muted">—</span>');

/**
 * A plain table for a tab on a detail page: no sort links or pagination (those belong to the list
 * pages, and one page must not hold two list totals), but a link to the full list when rows were cut.
 */
export function recordTable<T>(o: {
  caption: string;
  rows: readonly T[];
  total: number;
  columns: readonly { label: string; numeric?: boolean; render: (row: T) => SafeHtml | string | number | null }[];
  allHref: string;
  empty: string;
}): SafeHtml {
  const th = o.columns.map((c) => html`<th scope="col"${c.numeric ? raw(' class="num"') : ''}>${c.label}</th>`);
  const body = o.rows.length
    ? o.rows.map((r) => html`<tr>${o.columns.map((c) => html`<td${c.numeric ? raw(' class="num"') : ''}>${c.render(r)}</td>`)}</tr>`)
    : html`<tr><td colspan="${o.columns.length}" class="empty">${o.empty}</td></tr>`;
  return html`<div class="table-wrap"><table class="data-table"><caption>${o.caption}</caption>
    <thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>
    ${o.total > o.rows.length ? html`<p><a href="${o.allHref}">View all ${o.total}</a></p>` : ''}`;
}

/**
 * Account choices for a form: accounts the user may see, by name, capped (a select cannot hold 100,000
 * options); the currently chosen account is always included. Starting from the account page preselects it.
 */
export function accountOptions(req: FastifyRequest, selected: string | undefined, limit = 500): { value: string; label: string }[] {
  const user = req.user;
  if (!user) return [];
  const scope = scopeSql(user, 'account', 'view', { owner: 'a.owner_id' });
  const db = req.server.crm.db;
  const rows = db.prepare(`SELECT a.id AS id, a.name AS name FROM accounts a WHERE ${scope.sql} ORDER BY a.name LIMIT ${limit}`)
    .all(...scope.params) as { id: number; name: string }[];
  const chosen = selected && /^\d+$/.test(selected) && !rows.some((r) => String(r.id) === selected)
    ? db.prepare(`SELECT a.id AS id, a.name AS name FROM accounts a WHERE a.id = ? AND (${scope.sql})`).get(Number(selected), ...scope.params) as { id: number; name: string } | undefined
    : undefined;
  return [...(chosen ? [chosen] : []), ...rows].map((r) => ({ value: String(r.id), label: r.name }));
}
