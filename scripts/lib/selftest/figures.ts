import path from 'node:path';
import type { Catalogue } from '../../../fixtures/acceptance/criteria-schema.js';
import { judgeFigures, readFigures, type Figure } from '../../../fixtures/acceptance/figures.js';

/**
 * A performance defect does not make a test fail: the tests write figures (reports/figures/*.json)
 * and the acceptance report judges them against the criteria's thresholds. So a switch of kind
 * `performance` is also caught when, in its run, a figure of a criterion is over the threshold while
 * every figure of that criterion in the clean baseline was within it.
 */
export interface FigureCatch {
  criterion: string;
  /** the switch run's figure, judged: "11,568 ms against a threshold of at most 2,000 ms" */
  figure: string;
  /** what was measured: the figure's source */
  source: string;
  /** the clean baseline's figures of the criterion, judged, the worst first */
  baseline: string;
  /** the test that wrote the figure, when a test did */
  test: { file: string; title: string } | null;
}

/** How far over its bound a figure is (1 = on it); figures of another metric than the threshold's are not compared. */
function excess(bound: { max?: number | undefined; min?: number | undefined }, value: number): number {
  if (bound.max !== undefined) return bound.max === 0 ? (value > 0 ? Infinity : 1) : value / bound.max;
  return value === 0 ? Infinity : bound.min! / value;
}

/** The switch run's figure furthest over its threshold whose criterion was within it in the baseline, if any. */
export function figureCatch(catalogue: Catalogue, run: readonly Figure[], baseline: readonly Figure[]): FigureCatch | undefined {
  const catches: { found: FigureCatch; excess: number }[] = [];
  for (const criterion of catalogue) {
    const threshold = criterion.threshold;
    if (!threshold) continue;
    const judged = (figures: readonly Figure[]) => judgeFigures(criterion, figures).filter((j) => j.figure.metric === threshold.metric)
      .sort((a, b) => excess(threshold, b.figure.value) - excess(threshold, a.figure.value));
    const clean = judged(baseline);
    if (clean.length === 0 || clean.some((j) => !j.withinBudget)) continue;
    const over = judged(run).find((j) => !j.withinBudget);
    if (!over) continue;
    catches.push({
      found: { criterion: criterion.id, figure: over.text, source: over.figure.source, baseline: clean.map((j) => j.text).join('; '), test: over.figure.test ?? null },
      excess: excess(threshold, over.figure.value),
    });
  }
  return catches.sort((a, b) => b.excess - a.excess)[0]?.found;
}

/** The figures a run left under its output folder (FLOWS_OUTPUT_DIR/reports/figures, fixtures/paths.ts). */
export function figuresOfRun(outputDir: string): Figure[] {
  return readFigures(path.join(outputDir, 'reports', 'figures'));
}
