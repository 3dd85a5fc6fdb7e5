import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  autoCloseAt, autoClosed, countdownAgrees, countdownRange, durationMs, exactly, firstResponseDue, isBreached,
  parseCountdown, pausedTime, reopenAllowed, reopenDeadline, resolutionDue, resolutionDueWindow, windowOf,
} from '../../profiles/demo-crm/domain/sla.js';

// Worked examples computed by hand from the documented SLA table; the calculator must reproduce them.
const at = (iso: string): number => Date.parse(iso);
const created = at('2026-03-02T09:00:00.000Z');

describe('expected SLA due times (documented table)', () => {
  it('turns durations people say into milliseconds', () => {
    assert.equal(durationMs({ days: 1, hours: 2, minutes: 3, seconds: 4, ms: 5 }), 93_784_005);
    assert.equal(durationMs({}), 0);
    assert.throws(() => durationMs({ hours: 0.5e-9 }), RangeError);
  });

  it('gives every priority its first-response and resolution targets from creation', () => {
    const expected = {
      P1: ['2026-03-02T10:00:00.000Z', '2026-03-02T13:00:00.000Z'],
      P2: ['2026-03-02T13:00:00.000Z', '2026-03-03T09:00:00.000Z'],
      P3: ['2026-03-02T17:00:00.000Z', '2026-03-05T09:00:00.000Z'],
      P4: ['2026-03-03T09:00:00.000Z', '2026-03-07T09:00:00.000Z'],
    } as const;
    for (const [priority, [first, resolution]] of Object.entries(expected)) {
      const p = priority as keyof typeof expected;
      assert.equal(new Date(firstResponseDue(p, created)).toISOString(), first, `${p} first response`);
      assert.equal(new Date(resolutionDue(p, created)).toISOString(), resolution, `${p} resolution`);
    }
  });

  it('pushes the resolution due time back by the time spent pending the customer', () => {
    // P2 created 09:00, pending 10:00–16:30 (6h30m): due 09:00 next day + 6h30m = 15:30
    const pauses = [{ from: at('2026-03-02T10:00:00.000Z'), to: at('2026-03-02T16:30:00.000Z') }];
    assert.equal(new Date(resolutionDue('P2', created, pauses)).toISOString(), '2026-03-03T15:30:00.000Z');
  });

  it('adds up several pauses and lets a running pause move the due time with the clock', () => {
    const pauses = [
      { from: at('2026-03-02T10:00:00.000Z'), to: at('2026-03-02T11:00:00.000Z') },
      { from: at('2026-03-02T12:00:00.000Z'), to: null },
    ];
    // 1h finished + 3h running at 15:00 = 4h
    assert.equal(pausedTime(pauses, at('2026-03-02T15:00:00.000Z')), 4 * 3_600_000);
    const dueAt15 = resolutionDue('P1', created, pauses, at('2026-03-02T15:00:00.000Z'));
    const dueAt17 = resolutionDue('P1', created, pauses, at('2026-03-02T17:00:00.000Z'));
    assert.equal(new Date(dueAt15).toISOString(), '2026-03-02T17:00:00.000Z');
    // two more hours of pause: remaining time (due − now) stays 2h
    assert.equal(dueAt15 - at('2026-03-02T15:00:00.000Z'), dueAt17 - at('2026-03-02T17:00:00.000Z'));
  });

  it('refuses a pause that ends before it starts', () => {
    assert.throws(() => pausedTime([{ from: created, to: created - 1 }], created), RangeError);
  });

  it('flags a breach only strictly after the due time', () => {
    const due = firstResponseDue('P1', created);
    assert.equal(isBreached(due, null, due), false, 'exactly at the due time');
    assert.equal(isBreached(due, null, due + 1), true, 'one millisecond later');
    assert.equal(isBreached(due, due, due + 3_600_000), false, 'answered on time, read later');
    assert.equal(isBreached(due, due + 1, due + 1), true, 'answered late');
  });
});

describe('the worked examples of demo-crm/docs/service.md §3–§4', () => {
  it('example 3: a P2 pending the customer for 20 hours keeps 22 hours left and is due 20 hours later', () => {
    const start = at('2026-03-02T09:00:00.000Z');
    const pendingFrom = at('2026-03-02T11:00:00.000Z');
    for (const during of ['2026-03-02T11:00:00.000Z', '2026-03-02T20:00:00.000Z', '2026-03-03T06:59:00.000Z']) {
      const now = at(during);
      assert.equal(resolutionDue('P2', start, [{ from: pendingFrom, to: null }], now) - now, 22 * 3_600_000, `left at ${during}`);
    }
    const due = resolutionDue('P2', start, [{ from: pendingFrom, to: at('2026-03-03T07:00:00.000Z') }]);
    assert.equal(new Date(due).toISOString(), '2026-03-04T05:00:00.000Z');
    assert.equal(isBreached(due, null, at('2026-03-03T15:00:00.000Z')), false);
  });

  it('example 4: a reopened P3 gets new due times from the reopen', () => {
    const reopened = at('2026-03-06T08:00:00.000Z');
    assert.equal(new Date(firstResponseDue('P3', reopened)).toISOString(), '2026-03-06T16:00:00.000Z');
    assert.equal(new Date(resolutionDue('P3', reopened)).toISOString(), '2026-03-09T08:00:00.000Z');
  });

  it('§4: resolved 2026-03-05T12:00Z closes itself just after 2026-03-08T12:00Z and reopens until 2026-03-12T12:00Z', () => {
    const resolved = at('2026-03-05T12:00:00.000Z');
    assert.equal(autoClosed(resolved, at('2026-03-08T12:00:00.000Z')), false);
    assert.equal(autoClosed(resolved, at('2026-03-08T12:00:00.001Z')), true);
    assert.equal(reopenAllowed(resolved, at('2026-03-12T12:00:00.000Z')), true);
    assert.equal(reopenAllowed(resolved, at('2026-03-12T12:00:00.001Z')), false);
  });
});

describe('reopen window and automatic close', () => {
  const resolved = at('2026-03-10T12:00:00.000Z');

  it('allows reopening up to and including 7 days after resolution', () => {
    assert.equal(new Date(reopenDeadline(resolved)).toISOString(), '2026-03-17T12:00:00.000Z');
    assert.equal(reopenAllowed(resolved, reopenDeadline(resolved)), true);
    assert.equal(reopenAllowed(resolved, reopenDeadline(resolved) + 1), false);
    assert.equal(reopenAllowed(resolved, at('2026-03-11T00:00:00.000Z')), true);
  });

  it('closes an unconfirmed resolution once more than 3 days have passed', () => {
    assert.equal(new Date(autoCloseAt(resolved)).toISOString(), '2026-03-13T12:00:00.000Z');
    assert.equal(autoClosed(resolved, autoCloseAt(resolved)), false);
    assert.equal(autoClosed(resolved, autoCloseAt(resolved) + 1), true);
  });
});

describe('due-time windows from instants known between two clock readings', () => {
  it('spans the shortest to the longest possible pause', () => {
    // pause started 10:00:00–10:00:02, ended 12:00:05–12:00:06 → paused between 2h00m03s and 2h00m06s
    const w = resolutionDueWindow('P2', created, [{
      from: windowOf(at('2026-03-02T10:00:00.000Z'), at('2026-03-02T10:00:02.000Z')),
      to: windowOf(at('2026-03-02T12:00:05.000Z'), at('2026-03-02T12:00:06.000Z')),
    }]);
    assert.equal(new Date(w.earliest).toISOString(), '2026-03-03T11:00:03.000Z');
    assert.equal(new Date(w.latest).toISOString(), '2026-03-03T11:00:06.000Z');
  });

  it('collapses to the exact due time when the instants are exact', () => {
    const w = resolutionDueWindow('P3', created, [{ from: exactly(created), to: exactly(created + 60_000) }]);
    assert.equal(w.earliest, w.latest);
    assert.equal(w.earliest, resolutionDue('P3', created) + 60_000);
  });

  it('refuses a window that ends before it starts', () => {
    assert.throws(() => windowOf(2, 1), RangeError);
  });
});

describe('reading the SLA countdown on screen', () => {
  it('reads days, hours and minutes, left or overdue, paused or not', () => {
    assert.equal(parseCountdown('1d 2h 5m left'), durationMs({ days: 1, hours: 2, minutes: 5 }));
    assert.equal(parseCountdown('45m left'), durationMs({ minutes: 45 }));
    assert.equal(parseCountdown('1h 0m overdue'), -durationMs({ hours: 1 }));
    assert.equal(parseCountdown('3h 59m left (paused)'), durationMs({ hours: 3, minutes: 59 }));
    assert.throws(() => parseCountdown('soon'), /not an SLA countdown/);
  });

  it('knows a floored minute stands for a whole minute of true remaining time', () => {
    assert.deepEqual(countdownRange('5m left'), { earliest: 300_000, latest: 359_999 });
    assert.deepEqual(countdownRange('5m overdue'), { earliest: -359_999, latest: -300_000 });
    assert.deepEqual(countdownRange('0m overdue'), { earliest: -59_999, latest: -1 });
  });

  it('accepts a countdown that matches the due time as read, and rejects one that does not', () => {
    const due = exactly(at('2026-03-02T13:00:00.000Z'));
    const readAt = windowOf(at('2026-03-02T11:00:10.000Z'), at('2026-03-02T11:00:12.000Z'));
    assert.equal(countdownAgrees('1h 59m left', due, readAt), true);
    assert.equal(countdownAgrees('2h 0m left', due, readAt), false);
    assert.equal(countdownAgrees('1h 58m left', due, readAt), false);
    assert.equal(countdownAgrees('1h 59m overdue', due, readAt), false);
  });
});
