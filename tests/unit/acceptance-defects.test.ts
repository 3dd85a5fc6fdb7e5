import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defectKind, groupDefects, normaliseMessage } from '../../fixtures/acceptance/defect-causes.js';
import { run } from './acceptance-support.js';

const toHaveText = (expected: string, received: string, locator = "getByTestId('quote-status')") =>
  `Error: expect(locator).toHaveText(expected) failed\n\nLocator: ${locator}\nExpected: "${expected}"\nReceived: "${received}"\nTimeout: 5000ms\n\nCall log:\n  - waiting for ${locator}`;

describe('defects grouped by cause', () => {
  it('one assertion failing on different records, amounts and data tags is one defect', () => {
    const a = run('deal 1', { status: 'failed', criteria: ['AC-L2C-04'], message: 'Error: line net of Q-000012 (5426iea0) on screen\n\nExpected: "$18.05"\nReceived: "$18.04"' });
    const b = run('deal 2', { status: 'failed', criteria: ['AC-L2C-22'], message: 'Error: line net of Q-000031 (77abq91z) on screen\n\nExpected: "$0.05"\nReceived: "$0.04"' });
    const groups = groupDefects([a, b]);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.tests.map((t) => t.name), ['deal 1', 'deal 2']);
    assert.deepEqual(groups[0]!.criteria, ['AC-L2C-04', 'AC-L2C-22']);
  });

  it('two different assertions stay two defects, even with the same matcher', () => {
    const a = run('a', { status: 'failed', message: toHaveText('Approved', 'Draft') });
    const b = run('b', { status: 'failed', message: toHaveText('Paid', 'Issued', "getByTestId('invoice-status')") });
    assert.equal(groupDefects([a, b]).length, 2);
  });

  it('what was received, the call log, numbers and timestamps do not split a defect', () => {
    assert.equal(normaliseMessage(toHaveText('Approved', 'Draft')), normaliseMessage(toHaveText('Approved', 'Pending approval')));
    assert.equal(normaliseMessage('due 2026-12-01T10:00:00.000Z, 3 days'), normaliseMessage('due 2027-01-02T11:30:00Z, 14 days'));
    assert.notEqual(normaliseMessage('invoice total differs'), normaliseMessage('order total differs'));
  });

  it('passed tests are no defects', () => {
    assert.deepEqual(groupDefects([run('ok')]), []);
  });

  it('separates product defects, test defects and environment problems', () => {
    assert.equal(defectKind(run('a', { status: 'failed', message: 'Error: expected Paid' })), 'product');
    assert.equal(defectKind(run('b', { status: 'broken', message: 'TypeError: x is undefined' })), 'test');
    assert.equal(defectKind(run('c', { status: 'failed', message: 'session expired for role salesRep' })), 'environment');
    assert.equal(defectKind(run('d', { status: 'broken', message: 'page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:4310/' })), 'environment');
  });
});
