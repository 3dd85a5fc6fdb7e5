import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import type { Figure } from '../../../fixtures/acceptance/figures.js';
import { paths } from '../../../fixtures/paths.js';

/**
 * Writes figures where the acceptance report reads them (reports/figures/<name>.json), whole or not
 * at all (temp file + rename): repeated runs on two workers may finish at the same moment.
 */
export function writeFigures(name: string, figures: readonly Figure[]): string {
  const dir = path.join(paths.reportsDir, 'figures');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(figures, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

/** The run's task figures: reports/figures/usability.json. */
export const writeUsabilityFigures = (figures: readonly Figure[]): string => writeFigures('usability', figures);

/**
 * A count criterion's figure from the running test (the number of findings, 0 when all is well),
 * in a file of its own per test so parallel tests never write one file.
 */
export async function recordCount(criterion: string, value: number, unit: string, source: string): Promise<void> {
  const slug = `${criterion}-${test.info().titlePath.slice(1).join(' ')}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 120);
  const figure = { criterion, metric: 'count', value, unit, source } as const;
  writeFigures(slug, [figure]);
  await test.info().attach(`figure ${criterion}`, { body: JSON.stringify(figure, null, 2), contentType: 'application/json' });
}
