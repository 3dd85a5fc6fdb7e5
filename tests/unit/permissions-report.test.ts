import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPECTED_MATRIX } from '../../profiles/demo-crm/permissions/matrix.js';
import { cellsOf } from '../../profiles/demo-crm/permissions/model.js';
import { renderMatrixReport, summarize, type RuleResult } from '../../profiles/demo-crm/permissions/report-html.js';
import { describeMatrixRunTime } from '../../profiles/demo-crm/permissions/report.js';
import { judgeCell, type CellVerdict } from '../../profiles/demo-crm/permissions/verdict.js';

const meta = { generatedAt: '2026-01-15T09:00:00.000Z', crmUrl: 'http://127.0.0.1:4310', crmVersion: '1.0.0', faults: [] as string[], runId: 'ab12' };

/** Every cell observed by the API as exactly what it expects: a fully green matrix. */
function greenVerdicts(): CellVerdict[] {
  return cellsOf(EXPECTED_MATRIX).map((c) =>
    judgeCell(c.expected, {
      role: c.role, object: c.object, action: c.action,
      layers: [{ layer: 'api', kind: 'flat', allowed: c.expected !== 'none' && c.expected !== 'n/a', detail: 'observed', problems: [] }],
    }, c.role, c.object, c.action));
}

const cellTd = (html: string, key: string) => new RegExp(`<td class="[^"]*" data-cell="${key}" data-result="(pass|fail)"`).exec(html)?.[1];

describe('the permission matrix report', () => {
  it('has one row per role and one cell per object × action, each tagged with its result', () => {
    const html = renderMatrixReport({ matrix: EXPECTED_MATRIX, verdicts: greenVerdicts(), rules: [], meta });
    assert.equal((html.match(/<tr><th class="role" scope="row">/g) ?? []).length, 10);
    assert.equal((html.match(/data-cell="/g) ?? []).length, 1120);
    assert.equal((html.match(/data-result="fail"/g) ?? []).length, 0);
    assert.match(html, /1120 cells<\/span><span>1120 green<\/span><span>0 red<\/span>/);
  });

  it('shows a cell red with expected and observed when a layer disagrees', () => {
    const verdicts = greenVerdicts().map((v) =>
      v.role === 'supportAgent' && v.object === 'invoice' && v.action === 'list'
        ? judgeCell('none', { role: v.role, object: v.object, action: v.action, layers: [
          { layer: 'api', kind: 'flat', allowed: false, detail: 'GET /api/invoices → 403', problems: [] },
          { layer: 'url', kind: 'flat', allowed: true, detail: '/invoices opened (200)', problems: [] },
        ] }, v.role, v.object, v.action)
        : v);
    const html = renderMatrixReport({ matrix: EXPECTED_MATRIX, verdicts, rules: [], meta: { ...meta, faults: ['invoices-url-open-to-support'] } });
    assert.equal(cellTd(html, 'supportAgent/invoice/list'), 'fail');
    assert.equal(cellTd(html, 'finance/invoice/list'), 'pass');
    assert.match(html, /data-cell="supportAgent\/invoice\/list"[^>]*><span class="exp">none<\/span><span class="obs">API: refused; direct URL: allowed<\/span>/);
    assert.match(html, /defect switches: invoices-url-open-to-support/);
    assert.deepEqual(summarize(verdicts, []).failed, 1);
  });

  it('shows a cell that was never checked as red "not checked"', () => {
    const verdicts = greenVerdicts().filter((v) => !(v.role === 'auditor' && v.object === 'user' && v.action === 'list'));
    verdicts.push(judgeCell('any', undefined, 'auditor', 'user', 'list'));
    const html = renderMatrixReport({ matrix: EXPECTED_MATRIX, verdicts, rules: [], meta });
    assert.equal(cellTd(html, 'auditor/user/list'), 'fail');
    assert.match(html, /data-cell="auditor\/user\/list"[^>]*><span class="exp">any<\/span><span class="obs">not checked<\/span>/);
    assert.equal(summarize(verdicts, []).notChecked, 1);
  });

  it('lists field and ownership rules with their result, escaping whatever the CRM sent back', () => {
    const rules: RuleResult[] = [
      { id: 'AC-PERM-F01', rule: 'Only finance records payments', pass: true, details: ['admin → 403'] },
      { id: 'AC-PERM-F04', rule: 'A customer never sees internal notes', pass: false, details: ['portal showed <b>"secret"</b> & more'] },
    ];
    const html = renderMatrixReport({ matrix: EXPECTED_MATRIX, verdicts: greenVerdicts(), rules, meta });
    assert.match(html, /data-rule="AC-PERM-F04">AC-PERM-F04<\/td><td>A customer never sees internal notes<\/td><td>FAIL<\/td>/);
    assert.ok(html.includes('portal showed &lt;b&gt;&quot;secret&quot;&lt;/b&gt; &amp; more'));
    assert.ok(!html.includes('<b>"secret"</b>'));
    assert.match(html, /rules: 1 green, 1 red/);
  });
});

describe('the matrix run time in the report header', () => {
  it('spans from the first recorded start to the last recorded end, and says when nothing was recorded', () => {
    assert.equal(describeMatrixRunTime([], 2), 'matrix run time not recorded');
    const spans = [{ startedAt: 5_000, endedAt: 61_000 }, { startedAt: 1_000, endedAt: 5_000 }, { startedAt: 6_000, endedAt: 92_400 }];
    assert.equal(describeMatrixRunTime(spans, 2), 'matrix run time 91 s on 2 worker(s)');
    const html = renderMatrixReport({ matrix: EXPECTED_MATRIX, verdicts: greenVerdicts(), rules: [], meta: { ...meta, runTime: 'matrix run time 91 s on 2 worker(s)' } });
    assert.match(html, /class="meta">[^<]*matrix run time 91 s on 2 worker\(s\)<\/p>/);
  });
});
