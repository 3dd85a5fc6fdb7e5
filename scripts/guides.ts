import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAllureResults, readEnvironment } from '../fixtures/acceptance/allure-results.js';
import { buildGuides, renderGuide, renderGuideIndex } from '../fixtures/acceptance/guides.js';
import { AcceptanceInputError } from '../fixtures/acceptance/input-error.js';
import { writeFolderAtomically } from '../fixtures/acceptance/write-atomically.js';
import { repoRoot } from './lib/profile-acceptance.js';

/**
 * npm run guides [-- --results reports/allure-results --out reports/guides]
 * One HTML guide per process and role from the passing tests of a run, screenshots copied next to it,
 * plus a figure for AC-TRN-01 (how many guides were generated) that the acceptance report reads.
 */
const { values } = parseArgs({
  options: {
    results: { type: 'string', default: 'reports/allure-results' },
    out: { type: 'string', default: 'reports/guides' },
    figures: { type: 'string', default: 'reports/figures' },
  },
});
const resultsDir = path.resolve(repoRoot, values.results);
const outDir = path.resolve(repoRoot, values.out);

try {
  const guides = buildGuides(readAllureResults(resultsDir));
  const env = readEnvironment(resultsDir);
  const files = new Map<string, string | Buffer>();
  const shotName = (source: string) => `screenshots/${source}`;
  for (const guide of guides) {
    files.set(guide.file, renderGuide(guide, (a) => shotName(a.source)));
    for (const s of guide.scenarios.flatMap((x) => x.steps)) {
      if (s.screenshot && !files.has(shotName(s.screenshot.source))) {
        const from = path.join(resultsDir, s.screenshot.source);
        if (fs.existsSync(from)) files.set(shotName(s.screenshot.source), fs.readFileSync(from));
      }
    }
  }
  files.set('index.html', renderGuideIndex(guides, `Run ${env['Run id'] ?? 'unknown'} · CRM ${env['CRM URL'] ?? 'unknown'} version ${env['CRM version'] ?? 'unknown'} · commit ${env.Commit ?? 'unknown'}`));
  writeFolderAtomically(outDir, files);

  const figuresDir = path.resolve(repoRoot, values.figures);
  fs.mkdirSync(figuresDir, { recursive: true });
  const figure = [{ criterion: 'AC-TRN-01', metric: 'count', value: guides.length, unit: 'guides', source: `npm run guides: ${guides.length} guides (process × role) from ${path.relative(repoRoot, resultsDir)}` }];
  const figureFile = path.join(figuresDir, 'guides.json');
  fs.writeFileSync(`${figureFile}.tmp`, `${JSON.stringify(figure, null, 2)}\n`);
  fs.renameSync(`${figureFile}.tmp`, figureFile);
  console.log(`${guides.length} guides written to ${path.relative(process.cwd(), outDir)}/index.html`);
} catch (error) {
  if (!(error instanceof AcceptanceInputError)) throw error;
  console.error(`Guides not written: ${error.message}`);
  process.exitCode = 2;
}
