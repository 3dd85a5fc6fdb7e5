/**
 * The pure service-desk rules (docs/service.md §2–§4): SLA clocks, boundaries, pause, derived
 * statuses and the transition table. Expected values come from the documented table.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CORRECT_SLA_RULES, evaluateFirstResponse, evaluateResolution, evaluateSla, formatRemaining, type SlaFacts,
} from '../src/modules/service/sla.js';
import { deriveStatus, reopenWindowOpen, transitionFor, transitionRefusal, type StatusFacts } from '../src/modules/service/workflow.js';
import { DAY, DOCUMENTED_SLA, HOUR, MINUTE, type Priority } from './service-helpers.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');

function facts(o: Partial<SlaFacts> = {}): SlaFacts {
  return { priority: 'P2', cycleStartedAt: T0, firstRespondedAt: null, resolvedAt: null, pausedMs: 0, pausedSince: null, ...o };
}

describe('SLA due times', () => {
  for (const p of Object.keys(DOCUMENTED_SLA) as Priority[]) {
    test(`${p}: first response and resolution are due ${DOCUMENTED_SLA[p].firstResponse / HOUR} h / ${DOCUMENTED_SLA[p].resolution / HOUR} h after the start`, () => {
      const sla = evaluateSla(facts({ priority: p }), T0 + MINUTE);
      assert.equal(sla.firstResponse.dueAt, T0 + DOCUMENTED_SLA[p].firstResponse);
      assert.equal(sla.resolution.dueAt, T0 + DOCUMENTED_SLA[p].resolution);
      assert.equal(sla.firstResponse.remainingMs, DOCUMENTED_SLA[p].firstResponse - MINUTE);
      assert.equal(sla.firstResponse.state, 'running');
    });
  }

  test('a first response exactly at the due time meets the SLA; one millisecond later breaches it', () => {
    const due = T0 + DOCUMENTED_SLA.P2.firstResponse;
    assert.equal(evaluateFirstResponse(facts({ firstRespondedAt: due }), due + HOUR).state, 'met');
    const late = evaluateFirstResponse(facts({ firstRespondedAt: due + 1 }), due + HOUR);
    assert.equal(late.state, 'breached');
    assert.equal(late.breached, true);
  });

  test('without a response the clock is on track at the due instant and breached right after', () => {
    const due = T0 + DOCUMENTED_SLA.P1.firstResponse;
    assert.equal(evaluateFirstResponse(facts({ priority: 'P1' }), due).breached, false);
    const over = evaluateFirstResponse(facts({ priority: 'P1' }), due + 1);
    assert.equal(over.breached, true);
    assert.equal(over.remainingMs, -1);
  });

  test('the first-response clock stops at resolution when nobody replied publicly', () => {
    const fr = evaluateFirstResponse(facts({ resolvedAt: T0 + HOUR }), T0 + 10 * DAY);
    assert.equal(fr.state, 'met');
    assert.equal(fr.stoppedAt, T0 + HOUR);
  });

  test('a resolution after the due time is a resolution breach, and stays one', () => {
    const due = T0 + DOCUMENTED_SLA.P2.resolution;
    const r = evaluateResolution(facts({ resolvedAt: due + MINUTE }), due + 5 * DAY);
    assert.equal(r.state, 'breached');
    assert.equal(evaluateResolution(facts({ resolvedAt: due }), due + 5 * DAY).state, 'met');
  });
});

describe('Pending customer pauses the resolution clock', () => {
  test('while paused the remaining time does not shrink and the due time moves with the clock', () => {
    const pausedSince = T0 + 2 * HOUR;
    const f = facts({ pausedSince });
    const early = evaluateResolution(f, pausedSince + MINUTE);
    const later = evaluateResolution(f, pausedSince + 30 * HOUR);
    assert.equal(early.state, 'paused');
    assert.equal(later.state, 'paused');
    assert.equal(later.remainingMs, DOCUMENTED_SLA.P2.resolution - 2 * HOUR);
    assert.equal(early.remainingMs, later.remainingMs);
    assert.equal(later.dueAt, T0 + DOCUMENTED_SLA.P2.resolution + 30 * HOUR);
  });

  test('after the pause the due time is shifted by exactly the paused duration; pauses add up', () => {
    const f = facts({ pausedMs: 3 * HOUR + 5 * HOUR });
    assert.equal(evaluateResolution(f, T0 + 10 * HOUR).dueAt, T0 + DOCUMENTED_SLA.P2.resolution + 8 * HOUR);
  });

  test('the first-response clock is not paused', () => {
    const f = facts({ pausedSince: T0 + MINUTE });
    assert.equal(evaluateFirstResponse(f, T0 + 5 * HOUR).breached, true);
  });

  test('with the sla-pause-ignored defect the pause changes nothing', () => {
    const rules = { ...CORRECT_SLA_RULES, honourPause: false };
    const f = facts({ pausedMs: 2 * HOUR, pausedSince: T0 + 5 * HOUR });
    const r = evaluateResolution(f, T0 + 20 * HOUR, rules);
    assert.equal(r.dueAt, T0 + DOCUMENTED_SLA.P2.resolution);
    assert.equal(r.state, 'running');
  });

  test('with the sla-breach-not-flagged defect an overdue first response is not a breach', () => {
    const rules = { ...CORRECT_SLA_RULES, flagFirstResponseBreach: false };
    assert.equal(evaluateFirstResponse(facts({ priority: 'P1' }), T0 + 2 * HOUR, rules).breached, false);
  });
});

describe('Statuses derived from the clock', () => {
  const base: StatusFacts = {
    status: 'New', priority: 'P1', firstRespondedAt: null, firstResponseDueAt: T0 + HOUR, resolvedAt: null,
    autoEscalatedAt: null, deEscalatedAt: null,
  };

  test('a P1 without a first response escalates once its due time has passed', () => {
    assert.equal(deriveStatus(base, T0 + HOUR, CORRECT_SLA_RULES).status, 'New');
    const d = deriveStatus(base, T0 + HOUR + 1, CORRECT_SLA_RULES);
    assert.equal(d.status, 'Escalated');
    assert.equal(d.autoEscalatedAt, T0 + HOUR);
    assert.equal(deriveStatus({ ...base, status: 'Open' }, T0 + 2 * HOUR, CORRECT_SLA_RULES).status, 'Escalated');
    assert.equal(deriveStatus({ ...base, status: 'Reopened' }, T0 + 2 * HOUR, CORRECT_SLA_RULES).status, 'Escalated');
  });

  test('no automatic escalation for other priorities, after a response, from Pending customer, after de-escalation, or with the defect', () => {
    const late = T0 + 3 * HOUR;
    assert.equal(deriveStatus({ ...base, priority: 'P2' }, late, CORRECT_SLA_RULES).status, 'New');
    assert.equal(deriveStatus({ ...base, firstRespondedAt: T0 + 2 * HOUR }, late, CORRECT_SLA_RULES).status, 'New');
    assert.equal(deriveStatus({ ...base, status: 'Pending customer' }, late, CORRECT_SLA_RULES).status, 'Pending customer');
    assert.equal(deriveStatus({ ...base, status: 'Open', deEscalatedAt: T0 + 2 * HOUR }, late, CORRECT_SLA_RULES).status, 'Open');
    assert.equal(deriveStatus(base, late, { ...CORRECT_SLA_RULES, flagFirstResponseBreach: false }).status, 'New');
  });

  test('a Resolved ticket closes itself 3 days after resolution (not at the 3-day instant)', () => {
    const resolved: StatusFacts = { ...base, status: 'Resolved', priority: 'P3', resolvedAt: T0 };
    assert.equal(deriveStatus(resolved, T0 + 3 * DAY, CORRECT_SLA_RULES).status, 'Resolved');
    const d = deriveStatus(resolved, T0 + 3 * DAY + 1, CORRECT_SLA_RULES);
    assert.equal(d.status, 'Closed');
    assert.equal(d.autoClosedAt, T0 + 3 * DAY);
  });

  test('reopening is allowed up to and including 7 days after resolution', () => {
    assert.equal(reopenWindowOpen(T0, T0 + 7 * DAY), true);
    assert.equal(reopenWindowOpen(T0, T0 + 7 * DAY + 1), false);
  });
});

describe('Transition table', () => {
  const expected: [string, string, boolean, string | null][] = [
    ['take', 'New', false, 'Open'],
    ['take', 'New', true, null],
    ['take', 'Open', false, null],
    ['pending', 'Open', true, 'Pending customer'],
    ['pending', 'New', false, null],
    ['pending', 'Escalated', true, null],
    ['resume', 'Pending customer', true, 'Open'],
    ['resume', 'Reopened', true, 'Open'],
    ['resolve', 'Open', true, 'Resolved'],
    ['resolve', 'Escalated', true, 'Resolved'],
    ['resolve', 'Escalated', false, null],
    ['resolve', 'New', false, null],
    ['resolve', 'Closed', true, null],
    ['escalate', 'Open', true, 'Escalated'],
    ['escalate', 'Resolved', true, null],
    ['de-escalate', 'Escalated', true, 'Open'],
    ['de-escalate', 'Escalated', false, 'New'],
    ['customer-reply', 'Pending customer', true, 'Open'],
    ['customer-reply', 'Resolved', true, null],
    ['confirm', 'Resolved', true, 'Closed'],
    ['confirm', 'Open', true, null],
    ['reopen', 'Closed', true, 'Reopened'],
    ['reopen', 'Open', true, null],
  ];
  for (const [action, from, assigned, to] of expected) {
    test(`${action} from ${from}${assigned ? ' (assigned)' : ''} → ${to ?? 'refused'}`, () => {
      const t = transitionFor(action as never, from as never, assigned);
      assert.equal(t === null ? null : t.to === 'same' ? from : t.to, to);
    });
  }

  test('a refusal names the status and the statuses the action is allowed from', () => {
    assert.match(transitionRefusal('pending', 'New', false), /not allowed while the ticket is New.*Open, Reopened/);
    assert.match(transitionRefusal('resolve', 'Escalated', false), /Assign the ticket before resolving/);
  });
});

test('remaining time reads like the live countdown', () => {
  assert.equal(formatRemaining(59 * MINUTE), '59m left');
  assert.equal(formatRemaining(2 * HOUR + 5 * MINUTE), '2h 5m left');
  assert.equal(formatRemaining(DAY + 3 * HOUR), '1d 3h 0m left');
  assert.equal(formatRemaining(-(HOUR + 30 * MINUTE)), '1h 30m overdue');
});
