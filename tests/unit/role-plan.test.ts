import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureNamesAt, rolesOfTests } from '../../fixtures/auth/role-plan.js';

const SPEC = `import { test } from './test.js';

test.describe('lead to cash', () => {
  test('a lead becomes a deal', async ({ salesRep, finance: clerk, data }) => {
    await salesRep.step('x', () => undefined);
  });

  test(\`\${'templated'} title\`, async ({
    customer,
    supportAgent = undefined,
  }, testInfo) => {});

  test('no fixtures', async () => {});

  test('fixtures of a kind the plan cannot read', async (fixtures) => {});
});
`;
const ROLES = ['admin', 'salesRep', 'finance', 'customer', 'supportAgent'];
const at = (line: number) => ({ file: 'spec.ts', line, column: 3 });

describe('role plan: the roles the selected tests use', () => {
  it('reads the destructured fixtures of the test declared at a location, renamed or defaulted, across lines', () => {
    assert.deepEqual(fixtureNamesAt(SPEC, 4, 3), ['salesRep', 'finance', 'data']);
    assert.deepEqual(fixtureNamesAt(SPEC, 8, 3), ['customer', 'supportAgent']);
  });

  it('keeps the roles of the selected tests only, in the profile order', () => {
    assert.deepEqual(rolesOfTests([at(8), at(4)], ROLES, () => SPEC), ['salesRep', 'finance', 'customer', 'supportAgent']);
    assert.deepEqual(rolesOfTests([at(4)], ROLES, () => SPEC), ['salesRep', 'finance']);
    assert.deepEqual(rolesOfTests([], ROLES, () => SPEC), []);
  });

  it('a test without fixtures uses no role; one whose parameters cannot be read counts as using every role', () => {
    assert.deepEqual(rolesOfTests([at(13)], ROLES, () => SPEC), []);
    assert.deepEqual(rolesOfTests([at(15)], ROLES, () => SPEC), ROLES);
  });

  it('a test using a fixture that acts as every role (a permission kit) needs every role', () => {
    assert.deepEqual(rolesOfTests([at(4)], ROLES, () => SPEC, ['data']), ROLES);
  });
});
