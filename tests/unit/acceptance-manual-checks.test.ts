import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { judgeCatalogue, judgeCriterion } from '../../fixtures/acceptance/criterion-status.js';
import { AcceptanceInputError } from '../../fixtures/acceptance/input-error.js';
import { readManualChecks, type ManualCheck } from '../../fixtures/acceptance/manual-checks.js';
import { decide } from '../../fixtures/acceptance/verdict.js';
import { catalogueOf, criterion, evidence, tempDir } from './acceptance-support.js';

const wording = criterion('AC-USE-02', { area: 'usability', manual: true });
const check = (verdict: 'pass' | 'fail', when = '2026-11-28'): ManualCheck => ({ criterion: 'AC-USE-02', who: 'Mei Lin (sales key user)', when, verdict, evidence: 'https://wiki.example.com/uat/wording' });

describe('manual checks', () => {
  it('a must-criterion that needs a person and has no result is not covered, and rejects', () => {
    const results = judgeCatalogue(catalogueOf(wording), evidence());
    assert.equal(results[0]!.status, 'not-covered');
    assert.equal(decide(results).verdict, 'Reject');
  });

  it('a recorded pass or fail decides it, the latest result winning', () => {
    assert.equal(judgeCriterion(wording, evidence({ manualChecks: [check('pass')] })).status, 'manual-pass');
    assert.equal(judgeCriterion(wording, evidence({ manualChecks: [check('fail')] })).status, 'manual-fail');
    assert.equal(judgeCriterion(wording, evidence({ manualChecks: [check('fail', '2026-11-20'), check('pass', '2026-11-28')] })).status, 'manual-pass');
    assert.equal(decide(judgeCatalogue(catalogueOf(wording), evidence({ manualChecks: [check('fail')] }))).verdict, 'Reject');
  });

  it('a malformed manual-checks file names the file, entry and field', () => {
    const file = path.join(tempDir(), 'manual-checks.json');
    fs.writeFileSync(file, JSON.stringify([{ ...check('pass'), verdict: 'ok' }]));
    assert.throws(() => readManualChecks(file), (e: Error) => e instanceof AcceptanceInputError && e.message.includes(file) && /entry 1 \(AC-USE-02\), field verdict/.test(e.message));
  });
});
