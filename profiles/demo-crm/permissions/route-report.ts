import { MATRIX_ROLES } from './model.js';
import { escapeHtml } from './report-html.js';
import type { RouteOutcome } from './route-probe.js';

/**
 * The route × role table of the every-route check: one row per route, one column per role; a cell
 * lists each record tried (✓ reached, ✗ refused) and is red when any call disagreed with the matrix.
 * Pure: the spec attaches it.
 */
export interface RouteReportInput {
  outcomes: readonly RouteOutcome[];
  /** routes listed but deliberately not called, with the reason */
  notCalled: readonly { route: string; why: string }[];
  /** notes shown above the table (what was proven elsewhere, run facts) */
  notes: readonly string[];
}

function cell(outcomes: readonly RouteOutcome[]): string {
  if (outcomes.length === 0) return '<td class="none">–</td>';
  const red = outcomes.some((o) => o.problems.length > 0);
  const marks = outcomes.map((o) => `${o.record ? `${escapeHtml(o.record)} ` : ''}${o.observed === 'allowed' ? '✓' : '✗'}`).join('<br>');
  const title = outcomes.map((o) => `${o.record || 'call'}: expected ${o.expected}, ${o.observed} — ${o.detail}${o.problems.length ? `\n  ${o.problems.join('\n  ')}` : ''}`).join('\n');
  return `<td class="${red ? 'red' : 'green'}" title="${escapeHtml(title)}">${marks}</td>`;
}

export function renderRouteReport(input: RouteReportInput): string {
  const routes = [...new Set(input.outcomes.map((o) => o.route))];
  const rows = routes.map((route) => {
    const mine = input.outcomes.filter((o) => o.route === route);
    return `<tr><th>${escapeHtml(route)}</th>${MATRIX_ROLES.map((role) => cell(mine.filter((o) => o.role === role))).join('')}</tr>`;
  });
  const problems = input.outcomes.flatMap((o) => o.problems);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Every API route × every role</title><style>
body{font:13px system-ui,sans-serif;margin:16px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
td.green{background:#e6f4ea}td.red{background:#fce8e6;font-weight:bold}td.none{color:#999}thead th{position:sticky;top:0;background:#fff}
</style></head><body><h1>Every API route × every role</h1>
<p>${input.outcomes.length} calls on ${routes.length} routes, ${problems.length} disagreeing with the permission matrix (docs/permissions.md). ✓ reached, ✗ refused; hover a cell for each call.</p>
<ul>${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
${problems.length ? `<h2>Disagreements</h2><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : ''}
<table><thead><tr><th>route</th>${MATRIX_ROLES.map((r) => `<th>${r}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>
<h2>Listed, not called</h2><ul>${input.notCalled.map((n) => `<li>${escapeHtml(n.route)}: ${escapeHtml(n.why)}</li>`).join('')}</ul>
</body></html>`;
}
