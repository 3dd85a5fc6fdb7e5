import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approverFor, STAGE_PROBABILITY } from '../../profiles/demo-crm/domain/sales-rules.js';

describe('documented sales rules', () => {
  it('routes discounts to the right approver at each threshold', () => {
    assert.equal(approverFor(0), 'none');
    assert.equal(approverFor(1000), 'none'); // exactly 10 %
    assert.equal(approverFor(1001), 'manager'); // 10.01 %
    assert.equal(approverFor(3000), 'manager'); // exactly 30 %
    assert.equal(approverFor(3001), 'admin'); // 30.01 %
    assert.equal(approverFor(10_000), 'admin');
  });

  it('gives each stage its probability', () => {
    assert.deepEqual(Object.values(STAGE_PROBABILITY), [10, 25, 50, 75, 100, 0]);
  });
});
