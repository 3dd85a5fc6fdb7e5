import { test, type Frame } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { Actor } from '../actor.js';
import { costliestStep, effortTable, sumEfforts, type Effort, type StepEffort, type TaskEffort } from './effort.js';

const BINDING = '__effortMeter';

/**
 * Counts what one actor does with the mouse and keyboard, through the browser's own (trusted)
 * events reported to Playwright by an exposed binding, plus Playwright's framenavigated event for
 * page changes. What is counted, as a person would:
 *  - a click: a trusted click; choosing in a select counts 2 (open the list, pick);
 *  - a keystroke: each character entered (a fill of "Acme" is 4), plus Enter, Tab, Escape, arrows, Backspace;
 *  - a page change: a new document in the main frame (a link, a form post, an address typed).
 */
export class EffortMeter {
  private counts: Effort = { clicks: 0, keystrokes: 0, pageChanges: 0, ms: 0 };
  /** clicks made with a pointer (a mouse or a tap), as opposed to Enter or Space on a control */
  mouseClicks = 0;

  private constructor(private readonly actor: Actor) {}

  static async on(actor: Actor): Promise<EffortMeter> {
    const meter = new EffortMeter(actor);
    await actor.context.exposeBinding(BINDING, (_source, kind: string, n: number) => {
      if (kind === 'click') meter.mouseClicks += n;
      if (kind === 'click' || kind === 'choice') meter.counts.clicks += n;
      else if (kind === 'key') meter.counts.keystrokes += n;
    });
    await actor.context.addInitScript((binding) => {
      const report = (kind: string, n: number) => (window as unknown as Record<string, (k: string, n: number) => void>)[binding]?.(kind, n);
      const NAMED = new Set(['Enter', 'Tab', 'Escape', 'Backspace', 'Delete', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', ' ']);
      document.addEventListener('click', (e) => { if (e.isTrusted && e.detail > 0) report('click', 1); }, true);
      document.addEventListener('keydown', (e) => { if (e.isTrusted && NAMED.has(e.key)) report('key', 1); }, true);
      document.addEventListener('input', (e) => {
        const ie = e as InputEvent;
        if (!ie.isTrusted || !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) return;
        if (ie.inputType.startsWith('insert')) report('key', [...(ie.data ?? '')].length || 1);
      }, true);
      // a select choice made by automation is not a trusted event; a person's choice is: count both
      document.addEventListener('change', (e) => { if (e.target instanceof HTMLSelectElement) report('choice', 2); }, true);
    }, BINDING);
    actor.page.on('framenavigated', (frame: Frame) => {
      if (frame === actor.page.mainFrame()) meter.counts.pageChanges += 1;
    });
    return meter;
  }

  /**
   * One task, as steps of the actor (each a business step with its screenshot): returns what each
   * step and the whole task cost, and attaches the table to the report with the costliest step named.
   */
  async task(name: string, steps: readonly [title: string, body: () => Promise<unknown>][]): Promise<TaskEffort> {
    const measured: StepEffort[] = [];
    for (const [title, body] of steps) {
      const before = { ...this.counts };
      let ms = 0;
      await this.actor.step(title, async () => {
        // timed inside the step: the step's screenshot is the report's cost, not the user's
        const started = performance.now();
        await body();
        ms = Math.round(performance.now() - started);
      });
      // the binding's messages of the step's last events arrive before this round trip returns
      await this.actor.page.evaluate(() => 0).catch(() => 0);
      measured.push({
        step: title, clicks: this.counts.clicks - before.clicks, keystrokes: this.counts.keystrokes - before.keystrokes,
        pageChanges: this.counts.pageChanges - before.pageChanges, ms,
      });
    }
    const effort: TaskEffort = { task: name, ...sumEfforts(measured), steps: measured };
    const costliest = costliestStep(measured);
    await test.info().attach(`effort: ${name}`, { body: effortTable(effort), contentType: 'text/markdown' });
    await allure.parameter(`effort: ${name}`, `${effort.clicks} clicks, ${effort.keystrokes} keystrokes, ${effort.pageChanges} page changes, ${effort.ms} ms; costliest step: ${costliest?.step ?? '-'}`);
    return effort;
  }
}
