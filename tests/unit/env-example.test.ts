import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import dotenv from 'dotenv';
import { variablesCutAtHash } from '../../fixtures/config/dotenv-traps.js';
import { envExampleRoles, withRoles } from '../../fixtures/config/env-example-roles.js';
import { envVars, parseEnv } from '../../fixtures/config/env-schema.js';
import { roleEnvKey } from '../../fixtures/config/role-env.js';
import { ROLES } from '../../profiles/demo-crm/roles.js';

const DEMO = { name: 'demo-crm', roles: ROLES, defaultBaseUrl: 'http://127.0.0.1:4310', canStart: true };

const example = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('is a valid configuration as it stands, so copying it to .env just works', () => {
    const result = parseEnv(dotenv.parse(example), DEMO);
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.equal(result.config.criteriaUrlTemplate, '#%s');
    assert.equal(result.config.crmFaults, '');
  });

  it('documents every variable the schema reads', () => {
    const internal = new Set(['CI', 'DISPLAY', 'FLOWS_RUN_ID']);
    const undocumented = Object.keys(envVars(DEMO.roles))
      .filter((name) => !internal.has(name) && !name.startsWith('ROLE_'))
      .filter((name) => !new RegExp(`^${name}=`, 'm').test(example));
    assert.deepEqual(undocumented, []);
  });

  it('documents the roles of the bundled profile exactly as the profile declares them, passwords quoted', () => {
    assert.equal(withRoles(example, envExampleRoles('demo-crm', ROLES)), example, 'run `npm run env:roles` to regenerate');
    const uncommented = example.replace(/^#\s?/gm, '');
    const parsed = dotenv.parse(uncommented);
    for (const role of ROLES) assert.equal(parsed[`ROLE_${roleEnvKey(role.key)}_PASSWORD`], role.defaults.password, `${role.key}'s password survives dotenv`);
  });
});

describe('an unquoted # in .env', () => {
  it('is flagged by variable name when it is glued to the value (dotenv cut it), not when it starts a comment', () => {
    const text = ['ROLE_FINANCE_PASSWORD=Abc#Def', 'ROLE_ADMIN_PASSWORD="Abc#Def"', 'CRM_FAULTS=   # none', "CRITERIA_URL_TEMPLATE='#%s'", 'X=a # note'].join('\n');
    assert.deepEqual(variablesCutAtHash(text), ['ROLE_FINANCE_PASSWORD']);
  });

  it('fails the configuration naming the variable and never echoing the value', () => {
    const result = parseEnv({ ROLE_FINANCE_PASSWORD: 'Abc' }, DEMO, ['ROLE_FINANCE_PASSWORD']);
    assert.ok(!result.ok);
    assert.match(result.problems[0]!, /^ROLE_FINANCE_PASSWORD looks cut short: .*unquoted "#"/);
    assert.doesNotMatch(result.problems.join('\n'), /Abc/);
  });
});
