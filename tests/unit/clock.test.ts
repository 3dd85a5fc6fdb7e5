import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDuration } from '../../profiles/demo-crm/clock.js';

describe('business clock step titles', () => {
  it('says a duration the way people do', () => {
    assert.equal(describeDuration({ hours: 6 }), '6 hours');
    assert.equal(describeDuration({ days: 1, minutes: 5 }), '1 day 5 minutes');
    assert.equal(describeDuration({ days: 2, hours: 23, minutes: 50 }), '2 days 23 hours 50 minutes');
    assert.equal(describeDuration({}), '0 seconds');
  });
});
