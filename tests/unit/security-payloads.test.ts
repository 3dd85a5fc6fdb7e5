import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from '../../profiles/demo-crm/security/csv-text.js';
import { assignPayloads, PROBE_BINDING, probeIdsIn, SQL_PAYLOADS, XSS_PAYLOADS } from '../../profiles/demo-crm/security/payloads.js';

describe('security: payload catalogue', () => {
  it('has unique ids, and every XSS payload announces itself by a probe call, a probe attribute or the probe host', () => {
    const ids = [...XSS_PAYLOADS, ...SQL_PAYLOADS].map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const p of XSS_PAYLOADS.filter((x) => x.kind !== 'template')) {
      assert.ok(p.text.includes(`${PROBE_BINDING}('${p.id}')`) || p.text.includes(`data-xss-probe="${p.id}"`), p.id);
    }
  });

  it('fits a 100-character name field with a 30-character tag in front', () => {
    for (const p of [...XSS_PAYLOADS, ...SQL_PAYLOADS]) assert.ok(p.text.length + 31 <= 100, `${p.id} is ${p.text.length} characters`);
  });

  it('spreads the catalogue over the fields: over as many rounds as payloads, each field gets each payload once', () => {
    const fields = ['a', 'b', 'c'];
    const seen = new Map(fields.map((f) => [f, new Set<string>()]));
    for (let round = 0; round < XSS_PAYLOADS.length; round += 1) {
      const assigned = assignPayloads(fields, XSS_PAYLOADS, round, 'T1');
      for (const f of fields) {
        seen.get(f)!.add(assigned[f]!.id);
        assert.ok(assigned[f]!.value.startsWith('T1 '), 'the tag comes first, for the prefix search');
      }
    }
    for (const f of fields) assert.equal(seen.get(f)!.size, XSS_PAYLOADS.length);
    assert.throws(() => assignPayloads(fields, [], 0, 'T'), /empty/);
  });

  it('recognises only the catalogue ids in what a probe reported', () => {
    assert.deepEqual(probeIdsIn(['i1', 'zz', 's1', 'i1']), ['i1', 's1']);
  });

  it('reads CSV text with quotes, doubled quotes, commas and line breaks in cells', () => {
    assert.deepEqual(parseCsv('\uFEFFa,"b ""x"", <y>"\r\n"multi\nline",c\n'), [['a', 'b "x", <y>'], ['multi\nline', 'c']]);
  });
});
