import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordsVideo } from '../../fixtures/cast.js';

describe('which attempt of a test records its actors\' video', () => {
  it('follows Playwright\'s video modes: every attempt, the first retry only, the first attempt only, or none', () => {
    const attempts = (mode: string) => [0, 1, 2].map((retry) => recordsVideo(mode, retry));
    assert.deepEqual(attempts('on'), [true, true, true]);
    assert.deepEqual(attempts('retain-on-failure'), [true, true, true]);
    assert.deepEqual(attempts('on-first-retry'), [false, true, false]);
    assert.deepEqual(attempts('retain-on-first-failure'), [true, false, false]);
    assert.deepEqual(attempts('off'), [false, false, false]);
  });
});
