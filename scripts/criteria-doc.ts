import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderCatalogueDoc } from '../fixtures/acceptance/render-catalogue.js';
import { loadCatalogue, repoRoot } from './lib/profile-acceptance.js';

/** npm run criteria-doc [-- --profile demo-crm]: regenerates docs/acceptance-criteria.md. */
const { values } = parseArgs({ options: { profile: { type: 'string', default: 'demo-crm' } } });

const GENERATED_DOC = path.join(repoRoot, 'docs', 'acceptance-criteria.md');

const doc = renderCatalogueDoc(await loadCatalogue(values.profile), values.profile);
fs.writeFileSync(`${GENERATED_DOC}.tmp`, doc);
fs.renameSync(`${GENERATED_DOC}.tmp`, GENERATED_DOC);
console.log(`${path.relative(process.cwd(), GENERATED_DOC)} written`);
