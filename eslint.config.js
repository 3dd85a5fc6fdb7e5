// @ts-check
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

/**
 * The framework's lint: typed rules against lost promises, Playwright rules against the usual
 * flakiness sources, and one config module (fixtures/env.ts) as the only reader of process.env.
 * The reference CRM (demo-crm/) is a separate application with its own standards and is not linted here.
 */
const recommendedPlaywright = playwright.configs['flat/recommended'];
const FRAMEWORK = ['fixtures/**/*.ts', 'pages/**/*.ts', 'profiles/**/*.ts', 'flows/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'load/**/*.ts', 'playwright.config.ts'];

const noSleep = [
  { selector: "Literal[value='networkidle']", message: "No 'networkidle': wait for the user-visible result (a heading, a toast, a status badge)." },
  { selector: "CallExpression[callee.property.name='waitForTimeout']", message: 'No fixed waits: wait for a user-visible signal or use pollBackend().' },
  { selector: "CallExpression[callee.name='setTimeout']", message: 'No sleeps in the framework: wait for a signal or use pollBackend()/eventually().' },
  { selector: "Literal[value=/^(xpath=|\\/\\/[a-z*])/]", message: 'No XPath: locate by role, label or test id.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'demo-crm/**', 'reports/**', 'test-results/**', '.auth/**', '.flows/**', 'eslint.config.js'] },
  {
    files: FRAMEWORK,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      // `x!` after a lookup documents intent; without noUncheckedIndexedAccess the rule calls it noise
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty-pattern': 'off', // Playwright fixtures take `{}` when they need no other fixture
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through fixtures/env.ts (the one validated config module).' }],
      'no-restricted-syntax': ['error', ...noSleep],
      'no-restricted-imports': ['error', { paths: [{ name: 'node:timers/promises', message: 'No sleeps: wait for a signal instead.' }] }],
    },
  },
  {
    files: ['fixtures/env.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The core reaches a CRM only through the profile interface (fixtures/profile.ts): it loads the
    // profile CRM_PROFILE names by folder, and never imports a profile's code.
    files: ['fixtures/**/*.ts', 'pages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'node:timers/promises', message: 'No sleeps: wait for a signal instead.' }],
          patterns: [{ group: ['**/profiles/**'], message: 'The framework core must not import a CRM profile: add what it needs to the CrmProfile interface (fixtures/profile.ts).' }],
        },
      ],
    },
  },
  {
    files: ['flows/**/*.ts', 'pages/**/*.ts', 'profiles/**/*.ts', 'fixtures/**/*.ts'],
    plugins: recommendedPlaywright.plugins,
    rules: {
      'playwright/missing-playwright-await': 'error',
      'playwright/no-wait-for-timeout': 'error',
      'playwright/no-networkidle': 'error',
      'playwright/no-focused-test': 'error',
      'playwright/no-skipped-test': ['error', { allowConditional: false }],
      'playwright/no-force-option': 'error',
      'playwright/no-page-pause': 'error',
      'playwright/no-element-handle': 'error',
      'playwright/no-eval': 'error',
      'playwright/no-wait-for-selector': 'error',
      'playwright/no-useless-await': 'error',
    },
  },
  {
    files: ['flows/**/*.ts'],
    extends: [recommendedPlaywright],
    rules: {
      'playwright/no-skipped-test': ['error', { allowConditional: false }],
      'playwright/no-focused-test': 'error',
      'playwright/expect-expect': ['error', { assertFunctionNames: ['pollBackend', 'eventually'], assertFunctionPatterns: ['^expect[A-Z]'] }],
      // step titles and generated tests are built from role names on purpose
      'playwright/valid-title': 'off',
      'playwright/no-conditional-in-test': 'error',
    },
  },
);
