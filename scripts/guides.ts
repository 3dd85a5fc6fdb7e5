import path from 'node:path';
import { parseArgs } from 'node:util';
import { AcceptanceInputError } from '../fixtures/acceptance/input-error.js';
import { writeGuides } from '../fixtures/acceptance/write-guides.js';
import { repoRoot } from './lib/profile-acceptance.js';

/**
 * npm run guides [-- --results reports/allure-results --out reports/guides]
 * One HTML guide per process and role from the passing tests of a run, screenshots copied next to it,
 * plus a figure for AC-TRN-01 (how many guides were generated) that the acceptance report reads.
 * (npm run acceptance writes them too, before it judges.)
 */
const { values } = parseArgs({
  options: {
    results: { type: 'string', default: 'reports/allure-results' },
    out: { type: 'string', default: 'reports/guides' },
    figures: { type: 'string', default: 'reports/figures' },
  },
});
const outDir = path.resolve(repoRoot, values.out);

try {
  const count = writeGuides({ resultsDir: path.resolve(repoRoot, values.results), outDir, figuresDir: path.resolve(repoRoot, values.figures), root: repoRoot });
  console.log(`${count} guides written to ${path.relative(process.cwd(), outDir)}/index.html`);
} catch (error) {
  if (!(error instanceof AcceptanceInputError)) throw error;
  console.error(`Guides not written: ${error.message}`);
  process.exitCode = 2;
}
