import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProblems, parseEnv } from '../../fixtures/config/env-schema.js';
import { ROLES } from '../../profiles/demo-crm/roles.js';

const DEMO = { name: 'demo-crm', roles: ROLES, defaultBaseUrl: 'http://127.0.0.1:4310', canStart: true };

describe('configuration schema', () => {
  it('runs a fresh clone with no variables: bundled CRM, seeded users, en, headless', () => {
    const result = parseEnv({}, DEMO);
    assert.ok(result.ok);
    assert.equal(result.config.crmBaseUrl, 'http://127.0.0.1:4310');
    assert.equal(result.config.startCrm, true);
    assert.equal(result.config.headless, true);
    assert.equal(result.config.fakerLocale, 'en');
    assert.equal(result.config.fakerSeed, undefined);
    assert.equal(result.config.roles.salesRep!.username, 'rep.li');
    assert.equal(result.config.roles.salesRep!.persona, 'Sales rep Li Wei');
    assert.equal(result.config.roles.customer!.loginKind, 'portal');
    assert.equal(result.config.referenceDate.toISOString(), '2026-01-15T09:00:00.000Z');
  });

  it('reads every kind of value: booleans, numbers, URLs without trailing slash, role overrides', () => {
    const result = parseEnv({
      CRM_BASE_URL: 'https://crm.staging.example.com/',
      START_CRM: 'false',
      HEADLESS: 'FALSE',
      FAKER_SEED: '42',
      FAKER_LOCALE: 'zh_CN',
      TEST_TIMEOUT_MS: '90000',
      WORKERS: '3',
      ROLE_SALES_REP_2_USERNAME: 'sam',
      ROLE_SALES_REP_2_PASSWORD: 'pw-of-sam',
      ROLE_SALES_REP_2_NAME: 'Sam C.',
      CI: 'true',
    }, DEMO);
    assert.ok(result.ok);
    assert.equal(result.config.crmBaseUrl, 'https://crm.staging.example.com');
    assert.equal(result.config.startCrm, false);
    assert.equal(result.config.headless, false);
    assert.equal(result.config.fakerSeed, 42);
    assert.equal(result.config.fakerLocale, 'zh_CN');
    assert.equal(result.config.timeouts.test, 90_000);
    assert.equal(result.config.workers, 3);
    assert.deepEqual(
      { ...result.config.roles.salesRep2! },
      { username: 'sam', password: 'pw-of-sam', displayName: 'Sam C.', persona: 'Sales rep Sam C.', loginKind: 'staff', configured: true },
    );
    assert.equal(result.config.ci, true);
  });

  it('names every bad variable once, says what is wrong and gives an example', () => {
    const result = parseEnv({ FAKER_LOCALE: 'fr', HEADLESS: 'maybe', FAKER_SEED: '-1', PW_WS_ENDPOINT: 'http://x', CRITERIA_URL_TEMPLATE: 'https://t/' }, DEMO);
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [
      'HEADLESS must be true or false (got "maybe"). Example: HEADLESS=false',
      'PW_WS_ENDPOINT must be a ws:// or wss:// URL of a Playwright browser server (got "http://x"). Example: PW_WS_ENDPOINT=ws://127.0.0.1:3000/',
      'FAKER_SEED must be 0 or more (got "-1"). Example: FAKER_SEED=20260115',
      'FAKER_LOCALE must be en or zh_CN (got "fr"). Example: FAKER_LOCALE=zh_CN',
      'CRITERIA_URL_TEMPLATE must contain %s where the criterion id goes (got "https://t/"). Example: CRITERIA_URL_TEMPLATE=https://tracker.example.com/criteria/%s',
    ]);
  });

  it('never echoes a password, even a bad one', () => {
    const secret = `S3cret${'!'.repeat(200)}`;
    const result = parseEnv({ ROLE_ADMIN_PASSWORD: secret }, DEMO);
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!, /^ROLE_ADMIN_PASSWORD must be at most 200 characters \(the value is hidden\)/);
    assert.ok(!formatProblems(result.problems, 'test').includes('S3cret'));
  });

  it('requires a URL for an external CRM and a local one for the bundled CRM', () => {
    const external = parseEnv({ START_CRM: 'false' }, DEMO);
    assert.ok(!external.ok);
    assert.match(external.problems[0]!, /^CRM_BASE_URL is required when START_CRM=false/);

    const remoteBundled = parseEnv({ CRM_BASE_URL: 'http://crm.example.com:4310' }, DEMO);
    assert.ok(!remoteBundled.ok);
    assert.match(remoteBundled.problems[0]!, /must be on 127\.0\.0\.1 or localhost when START_CRM=true/);
  });

  it('treats an empty value as not set, so `VAR=` in a .env falls back to the default', () => {
    const result = parseEnv({ HEADLESS: '', FAKER_LOCALE: '' }, DEMO);
    assert.ok(result.ok);
    assert.equal(result.config.headless, true);
    assert.equal(result.config.fakerLocale, 'en');
  });
});
