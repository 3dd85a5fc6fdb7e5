import path from 'node:path';
import { test, type Locator } from '@playwright/test';
import { paths } from '../../../fixtures/paths.js';
import { timeDownload } from '../../../fixtures/performance/download-timing.js';
import { timeNavigation, type ScreenTiming } from '../../../fixtures/performance/screen-timing.js';
import { clearlyOver, figureOf, summariseScreen, timingTable, type MeasuredScreen } from '../../../fixtures/performance/timing-report.js';
import catalogue from '../acceptance/catalogue.js';
import type { Actor } from '../actor.js';
import { writeFigures } from '../usability/figures-file.js';

/** Timed loads of each screen, after one untimed warm-up (the CRM's and browser's caches). */
export const SAMPLES = 7;

/**
 * As everywhere, only the retry of a failed test records a trace; here it keeps actions, network and
 * sources but takes no DOM snapshots or screencast: both cost the browser CPU in the middle of the
 * page loads it measures.
 */
export const MEASURING_TRACE = { mode: 'on-first-retry', snapshots: false, screenshots: false, sources: true } as const;

/** The p95 budget in ms of every performance criterion of the catalogue. */
const BUDGETS: ReadonlyMap<string, number> = new Map(
  catalogue.flatMap((c) => (c.threshold?.metric === 'p95-ms' && c.threshold.max !== undefined ? [[c.id, c.threshold.max] as const] : [])),
);

export interface TimedAction {
  /** "leads list", "lead search (every bulk lead matches)" */
  screen: string;
  criterion: string;
  /** what the CRM holds: "10,000 leads" */
  volume: string;
  /** the user's action that ends on the screen (a navigation: open, search, a posted form); sample 0 warms up */
  act: (sample: number) => Promise<unknown>;
  /** the screen's main content, what the user waits for (a function when it depends on the action) */
  content: Locator | ((sample: number) => Locator);
  /** untimed preparation before each sample: the screen the action starts from */
  before?: () => Promise<unknown>;
  samples?: number;
}

/** A download the user starts (an export): `act` clicks and returns the file. */
export interface TimedDownload extends Omit<TimedAction, 'act' | 'content'> {
  act: () => Promise<Buffer>;
}

/**
 * Times screens and transactions of one test in the actors' browsers and publishes what it measured:
 * one p95 figure per screen in reports/figures/performance-<test>.json (rewritten after every screen,
 * so a test cut short still leaves what it measured), and a table plus the raw samples in the report.
 * Never asserts a time: the acceptance report judges the figures against the criteria's budgets.
 */
export class ScreenTimer {
  private readonly measured: MeasuredScreen[] = [];

  async time(actor: Actor, a: TimedAction): Promise<ScreenTiming[]> {
    let last: ScreenTiming | undefined;
    return this.sample(actor, a, async (i) => {
      const content = a.content;
      last = await timeNavigation(actor.page, () => a.act(i), typeof content === 'function' ? () => content(i) : () => content, a.before ? undefined : last);
      return last;
    });
  }

  /** Times a download like a screen; returns the file of the last sample. */
  async timeDownload(actor: Actor, a: TimedDownload): Promise<Buffer> {
    let file: Buffer = Buffer.alloc(0);
    await this.sample(actor, a, async () => {
      const { timing, result } = await timeDownload(actor.page, a.act);
      file = result;
      return timing;
    });
    return file;
  }

  private async sample(actor: Actor, a: Omit<TimedAction, 'act' | 'content'>, take: (sample: number) => Promise<ScreenTiming>): Promise<ScreenTiming[]> {
    const samples: ScreenTiming[] = [];
    const budget = BUDGETS.get(a.criterion);
    for (let i = 0; i <= (a.samples ?? SAMPLES); i += 1) {
      if (a.before) await a.before();
      const timing = await take(i);
      if (i > 0) samples.push(timing);
      // more samples of a screen clearly over its budget would only cost minutes of a defective CRM's time
      if (budget !== undefined && clearlyOver(samples, budget)) break;
    }
    this.measured.push({ screen: a.screen, criterion: a.criterion, actor: actor.name, volume: a.volume, samples });
    this.write();
    return samples;
  }

  /** Attaches the table (naming the slowest screen) and the samples to the report. */
  async publish(): Promise<void> {
    const summaries = this.measured.map((m) => summariseScreen(m, BUDGETS));
    await test.info().attach('response times (table)', { body: timingTable(summaries), contentType: 'text/plain' });
    await test.info().attach('response times (samples)', { body: JSON.stringify({ summaries, figures: this.figures() }, null, 2), contentType: 'application/json' });
  }

  private figures() {
    const info = test.info();
    const source = { file: path.relative(paths.root, info.file).split(path.sep).join('/'), title: info.titlePath.slice(1).join(' › ') };
    return this.measured.map((m) => figureOf(summariseScreen(m, BUDGETS), source));
  }

  private write(): void {
    const slug = test.info().titlePath.slice(1).join(' ').toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 100);
    writeFigures(`performance-${slug}`, this.figures());
  }
}
