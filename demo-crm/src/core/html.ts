/** Server-side HTML with escaping by default: only SafeHtml is inserted unescaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v) => render(v as Interpolation)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Inserts trusted markup as is. Never pass user input. */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

export function money(cents: number | bigint): string {
  const n = BigInt(cents);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}$${whole}.${frac}`;
}

/**
 * A day. A calendar date (YYYY-MM-DD: a due or close date) is the same day for everyone; the day of
 * an instant (a full ISO time) is shown by the page script as the viewer's local day (static/app.js).
 */
export function date(iso: string | null | undefined): SafeHtml {
  if (!iso) return html``;
  return iso.length > 10 ? html`<time datetime="${iso}" data-day>${iso.slice(0, 10)}</time>` : html`<time datetime="${iso}">${iso}</time>`;
}

/** An instant, in UTC as sent; the page script shows it in the viewer's time zone (static/app.js). */
export function dateTime(iso: string | null | undefined): SafeHtml {
  if (!iso) return html``;
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function statusBadge(status: string, testId = 'status'): SafeHtml {
  const tone = status.toLowerCase().replace(/[^a-z]+/g, '-');
  return html`<span class="badge badge-${tone}" data-testid="${testId}">${status}</span>`;
}

export function pageHeader(title: string, actions?: SafeHtml, subtitle?: SafeHtml | string): SafeHtml {
  return html`<header class="page-header"><div><h1>${title}</h1>${subtitle ? html`<p class="subtitle">${subtitle}</p>` : ''}</div>
  ${actions ? html`<div class="page-actions">${actions}</div>` : ''}</header>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'number' | 'date' | 'password' | 'textarea' | 'select' | 'checkbox' | 'datetime-local' | 'file';
  value?: string | number | null;
  error?: string;
  required?: boolean;
  options?: readonly { value: string; label: string }[];
  hint?: string;
  step?: string;
  min?: string;
  max?: string;
  maxLength?: number;
  autocomplete?: string;
  checked?: boolean;
  accept?: string;
}

/** A labelled control with its inline error wired through aria-invalid / aria-describedby. */
export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [o.error ? errorId : '', o.hint ? hintId : ''].filter(Boolean).join(' ');
  const common = html`id="${id}" name="${o.name}"${o.required ? raw(' required') : ''}${o.error ? raw(' aria-invalid="true"') : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}`;
  const value = o.value === null || o.value === undefined ? '' : String(o.value);
  let control: SafeHtml;
  switch (o.type) {
    case 'textarea':
      control = html`<textarea ${common} rows="5"${o.maxLength ? html` maxlength="${o.maxLength}"` : ''}>${value}</textarea>`;
      break;
    case 'select':
      control = html`<select ${common}>${(o.options ?? []).map(
        (opt) => html`<option value="${opt.value}"${opt.value === value ? raw(' selected') : ''}>${opt.label}</option>`,
      )}</select>`;
      break;
    case 'checkbox':
      return html`<div class="field field-checkbox"><input type="checkbox" ${common} value="1"${o.checked ? raw(' checked') : ''}>
        <label for="${id}">${o.label}</label>${o.error ? html`<p class="field-error" id="${errorId}">${o.error}</p>` : ''}</div>`;
    default:
      control = html`<input type="${o.type ?? 'text'}" ${common} value="${value}"${o.step ? html` step="${o.step}"` : ''}${o.min ? html` min="${o.min}"` : ''}${o.max ? html` max="${o.max}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.accept ? html` accept="${o.accept}"` : ''}>`;
  }
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}</label>
    ${control}
    ${o.hint ? html`<p class="hint" id="${hintId}">${o.hint}</p>` : ''}
    ${o.error ? html`<p class="field-error" id="${errorId}">${o.error}</p>` : ''}
  </div>`;
}

export function errorSummary(fields: Record<string, string> | undefined, title = 'Please fix the following'): SafeHtml {
  const entries = Object.entries(fields ?? {});
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert"><p><strong>${title}</strong></p><ul>${entries.map(
    ([name, msg]) => html`<li><a href="#f-${name}">${msg}</a></li>`,
  )}</ul></div>`;
}

export function hiddenInputs(fields: Record<string, string | number> = {}): SafeHtml {
  return html`${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`)}`;
}

export interface TabSpec {
  id: string;
  label: string;
  content: SafeHtml;
}

/** ARIA tabs; every panel is in the page (works without script), the script hides inactive ones. */
export function tabs(tabList: readonly TabSpec[], label = 'Sections'): SafeHtml {
  return html`<div class="tabs" data-tabs>
  <div role="tablist" aria-label="${label}">${tabList.map(
    (t, i) => html`<button type="button" role="tab" id="tab-${t.id}" aria-controls="panel-${t.id}" aria-selected="${i === 0 ? 'true' : 'false'}"${i === 0 ? '' : raw(' tabindex="-1"')}>${t.label}</button>`,
  )}</div>
  ${tabList.map(
    (t, i) => html`<section role="tabpanel" id="panel-${t.id}" aria-labelledby="tab-${t.id}"${i === 0 ? '' : raw(' hidden')}>${t.content}</section>`,
  )}</div>`;
}

export interface DetailItem {
  key: string;
  label: string;
  value: SafeHtml | string | number | null | undefined;
}

export function detailList(items: readonly DetailItem[]): SafeHtml {
  return html`<dl class="details">${items.map(
    (it) => html`<div class="detail"><dt>${it.label}</dt><dd data-testid="field-${it.key}">${it.value ?? ''}</dd></div>`,
  )}</dl>`;
}

export function card(title: string, body: SafeHtml, testId?: string): SafeHtml {
  return html`<section class="card"${testId ? html` data-testid="${testId}"` : ''} aria-label="${title}"><h2>${title}</h2>${body}</section>`;
}

export * from './components.js';
