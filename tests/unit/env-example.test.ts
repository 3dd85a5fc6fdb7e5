import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import dotenv from 'dotenv';
import { ENV_VARS, parseEnv } from '../../fixtures/config/env-schema.js';

const example = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('is a valid configuration as it stands, so copying it to .env just works', () => {
    const result = parseEnv(dotenv.parse(example));
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.equal(result.config.criteriaUrlTemplate, '#%s');
    assert.equal(result.config.crmFaults, '');
  });

  it('documents every variable the schema reads', () => {
    const internal = new Set(['CI', 'DISPLAY', 'FLOWS_RUN_ID']);
    const undocumented = Object.keys(ENV_VARS)
      .filter((name) => !internal.has(name) && !name.startsWith('ROLE_'))
      .filter((name) => !new RegExp(`^${name}=`, 'm').test(example));
    assert.deepEqual(undocumented, []);
    assert.match(example, /ROLE_<KEY>_USERNAME \/ _PASSWORD \/ _NAME/);
  });
});
