import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CatalogueError, defineCatalogue } from '../../fixtures/acceptance/criteria-schema.js';
import { renderCatalogueDoc } from '../../fixtures/acceptance/render-catalogue.js';
import catalogue from '../../profiles/demo-crm/acceptance/catalogue.js';
import processes from '../../profiles/demo-crm/acceptance/processes.js';
import { criterion } from './acceptance-support.js';

const root = path.resolve(import.meta.dirname, '..', '..');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

describe('the demo CRM acceptance catalogue', () => {
  it('docs/acceptance-criteria.md matches the catalogue (npm run criteria-doc regenerates it)', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'acceptance-criteria.md'), 'utf8');
    assert.equal(doc, renderCatalogueDoc(catalogue, 'demo-crm'), 'the generated criteria doc drifted from the catalogue: run `npm run criteria-doc`');
  });

  it('knows every criterion a flow links today (criteria(…) and permission labels)', () => {
    const known = new Set(catalogue.map((c) => c.id));
    const used = new Set(filesUnder(path.join(root, 'flows')).flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return [...text.matchAll(/(?:criteria|permissionLabels)\(([^)]*)\)/g)].flatMap((m) => [...m[1]!.matchAll(/'(AC-[A-Z0-9-]+)'/g)].map((x) => x[1]!));
    }));
    assert.ok(used.size > 30, `found only ${used.size} linked ids: has the way flows link criteria changed?`);
    assert.deepEqual([...used].filter((id) => !known.has(id)).sort(), []);
  });

  it('has a section for every area and both processes', () => {
    assert.equal(new Set(catalogue.map((c) => c.area)).size, 10);
    assert.deepEqual(processes.map((p) => p.id), ['lead-to-cash', 'service-ticket']);
  });

  it('defineCatalogue refuses duplicate ids and bad fields with the entry named, and accepts a good list', () => {
    assert.throws(() => defineCatalogue([criterion('AC-X-01'), criterion('AC-X-01')]), (e: Error) => e instanceof CatalogueError && /entry 1 \(AC-X-01\), field id: AC-X-01 is already entry 0/.test(e.message));
    assert.throws(() => defineCatalogue([{ ...criterion('AC-X-02'), priority: 'could' }]), (e: Error) => e instanceof CatalogueError && /entry 0 \(AC-X-02\), field priority/.test(e.message));
    assert.throws(() => defineCatalogue([criterion('AC-X-03', { threshold: { metric: 'ms', unit: 'ms' } })]), /exactly one of max or min/);
    assert.equal(defineCatalogue([criterion('AC-X-01'), criterion('AC-X-02')]).length, 2);
  });
});
