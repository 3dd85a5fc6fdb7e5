/**
 * SLA clocks of a ticket (docs/service.md §3). Pure: every function takes "now" as epoch
 * milliseconds, so the server passes now(req) and tests pass any instant they like.
 * Boundaries: an event exactly at its due time meets the SLA; a clock is breached only once
 * now is strictly after the due time.
 */
import type { Priority } from './vocab.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface SlaTarget {
  firstResponseMs: number;
  resolutionMs: number;
  firstResponseLabel: string;
  resolutionLabel: string;
}

/** Calendar time, counted from creation (or from the latest reopen). */
export const SLA_TARGETS: Readonly<Record<Priority, SlaTarget>> = {
  P1: { firstResponseMs: 1 * HOUR_MS, resolutionMs: 4 * HOUR_MS, firstResponseLabel: '1 hour', resolutionLabel: '4 hours' },
  P2: { firstResponseMs: 4 * HOUR_MS, resolutionMs: 1 * DAY_MS, firstResponseLabel: '4 hours', resolutionLabel: '1 day' },
  P3: { firstResponseMs: 8 * HOUR_MS, resolutionMs: 3 * DAY_MS, firstResponseLabel: '8 hours', resolutionLabel: '3 days' },
  P4: { firstResponseMs: 1 * DAY_MS, resolutionMs: 5 * DAY_MS, firstResponseLabel: '1 day', resolutionLabel: '5 days' },
};

/** A Resolved ticket the customer has not confirmed closes itself this long after resolution. */
export const AUTO_CLOSE_AFTER_MS = 3 * DAY_MS;
/** The customer may reopen this long after resolution (Resolved or Closed). */
export const REOPEN_WINDOW_MS = 7 * DAY_MS;

/** The facts of one SLA cycle (creation → resolution, or reopen → resolution), epoch ms. */
export interface SlaFacts {
  priority: Priority;
  cycleStartedAt: number;
  /** first public reply by staff in this cycle */
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  /** sum of the finished "Pending customer" intervals of this cycle */
  pausedMs: number;
  /** start of the running "Pending customer" interval */
  pausedSince: number | null;
}

/** Switches that the defect catalogue can turn off (sla-pause-ignored, sla-breach-not-flagged). */
export interface SlaRules {
  honourPause: boolean;
  flagFirstResponseBreach: boolean;
}

export const CORRECT_SLA_RULES: SlaRules = { honourPause: true, flagFirstResponseBreach: true };

/** running: counting down; paused: resolution clock stopped by Pending customer; met / breached: final or overdue. */
export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export interface ClockView {
  dueAt: number;
  state: ClockState;
  breached: boolean;
  /** due − now while the clock has not stopped; null once the event happened */
  remainingMs: number | null;
  /** when the clock stopped (the event), if it did */
  stoppedAt: number | null;
}

export interface SlaView {
  firstResponse: ClockView;
  resolution: ClockView;
  /** paused time counted into the resolution due time so far */
  pausedMs: number;
  paused: boolean;
}

export function firstResponseDueAt(f: Pick<SlaFacts, 'priority' | 'cycleStartedAt'>): number {
  return f.cycleStartedAt + SLA_TARGETS[f.priority].firstResponseMs;
}

/** Paused time of the cycle up to `now`, including a pause still running. */
export function pausedSoFar(f: SlaFacts, now: number): number {
  const running = f.pausedSince === null ? 0 : Math.max(0, now - f.pausedSince);
  return f.pausedMs + running;
}

/** Resolution due = start + target + paused time; while paused it moves with the clock so the remaining time stays put. */
export function resolutionDueAt(f: SlaFacts, now: number, rules: SlaRules = CORRECT_SLA_RULES): number {
  const base = f.cycleStartedAt + SLA_TARGETS[f.priority].resolutionMs;
  return rules.honourPause ? base + pausedSoFar(f, now) : base;
}

/** The first-response clock stops at the first public staff reply or at resolution, whichever comes first. */
export function evaluateFirstResponse(f: SlaFacts, now: number, rules: SlaRules = CORRECT_SLA_RULES): ClockView {
  const dueAt = firstResponseDueAt(f);
  const events = [f.firstRespondedAt, f.resolvedAt].filter((t): t is number => t !== null);
  if (events.length > 0) {
    const stoppedAt = Math.min(...events);
    const breached = stoppedAt > dueAt && rules.flagFirstResponseBreach;
    return { dueAt, state: breached ? 'breached' : 'met', breached, remainingMs: null, stoppedAt };
  }
  const breached = now > dueAt && rules.flagFirstResponseBreach;
  return { dueAt, state: breached ? 'breached' : 'running', breached, remainingMs: dueAt - now, stoppedAt: null };
}

export function evaluateResolution(f: SlaFacts, now: number, rules: SlaRules = CORRECT_SLA_RULES): ClockView {
  if (f.resolvedAt !== null) {
    const dueAt = resolutionDueAt({ ...f, pausedSince: null }, f.resolvedAt, rules);
    const breached = f.resolvedAt > dueAt;
    return { dueAt, state: breached ? 'breached' : 'met', breached, remainingMs: null, stoppedAt: f.resolvedAt };
  }
  const dueAt = resolutionDueAt(f, now, rules);
  const breached = now > dueAt;
  const paused = f.pausedSince !== null && rules.honourPause;
  const state: ClockState = breached ? 'breached' : paused ? 'paused' : 'running';
  return { dueAt, state, breached, remainingMs: dueAt - now, stoppedAt: null };
}

export function evaluateSla(f: SlaFacts, now: number, rules: SlaRules = CORRECT_SLA_RULES): SlaView {
  return {
    firstResponse: evaluateFirstResponse(f, now, rules),
    resolution: evaluateResolution(f, now, rules),
    pausedMs: rules.honourPause ? pausedSoFar(f, f.resolvedAt ?? now) : 0,
    paused: f.pausedSince !== null && f.resolvedAt === null && rules.honourPause,
  };
}

/** "1d 2h 5m left", "45m left", "1h 5m overdue": the same wording as the live countdown in /static/app.js. */
export function formatRemaining(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = d ? [`${d}d`, `${h}h`, `${m}m`] : h ? [`${h}h`, `${m}m`] : [`${m}m`];
  return `${parts.join(' ')} ${ms >= 0 ? 'left' : 'overdue'}`;
}
