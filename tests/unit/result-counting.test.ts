import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, parseNodeTestSummaries, parsePlaywrightReport } from '../../scripts/lib/result-counting.js';

describe('result counting', () => {
  it('reads the closing summary of node:test in spec and TAP form, one per run', () => {
    const log = [
      '▶ pricing', '  ✔ rounds half up (1ms)', 'ℹ tests 12', 'ℹ suites 3', 'ℹ pass 11', 'ℹ fail 1', 'ℹ cancelled 0', 'ℹ skipped 0', 'ℹ todo 0',
      '> npm run test:unit', 'ok 1 - a', '    # pass 99', '1..3', '# tests 3', '# suites 0', '# pass 2', '# fail 0', '# cancelled 1', '# skipped 0', '# todo 0',
    ].join('\n');
    assert.deepEqual(parseNodeTestSummaries(log), [
      { passed: 11, failed: 1, skipped: 0 },
      { passed: 2, failed: 1, skipped: 0 },
    ]);
  });

  it('finds nothing in a log without a test run', () => {
    assert.deepEqual(parseNodeTestSummaries('> tsc --noEmit\nerror TS2322: nope\n'), []);
  });

  it("reads Playwright's JSON stats, counting flaky (passed only on its retry) as failed and global errors as a failure", () => {
    assert.deepEqual(parsePlaywrightReport({ stats: { expected: 30, unexpected: 2, flaky: 1, skipped: 4 } }), { passed: 30, failed: 3, skipped: 4 });
    assert.deepEqual(parsePlaywrightReport({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{ message: 'webServer failed' }] }), {
      passed: 0,
      failed: 1,
      skipped: 0,
    });
  });

  it('prints the CI line with skipped only when there are some', () => {
    assert.equal(formatSummary({ passed: 5, failed: 0, skipped: 0 }), '5 passed, 0 failed');
    assert.equal(formatSummary({ passed: 5, failed: 1, skipped: 2 }), '5 passed, 1 failed, 2 skipped');
  });
});
