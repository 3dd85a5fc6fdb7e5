import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OWN_CRM_PORTS } from '../../profiles/demo-crm/own-crm-ports.js';
import { PORT_RANGE } from '../../scripts/lib/selftest/plan.js';

const SHARED_CRM_PORT = Number(new URL(/^CRM_BASE_URL=(\S+)/m.exec(readFileSync('.env.example', 'utf8'))![1]!).port);

describe('ports of the CRMs the bundled profile starts', () => {
  const ranges: [string, number, number][] = [
    ...Object.entries(OWN_CRM_PORTS).map(([name, [from, to]]): [string, number, number] => [name, from, to]),
    ['self-test one-switch CRMs', PORT_RANGE.min, PORT_RANGE.max],
    ['the shared CRM (.env.example)', SHARED_CRM_PORT, SHARED_CRM_PORT],
  ];

  it('are ranges from low to high', () => {
    for (const [name, from, to] of ranges) assert.ok(from > 1024 && from <= to, `${name}: ${from}-${to}`);
  });

  it('never overlap, so no two users of a port can meet', () => {
    for (const [i, [a, aFrom, aTo]] of ranges.entries()) {
      for (const [b, bFrom, bTo] of ranges.slice(i + 1)) {
        assert.ok(aTo < bFrom || bTo < aFrom, `${a} (${aFrom}-${aTo}) overlaps ${b} (${bFrom}-${bTo})`);
      }
    }
  });
});
