import type { FastifyRequest } from 'fastify';
import { html, raw, hiddenInputs, type SafeHtml } from './html.js';
import type { ListResult } from './list.js';
import { onceOnlyForm } from './submissions.js';

export function csrfField(req: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${req.csrfToken ?? ''}">`;
}

export function formTag(
  req: FastifyRequest,
  o: {
    action: string; body: SafeHtml; submitLabel: string; method?: 'post' | 'get'; id?: string; multipart?: boolean; label?: string;
    /** a key form saved once however often it is sent (core/submissions.ts) */
    once?: boolean;
  },
): SafeHtml {
  const method = o.method ?? 'post';
  const once = o.once ? onceOnlyForm(req) : undefined;
  return html`<form class="form" method="${method}" action="${o.action}"${o.id ? html` id="${o.id}"` : ''}${o.multipart ? raw(' enctype="multipart/form-data"') : ''}${o.label ? html` aria-label="${o.label}"` : ''}${once?.attrs ?? ''} novalidate>
    ${method === 'post' ? csrfField(req) : ''}${once?.field ?? ''}
    ${o.body}
    <div class="form-actions"><button type="submit" class="btn btn-primary">${o.submitLabel}</button></div>
  </form>`;
}

let dialogSeq = 0;

/**
 * A POST action as a button. With `dialog`, the button opens a native <dialog> whose form holds extra
 * fields (a reason, a comment) and a confirm button named after the action.
 */
export function actionButton(
  req: FastifyRequest,
  o: {
    action: string;
    label: string;
    fields?: Record<string, string | number>;
    variant?: 'primary' | 'secondary' | 'danger';
    dialog?: { title: string; body: SafeHtml; confirmLabel?: string; once?: boolean };
    disabled?: boolean;
    disabledReason?: string;
  },
): SafeHtml {
  const cls = `btn btn-${o.variant ?? 'secondary'}`;
  if (o.disabled) {
    return html`<button type="button" class="${cls}" disabled${o.disabledReason ? html` title="${o.disabledReason}"` : ''}>${o.label}</button>`;
  }
  if (!o.dialog) {
    return html`<form method="post" action="${o.action}" class="inline-form">${csrfField(req)}${hiddenInputs(o.fields)}<button type="submit" class="${cls}">${o.label}</button></form>`;
  }
  dialogSeq = (dialogSeq + 1) % 1_000_000;
  const id = `dlg-${dialogSeq}`;
  const once = o.dialog.once ? onceOnlyForm(req) : undefined;
  return html`<button type="button" class="${cls}" data-open-dialog="${id}" aria-haspopup="dialog">${o.label}</button>
  <dialog id="${id}" aria-labelledby="${id}-title" class="dialog">
    <form method="post" action="${o.action}" class="form"${once?.attrs ?? ''}>
      ${csrfField(req)}${once?.field ?? ''}${hiddenInputs(o.fields)}
      <h2 id="${id}-title">${o.dialog.title}</h2>
      ${o.dialog.body}
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" data-close-dialog>Cancel</button>
        <button type="submit" class="${cls}">${o.dialog.confirmLabel ?? o.label}</button>
      </div>
    </form>
  </dialog>`;
}

export interface Column<T> {
  key: string;
  label: string;
  sortable?: boolean;
  render: (row: T) => SafeHtml | string | number | null;
  numeric?: boolean;
}

function withQuery(baseUrl: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${baseUrl}?${s}` : baseUrl;
}

/** A server-side sorted, paginated table; `query` carries the current filters into every link. */
export function dataTable<T>(o: {
  caption: string;
  columns: readonly Column<T>[];
  list: ListResult<T>;
  baseUrl: string;
  query?: Record<string, string | undefined>;
  empty?: string;
}): SafeHtml {
  const { list } = o;
  const base = { ...(o.query ?? {}), q: list.q || undefined, sort: list.sort, dir: list.dir, pageSize: list.pageSize === 25 ? undefined : list.pageSize };
  const header = o.columns.map((c) => {
    if (!c.sortable) return html`<th scope="col"${c.numeric ? raw(' class="num"') : ''}>${c.label}</th>`;
    const active = list.sort === c.key;
    const nextDir = active && list.dir === 'asc' ? 'desc' : 'asc';
    const ariaSort = active ? (list.dir === 'asc' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort="${ariaSort}"${c.numeric ? raw(' class="num"') : ''}><a href="${withQuery(o.baseUrl, { ...base, sort: c.key, dir: nextDir, page: undefined })}">${c.label}${active ? (list.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
  });
  const rows = list.items.length
    ? list.items.map((r) => html`<tr>${o.columns.map((c) => html`<td${c.numeric ? raw(' class="num"') : ''}>${c.render(r)}</td>`)}</tr>`)
    : html`<tr><td colspan="${o.columns.length}" class="empty">${o.empty ?? 'No records found'}</td></tr>`;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const from = list.total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const to = Math.min(list.total, list.page * list.pageSize);
  const prev = list.page > 1 ? withQuery(o.baseUrl, { ...base, page: list.page - 1 }) : null;
  const next = list.page < pages ? withQuery(o.baseUrl, { ...base, page: list.page + 1 }) : null;
  return html`<div class="table-wrap"><table class="data-table">
    <caption>${o.caption}</caption>
    <thead><tr>${header}</tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  <div class="list-footer">
    <p><span data-testid="list-total">${list.total} ${list.total === 1 ? 'record' : 'records'}</span>
      <span class="muted"> · showing ${from}–${to} · page ${list.page} of ${pages}</span></p>
    <nav aria-label="Pagination" class="pagination">
      ${prev ? html`<a href="${prev}" rel="prev">Previous</a>` : html`<span aria-disabled="true">Previous</span>`}
      ${next ? html`<a href="${next}" rel="next">Next</a>` : html`<span aria-disabled="true">Next</span>`}
    </nav>
  </div>`;
}

export function searchBar(o: {
  baseUrl: string;
  q?: string;
  filters?: readonly { name: string; label: string; options: readonly { value: string; label: string }[]; value?: string | undefined }[];
  label?: string;
}): SafeHtml {
  return html`<form role="search" method="get" action="${o.baseUrl}" class="search-bar" aria-label="${o.label ?? 'Search and filter'}">
    <div class="field"><label for="search-q">Search</label><input type="search" id="search-q" name="q" value="${o.q ?? ''}"></div>
    ${(o.filters ?? []).map(
      (f) => html`<div class="field"><label for="filter-${f.name}">${f.label}</label><select id="filter-${f.name}" name="${f.name}">
        <option value="">All</option>${f.options.map((opt) => html`<option value="${opt.value}"${opt.value === f.value ? raw(' selected') : ''}>${opt.label}</option>`)}
      </select></div>`,
    )}
    <div class="field field-submit"><button type="submit" class="btn btn-secondary">Apply</button></div>
  </form>`;
}
