import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from '@playwright/test';
import { paths } from '../../../fixtures/paths.js';
import type { ReconciliationReport } from './reconcile.js';

/**
 * The reconciliation report of one test: reports/reconciliation/<test>.json and .html, both
 * attached to the test (and so to Allure) whether the reconciliation passed or not.
 */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reconciliationHtml(title: string, report: ReconciliationReport): string {
  const counts = (['rows', 'created', 'updated', 'skipped', 'rejected'] as const)
    .map((k) => `<tr><th scope="row">${k}</th><td>${report.expected[k]}</td><td>${report.screen[k]}</td></tr>`).join('');
  const reasons = Object.entries(report.rejectedByReason).map(([r, n]) => `<tr><td>${escapeHtml(r)}</td><td>${n}</td></tr>`).join('');
  const mismatches = report.mismatches
    .map((m) => `<tr><td>${m.line || 'file'}</td><td>${escapeHtml(m.column)}</td><td>${escapeHtml(m.via)}</td><td>${escapeHtml(m.expected)}</td><td>${escapeHtml(m.actual)}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;white-space:pre-wrap}</style></head>
<body><h1>Reconciliation: ${escapeHtml(title)}</h1>
<p>${escapeHtml(report.file.name)} (${escapeHtml(report.file.encoding)}, ${report.file.rows} rows) · compared ${report.compared.export} exported and ${report.compared.api} API records ·
<strong>${report.mismatches.length === 0 ? 'no mismatch' : `${report.mismatches.length} mismatch(es)`}</strong></p>
<table><caption>Counts</caption><thead><tr><th></th><th>expected (rules)</th><th>result screen</th></tr></thead><tbody>${counts}</tbody></table>
<table><caption>Rejected by reason</caption><thead><tr><th>reason</th><th>rows</th></tr></thead><tbody>${reasons}</tbody></table>
<table><caption>Field-level mismatches</caption><thead><tr><th>line</th><th>column</th><th>seen in</th><th>expected</th><th>actual</th></tr></thead><tbody>${mismatches || '<tr><td colspan="5">none</td></tr>'}</tbody></table>
</body></html>`;
}

export async function publishReconciliation(report: ReconciliationReport): Promise<void> {
  const info = test.info();
    // the title's words, then the test id: unique per test, readable in a file listing
  const words = info.title.replace(/@\S+/g, '').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  const slug = `${words}-${info.testId.slice(0, 8)}${info.repeatEachIndex ? `-r${info.repeatEachIndex}` : ''}`;
  const dir = path.join(paths.reportsDir, 'reconciliation');
  await mkdir(dir, { recursive: true });
  const json = JSON.stringify({ test: info.title, ...report }, null, 2);
  const html = reconciliationHtml(info.title, report);
  await writeFile(path.join(dir, `${slug}.json`), json);
  await writeFile(path.join(dir, `${slug}.html`), html);
  await info.attach('reconciliation report (json)', { body: json, contentType: 'application/json' });
  await info.attach('reconciliation report', { body: html, contentType: 'text/html' });
}
