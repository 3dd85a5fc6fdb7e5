/**
 * `npx tsx scripts/bench-import.ts [--rows 50000] [--port 4532]`: the 50,000-row import of AC-DM-04,
 * measured, never asserted in a test. Starts a CRM of its own (fresh database under .flows/), signs in
 * as admin, uploads one multipart CSV of seeded leads (Chinese and Latin names), times the upload-and-
 * import request, then reconciles: the import's counts and the export of the imported leads must both
 * hold every row. Writes the figure to reports/figures/import.json ([{criterion, metric, value, unit, source}]).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../fixtures/env.js';
import { paths } from '../fixtures/paths.js';
import { toCsv } from '../profiles/demo-crm/data/csv.js';
import { TestData } from '../profiles/demo-crm/data/test-data.js';
import { readCsv } from '../profiles/demo-crm/migration/csv-read.js';
import { OWN_CRM_PORTS } from '../profiles/demo-crm/own-crm-ports.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, port: { type: 'string', default: String(OWN_CRM_PORTS.bench[0] + 11) } } });
const rows = Number(args.rows);
const port = Number(args.port);
const baseUrl = `http://127.0.0.1:${port}`;
const dbFile = path.join(paths.workDir, `bench-import-${port}.db`);

async function startCrm() {
  fs.mkdirSync(paths.workDir, { recursive: true });
  const child = spawn(process.execPath, ['demo-crm/start.js', '--reset'], {
    cwd: paths.root,
    env: { CRM_PORT: String(port), CRM_HOST: '127.0.0.1', CRM_DB_FILE: dbFile, CRM_TEST_MODE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  while (!out.includes('listening on')) {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    out += chunk.toString();
  }
  return child;
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const admin = env.roles.admin!;
  const login = await fetch(`${baseUrl}/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: admin.username, password: admin.password }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const session = (await (await fetch(`${baseUrl}/api/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: session.csrfToken };
}

const crm = await startCrm();
try {
  const data = new TestData({ seed: env.runSeed, tag: `bench${Date.now().toString(36)}`, locale: 'en', referenceDate: env.referenceDate });
  const leads = [...data.leadImportRows(Math.floor(rows / 2), { cjk: true }), ...data.leadImportRows(rows - Math.floor(rows / 2))];
  const file = toCsv(leads, [
    { header: 'First name', value: (r) => r.firstName }, { header: 'Last name', value: (r) => r.lastName }, { header: 'Company', value: (r) => r.company },
    { header: 'Email', value: (r) => r.email }, { header: 'Phone', value: (r) => r.phone }, { header: 'Source', value: (r) => r.source },
  ], { bom: true });
  const { cookie, csrf } = await signIn();
  const form = new FormData();
  form.set('object', 'lead');
  form.set('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'bench-leads.csv');

  const started = performance.now();
  const answer = await fetch(`${baseUrl}/api/imports`, { method: 'POST', headers: { cookie, 'X-CSRF-Token': csrf, accept: 'application/json' }, body: form });
  const wallMs = Math.round(performance.now() - started);
  const result = (await answer.json()) as { rows: number; counts: { created: number; rejected: number } };
  if (answer.status !== 201 || result.counts.created !== rows) throw new Error(`import answered ${answer.status}: ${JSON.stringify(result).slice(0, 300)}`);

  const exported = readCsv(Buffer.from(await (await fetch(`${baseUrl}/api/exports/leads.csv?q=${data.tag}`, { headers: { cookie } })).arrayBuffer()));
  const expectedEmails = new Set(leads.map((l) => l.email));
  const missing = exported.rows.length === rows && exported.rows.every((r) => expectedEmails.has(r.byHeader.Email ?? '')) ? 0 : rows - exported.rows.filter((r) => expectedEmails.has(r.byHeader.Email ?? '')).length;
  if (missing !== 0) throw new Error(`the export of the imported leads misses ${missing} of ${rows}`);

  const figure = {
    criterion: 'AC-DM-04', metric: 'ms', value: wallMs, unit: `ms wall time for ${rows.toLocaleString('en')} leads`,
    source: `one multipart upload of ${rows.toLocaleString('en')} leads (${(file.length / 1e6).toFixed(1)} MB, half Chinese), create only, upload + validate + import in one request; all ${rows.toLocaleString('en')} created and exported back (scripts/bench-import.ts, ${new Date().toISOString().slice(0, 10)})`,
  };
  const out = path.join(paths.reportsDir, 'figures', 'import.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify([figure], null, 2)}\n`);
  console.log(`${rows} leads imported in ${wallMs} ms, all reconciled; wrote ${path.relative(paths.root, out)}`);
} finally {
  crm.kill('SIGTERM');
  await once(crm, 'exit');
  for (const s of ['', '-wal', '-shm']) fs.rmSync(`${dbFile}${s}`, { force: true });
}
