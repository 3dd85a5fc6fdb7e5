import { escapeHtml as e } from '../../../fixtures/acceptance/html-escape.js';
import type { FigureCatch } from './figures.js';

/** What reports/selftest/selftest.json holds: one record per switch, and the run's totals. */
export type SwitchOutcome = 'caught' | 'missed' | 'inconclusive';

export interface PassRecord {
  label: string;
  files: string[];
  onlyTitle?: string;
  skipTitles?: string[];
  verdict: 'caught' | 'inconclusive' | 'green';
  testsRun: number;
  seconds: number;
  outputDir: string;
  reason?: string;
}

export interface SwitchResult {
  name: string;
  kind: string;
  breaks: string;
  caughtBy: string;
  caught: boolean;
  outcome: SwitchOutcome;
  /** why the runs said nothing about the switch (inconclusive only) */
  inconclusiveReason: string | null;
  test: { title: string; describe: string[]; file: string; line: number | null; project: string } | null;
  /** the acceptance criteria the failing test links (Allure requirement links), comma-separated */
  criterion: string | null;
  /** the failing assertion's first line */
  assertion: string | null;
  /** its locator, expected and received values, when Playwright printed them */
  assertionDetail?: string;
  /** a performance switch caught by a figure over its criterion's threshold (no test failed) */
  figure?: FigureCatch;
  /** from the start of the switch's first run (CRM start and sign-ins included) to the end of the failing test */
  secondsToDetection: number | null;
  /** wall time of all the switch's runs */
  seconds: number;
  /** the CRM port of the switch's runs (its database is .flows/crm-<port>.db) */
  ports: number[];
  passes: PassRecord[];
  ranAt: string;
}

export interface BaselineRecord {
  ok: boolean;
  source: string;
  seconds: number;
  passed: number;
  failed: number;
  port: number | null;
  problem?: string;
  /** how many figures (reports/figures) the baseline left: what a performance switch's figures are compared with */
  figures?: number;
}

export interface SelftestReport {
  generatedAt: string;
  profile: string;
  command: string;
  commit: string;
  selection: string;
  /** spec files left out of the suite (--exclude), baseline included */
  excluded: string[];
  baseline: BaselineRecord;
  totals: { total: number; caught: number; missed: number; inconclusive: number; scorePercent: number; seconds: number };
  switches: SwitchResult[];
  /** switches this run left out, as the last run that ran them found them (for ordering, and the table) */
  notRun: SwitchResult[];
}

export function totalsOf(results: readonly SwitchResult[], seconds: number): SelftestReport['totals'] {
  const caught = results.filter((r) => r.outcome === 'caught').length;
  const missed = results.filter((r) => r.outcome === 'missed').length;
  return { total: results.length, caught, missed, inconclusive: results.length - caught - missed, scorePercent: results.length ? Math.round((caught / results.length) * 1000) / 10 : 0, seconds };
}

export function summaryLine(t: SelftestReport['totals']): string {
  return `selftest: ${t.caught}/${t.total} switches caught (${t.scorePercent}%), ${t.missed} missed, ${t.inconclusive} inconclusive in ${t.seconds} s`;
}

/** Previous results that this run did not replace, kept for ordering and shown greyed. */
export function carryOver(previous: SelftestReport | undefined, ran: readonly SwitchResult[]): SwitchResult[] {
  if (!previous) return [];
  const now = new Set(ran.map((r) => r.name));
  const older = [...previous.switches, ...previous.notRun];
  const seen = new Set<string>();
  return older.filter((r) => !now.has(r.name) && !seen.has(r.name) && seen.add(r.name));
}

export function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

const OUTCOME_TITLE: Record<SwitchOutcome, string> = { caught: 'caught', missed: 'MISSED', inconclusive: 'inconclusive' };

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dde5}
.sub{color:#5a6372}.score{font-size:30px;font-weight:700;border-radius:10px;padding:14px 20px;color:#fff;margin:12px 0}
.good{background:#1f7a3a}.bad{background:#b3261e}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d8dde5;padding:6px 8px;text-align:left;vertical-align:top}th{background:#eef1f5}
.st{display:inline-block;border-radius:4px;padding:1px 7px;font-size:13px;font-weight:600}.st-caught{background:#d7f0dd;color:#14532d}.st-missed{background:#fbd5d2;color:#7f1d1d}.st-inconclusive{background:#fde9c8;color:#7a4300}
.small{font-size:13px}.muted{color:#5a6372}code{font-size:13px}tr.old td{opacity:.6}`;

function row(r: SwitchResult, old = false): string {
  const test = r.test ? `<div>${e(r.test.title)}</div><div class="small muted"><code>${e(r.test.file)}${r.test.line ? `:${r.test.line}` : ''}</code> [${e(r.test.project)}]</div>` : '—';
  const why = r.outcome === 'caught' ? `${e(r.assertion ?? '')}${r.assertionDetail ? `<div class="muted">${e(r.assertionDetail)}</div>` : ''}` : e(r.inconclusiveReason ?? (r.outcome === 'missed' ? `every test passed (${r.passes.map((p) => `${p.testsRun} in ${p.label}`).join(', ')})` : ''));
  const when = r.secondsToDetection !== null ? `${r.secondsToDetection} s` : '—';
  return `<tr${old ? ' class="old"' : ''} id="${e(r.name)}"><td><code>${e(r.name)}</code><div class="small muted">${e(r.breaks)}</div></td><td><span class="st st-${r.outcome}">${e(OUTCOME_TITLE[r.outcome])}</span>${old ? `<div class="small muted">not run this time; ${e(r.ranAt.slice(0, 16).replace('T', ' '))}</div>` : ''}</td><td>${test}</td><td>${e(r.criterion ?? '—')}</td><td class="small">${why}</td><td>${e(when)}<div class="small muted">of ${e(String(r.seconds))} s, port ${e(r.ports.join(', '))}</div></td></tr>`;
}

export function renderHtml(report: SelftestReport): string {
  const t = report.totals;
  const kinds = [...new Set([...report.switches, ...report.notRun].map((r) => r.kind))];
  const sections = kinds.map((kind) => {
    const now = report.switches.filter((r) => r.kind === kind);
    const old = report.notRun.filter((r) => r.kind === kind);
    const caught = now.filter((r) => r.caught).length;
    return `<h2 id="kind-${e(kind)}">${e(kind)} <span class="small muted">${caught} of ${now.length} caught${old.length ? `, ${old.length} not run this time` : ''}</span></h2>
<table><thead><tr><th>switch</th><th>result</th><th>first failing test</th><th>criterion</th><th>failing assertion / why inconclusive</th><th>seconds to detection</th></tr></thead><tbody>${[...now.map((r) => row(r)), ...old.map((r) => row(r, true))].join('')}</tbody></table>`;
  }).join('\n');
  const b = report.baseline;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Self-test — ${e(String(t.caught))}/${e(String(t.total))} defect switches caught</title><style>${CSS}</style></head>
<body><main>
<h1>Self-test: does the suite catch every defect switch?</h1>
<p class="sub">Profile ${e(report.profile)} · commit ${e(report.commit)} · ${e(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC · <code>${e(report.command)}</code> · ${e(report.selection)}</p>
<div class="score ${t.caught === t.total && t.total > 0 ? 'good' : 'bad'}" data-testid="mutation-score">Mutation score ${e(String(t.caught))}/${e(String(t.total))} (${e(String(t.scorePercent))} %)</div>
${report.excluded.length ? `<p><b>Left out of the suite for this run</b> (--exclude): ${report.excluded.map((x) => `<code>${e(x)}</code>`).join(', ')}</p>` : ''}
<p>${e(String(t.missed))} missed, ${e(String(t.inconclusive))} inconclusive, in ${e(duration(t.seconds))}. Baseline (every switch off): ${b.ok ? 'green' : '<b>not green</b>'} — ${e(String(b.passed))} passed, ${e(String(b.failed))} failed (${e(b.source)}, ${e(String(b.seconds))} s)${b.problem ? ` — ${e(b.problem)}` : ''}.</p>
<p class="small muted">A switch is <b>caught</b> only when a test fails on an assertion (an <code>expect</code>, or the test's own message) with only that switch on, or, for a switch of kind performance, when a figure of a criterion is over its threshold in the switch's run while the clean baseline's figures of that criterion were within it; a crash, a timeout outside an assertion, an error thrown by helper code, a failed sign-in or a CRM that did not start is <b>inconclusive</b>; <b>missed</b> means every test passed.</p>
${sections}
</main></body></html>
`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The table docs/fault-detection.md records. */
export function renderMarkdownTable(report: SelftestReport): string {
  const lines = ['| switch | kind | result | first failing test | criterion | failing assertion / reason | seconds to detection |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of report.switches) {
    const test = r.test ? `${cell(r.test.title)} (\`${r.test.file.replace(/^flows\//, '')}\`)` : '—';
    const why = r.outcome === 'caught' ? `${r.assertion ?? ''}${r.assertionDetail ? ` (${r.assertionDetail})` : ''}` : r.inconclusiveReason ?? 'every test passed';
    lines.push(`| \`${r.name}\` | ${r.kind} | ${r.outcome === 'caught' ? 'caught' : `**${r.outcome}**`} | ${test} | ${cell(r.criterion ?? '—')} | ${cell(why.slice(0, 200))} | ${r.secondsToDetection ?? '—'} |`);
  }
  return lines.join('\n');
}
