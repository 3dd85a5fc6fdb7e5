/**
 * What a user spends on a task: clicks, keystrokes, page changes and time, per step. Pure; the
 * counting in the browser is in effort-meter.ts.
 */
export interface Effort {
  clicks: number;
  keystrokes: number;
  pageChanges: number;
  ms: number;
}

export interface StepEffort extends Effort {
  step: string;
}

export interface TaskEffort extends Effort {
  task: string;
  steps: StepEffort[];
}

export const ZERO: Effort = { clicks: 0, keystrokes: 0, pageChanges: 0, ms: 0 };

/** The user actions of an effort: what a usability budget counts. */
export const actionsOf = (e: Effort): number => e.clicks + e.keystrokes + e.pageChanges;

export function sumEfforts(efforts: readonly Effort[]): Effort {
  return efforts.reduce((a, e) => ({ clicks: a.clicks + e.clicks, keystrokes: a.keystrokes + e.keystrokes, pageChanges: a.pageChanges + e.pageChanges, ms: a.ms + e.ms }), ZERO);
}

/** The step that cost the user most: most actions, then longest. */
export function costliestStep(steps: readonly StepEffort[]): StepEffort | undefined {
  return [...steps].sort((a, b) => actionsOf(b) - actionsOf(a) || b.ms - a.ms)[0];
}

/** "create a lead: 41 user actions, budget 35" when the task's actions exceed `maxActions`. */
export function overBudget(effort: TaskEffort, maxActions: number): string | null {
  const actions = actionsOf(effort);
  return actions > maxActions
    ? `${effort.task}: ${actions} user actions (${effort.clicks} clicks, ${effort.keystrokes} keystrokes, ${effort.pageChanges} page changes), budget ${maxActions}; costliest step "${costliestStep(effort.steps)?.step ?? '-'}"`
    : null;
}

export interface Figure {
  criterion: string;
  metric: 'actions' | 'ms' | 'count';
  value: number;
  unit: string;
  source: string;
}

/** The figures of one task for the acceptance report (reports/figures/usability.json). */
export function figuresOf(effort: TaskEffort, criterion: string, timeCriterion: string): Figure[] {
  const costliest = costliestStep(effort.steps);
  const source = `${effort.task}: ${effort.clicks} clicks, ${effort.keystrokes} keystrokes, ${effort.pageChanges} page changes${costliest ? `; costliest step "${costliest.step}"` : ''}`;
  return [
    { criterion, metric: 'actions', value: actionsOf(effort), unit: 'user actions', source },
    { criterion: timeCriterion, metric: 'ms', value: effort.ms, unit: 'ms', source: `${effort.task}: time to complete` },
  ];
}

/** A readable table for the Allure attachment. */
export function effortTable(effort: TaskEffort): string {
  const row = (name: string, e: Effort) => `| ${name} | ${e.clicks} | ${e.keystrokes} | ${e.pageChanges} | ${Math.round(e.ms)} |`;
  const costliest = costliestStep(effort.steps);
  return [
    `Task: ${effort.task}`, '', '| step | clicks | keystrokes | page changes | ms |', '| --- | --- | --- | --- | --- |',
    ...effort.steps.map((s) => row(s.step === costliest?.step ? `**${s.step}** (costliest)` : s.step, s)),
    row('total', effort),
  ].join('\n');
}
