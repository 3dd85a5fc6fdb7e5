import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES } from '../../profiles/demo-crm/permissions/matrix.js';
import { DOC_BEGIN, DOC_END, matrixMarkdown, replaceGenerated } from '../../profiles/demo-crm/permissions/matrix-markdown.js';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8');

describe('docs/permissions.md states the same criteria the tests check', () => {
  it('its generated tables equal the matrix data (run `npx tsx scripts/permissions-doc.ts` after changing matrix.ts)', () => {
    const block = doc.slice(doc.indexOf(DOC_BEGIN), doc.indexOf(DOC_END) + DOC_END.length);
    assert.equal(block, matrixMarkdown(EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES));
  });

  it('names every criterion of the data, and a cell changed in the data shows up as a difference', () => {
    for (const id of [...Object.values(EXPECTED_MATRIX).map((o) => o.criterion), ...FIELD_RULES.map((r) => r.id), ...OWNERSHIP_RULES.map((r) => r.id)]) {
      assert.ok(doc.includes(id), `${id} is missing from docs/permissions.md`);
    }
    const changed = structuredClone(EXPECTED_MATRIX);
    (changed.lead.roles.salesRep as string[])[2] = 'any';
    assert.notEqual(matrixMarkdown(changed, FIELD_RULES, OWNERSHIP_RULES), matrixMarkdown(EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES));
  });

  it('replaces only the generated block', () => {
    const replaced = replaceGenerated(`intro\n${DOC_BEGIN}\nold\n${DOC_END}\noutro`, 'NEW');
    assert.equal(replaced, 'intro\nNEW\noutro');
    assert.throws(() => replaceGenerated('no block here', 'NEW'), /no <!-- BEGIN/);
  });
});
