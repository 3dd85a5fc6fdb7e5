import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { judgeCriterion } from '../../fixtures/acceptance/criterion-status.js';
import { AcceptanceInputError } from '../../fixtures/acceptance/input-error.js';
import { isExpired, readKnownDefects, type KnownDefect } from '../../fixtures/acceptance/known-defects.js';
import { criterion, evidence, run, tempDir, TODAY } from './acceptance-support.js';

const entry = (extra: Partial<KnownDefect> = {}): KnownDefect => ({
  criterion: 'AC-L2C-04', tracker: 'CRM-812', link: 'https://tracker.example.com/CRM-812', reason: 'rounding fix ships in 2.4', owner: 'sales-team', date: '2026-11-20', expires: '2026-12-31', ...extra,
});
const failing = run('quote totals', { status: 'failed', criteria: ['AC-L2C-04'], message: 'Error: total differs' });

describe('known defects', () => {
  it('a live entry shows the failure as a known defect with its link, never as a pass', () => {
    const result = judgeCriterion(criterion('AC-L2C-04'), evidence({ runs: [failing], knownDefects: [entry()] }));
    assert.equal(result.status, 'known-defect');
    assert.equal(result.knownDefect?.link, 'https://tracker.example.com/CRM-812');
  });

  it('an entry on a criterion that passes changes nothing', () => {
    const result = judgeCriterion(criterion('AC-L2C-04'), evidence({ runs: [run('ok', { criteria: ['AC-L2C-04'] })], knownDefects: [entry()] }));
    assert.equal(result.status, 'passed');
  });

  it('an expired entry counts as a plain failure; it counts through its expiry day', () => {
    const expired = judgeCriterion(criterion('AC-L2C-04'), evidence({ runs: [failing], knownDefects: [entry({ expires: '2026-11-30' })] }));
    assert.equal(expired.status, 'failed');
    assert.equal(expired.expiredDefect?.tracker, 'CRM-812');
    assert.equal(isExpired(entry({ expires: '2026-12-01' }), TODAY), false);
    assert.equal(isExpired(entry({ expires: '2026-11-30' }), TODAY), true);
  });

  it('an entry may name the failing test instead of the criterion', () => {
    const byTest = entry({ criterion: undefined, test: 'quote totals' });
    delete byTest.criterion;
    assert.equal(judgeCriterion(criterion('AC-L2C-04'), evidence({ runs: [failing], knownDefects: [byTest] })).status, 'known-defect');
    assert.equal(judgeCriterion(criterion('AC-L2C-04'), evidence({ runs: [failing], knownDefects: [{ ...byTest, test: 'another test' }] })).status, 'failed');
  });

  it('a malformed register names the file, the entry and the field', () => {
    const file = path.join(tempDir(), 'known-defects.json');
    fs.writeFileSync(file, JSON.stringify([entry(), { ...entry({ tracker: 'CRM-9' }), link: 'not a link' }]));
    assert.throws(() => readKnownDefects(file), (e: Error) => e instanceof AcceptanceInputError && e.message.includes(file) && /entry 2 \(CRM-9\), field link/.test(e.message));
    fs.writeFileSync(file, JSON.stringify([entry()]));
    assert.equal(readKnownDefects(file).length, 1);
  });
});
