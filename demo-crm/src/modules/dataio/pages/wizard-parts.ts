import { html, type SafeHtml } from '../../../core/html.js';
import type { ImportObject } from '../import-objects.js';
import { IMPORT_SPECS } from '../import-objects.js';

export const WIZARD_STEPS = ['Upload', 'Map columns', 'Validate', 'Result'] as const;

/** "Step 2 of 4: Map columns" as a subtitle under the page's h1. */
export function stepLabel(current: number): string {
  return `Step ${current} of ${WIZARD_STEPS.length}: ${WIZARD_STEPS[current - 1] ?? ''}`;
}

export function pluralOf(object: ImportObject): string {
  return IMPORT_SPECS[object].plural;
}

/** A small read-only table with a caption and column headers (previews, rejected rows). */
export function simpleTable(o: {
  caption: string;
  headers: readonly string[];
  rows: readonly (readonly (SafeHtml | string | number)[])[];
  empty?: string;
  testId?: string;
}): SafeHtml {
  const body = o.rows.length
    ? o.rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)
    : html`<tr><td colspan="${o.headers.length}" class="empty">${o.empty ?? 'None'}</td></tr>`;
  return html`<div class="table-wrap"><table class="data-table"${o.testId ? html` data-testid="${o.testId}"` : ''}>
    <caption>${o.caption}</caption>
    <thead><tr>${o.headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${body}</tbody></table></div>`;
}

export function countLabel(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
