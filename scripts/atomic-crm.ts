import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serveFolder } from './lib/static-server.js';

/**
 * `npm run flows:atomic [-- playwright args]`: the worked example of a second CRM. Serves the Atomic
 * CRM demo build (a static single-page app) on 127.0.0.1 and runs the flows of profiles/atomic-crm
 * against it, with reports of their own (.flows/atomic-crm/reports) so a run of the bundled CRM's
 * flows is never overwritten.
 *
 *   npm run flows:atomic                                   # serves ../shared/foreign-crm/atomic-crm-demo on :4380
 *   npm run flows:atomic -- --dir /path/to/atomic-crm-demo --port 4381 -g "deal"
 *   npm run flows:atomic -- --if-present                    # (npm test) run them only where the demo build is
 */
const root = path.resolve(import.meta.dirname, '..');
const { values, tokens } = parseArgs({
  options: { dir: { type: 'string' }, port: { type: 'string', default: '4380' }, 'if-present': { type: 'boolean' } },
  strict: false,
  tokens: true,
});
const ours = new Set(tokens.filter((t) => t.kind === 'option' && ['dir', 'port', 'if-present'].includes(t.name)).flatMap((t) => (t.kind === 'option' ? [t.index, ...(t.inlineValue || t.name === 'if-present' ? [] : [t.index + 1])] : [])));
const given = process.argv.slice(2).filter((_, i) => !ours.has(i));
// By default: the Atomic flows and the framework's role-session proofs against this CRM (the
// framework's own checks of configuration and reporting are about the framework, run once with the
// bundled CRM). Session renewal needs a capability Atomic lacks and is reported skipped with why.
const filesGiven = given.some((a) => !a.startsWith('-') && /(^|\/)flows\//.test(a));
const playwrightArgs = filesGiven ? given : ['flows/atomic-crm', 'flows/framework/smoke.spec.ts', 'flows/framework/session-renewal.spec.ts', ...given];

const candidates = [typeof values.dir === 'string' ? values.dir : undefined, path.join(root, '..', 'shared', 'foreign-crm', 'atomic-crm-demo')].filter((d): d is string => Boolean(d));
const dir = candidates.map((d) => path.resolve(d)).find((d) => fs.existsSync(path.join(d, 'index.html')));
if (!dir) {
  const where = `The Atomic CRM demo build was not found (looked in ${candidates.join(', ')})`;
  // --if-present (npm test): a checkout without the shared demo build still runs everything else
  if (values['if-present'] === true) {
    console.log(`${where}: its flows were not run.`);
    process.exit(0);
  }
  console.error(`${where}. Pass its folder with --dir.`);
  process.exit(2);
}
const port = Number(values.port);
const server = await serveFolder(dir, port).catch((e: Error) => {
  console.error(`Cannot serve the Atomic CRM demo on 127.0.0.1:${port}: ${e.message}. Pick another port with --port.`);
  process.exit(2);
});
console.log(`Atomic CRM demo served from ${dir} at http://127.0.0.1:${port}`);

// spawn, not spawnSync: this process serves the CRM's files while the run goes on
const child = spawn('npx', ['playwright', 'test', ...playwrightArgs], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env, // eslint-disable-line no-restricted-properties -- handed on to the child run, which validates it
    CRM_PROFILE: 'atomic-crm',
    CRM_BASE_URL: `http://127.0.0.1:${port}`,
    START_CRM: 'false',
    FLOWS_OUTPUT_DIR: '.flows/atomic-crm',
    // The demo regenerates all its data on every page load and its dashboard takes seconds to settle:
    // timeouts fit for a heavy single-page app, unless set explicitly.
    ACTION_TIMEOUT_MS: process.env.ACTION_TIMEOUT_MS ?? '45000', // eslint-disable-line no-restricted-properties -- a default for the child run
    EXPECT_TIMEOUT_MS: process.env.EXPECT_TIMEOUT_MS ?? '30000', // eslint-disable-line no-restricted-properties -- a default for the child run
    NAVIGATION_TIMEOUT_MS: process.env.NAVIGATION_TIMEOUT_MS ?? '90000', // eslint-disable-line no-restricted-properties -- a default for the child run
    TEST_TIMEOUT_MS: process.env.TEST_TIMEOUT_MS ?? '420000', // eslint-disable-line no-restricted-properties -- a default for the child run
  },
});
const status = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
server.close();
process.exit(status);
