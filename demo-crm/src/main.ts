import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { FAULT_CATALOGUE } from './core/faults.js';
import { startServer } from './core/server.js';
import { RestoreRefused, restoreDatabase } from './modules/core-admin/backups/restore.js';
import { parseVolume, parseVolumeExtras, seedReferenceVolume, VOLUME_EXTRAS } from './modules/volume.js';

function parseFlags() {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      exit: { type: 'boolean', default: false },
      https: { type: 'boolean', default: false },
      'test-mode': { type: 'boolean', default: false },
      port: { type: 'string' },
      // bulk records before the server listens (as `npm run crm:seed` adds them): performance tests' own CRMs
      volume: { type: 'string' },
      with: { type: 'string', default: VOLUME_EXTRAS.join(',') },
      // a backup that replaces the database before the server opens it (src/modules/core-admin/backups/restore.ts)
      restore: { type: 'string' },
    },
  });
  if (values.restore !== undefined && values.reset) {
    throw new RestoreRefused(`Cannot restore: --restore and --reset contradict each other (--reset starts an empty database, --restore replaces it with ${values.restore}). Use one of them.`);
  }
  return values;
}

async function main(): Promise<void> {
  const values = parseFlags();
  const env = { ...process.env, ...(values.port ? { CRM_PORT: values.port } : {}) };
  const config = loadConfig(env, { https: values.https, testMode: values['test-mode'] });
  if (values.exit) config.port = 0;
  if (values.restore !== undefined) {
    const restored = restoreDatabase(values.restore, config);
    console.log(`Restored ${restored.file} (sha256 ${restored.sha256}) into ${config.dbFile}`);
  }
  const volume = values.volume === undefined ? undefined : { n: parseVolume(values.volume), extras: parseVolumeExtras(values.with) };
  let added = '';
  const crm = await startServer(config, { reset: values.reset, ...(volume ? { beforeListen: (db) => { added = seedReferenceVolume(db, volume.n, volume.extras); } } : {}) });
  if (values.exit) {
    await crm.close();
    console.log(`Database ${values.reset ? 'recreated' : 'ready'}: ${config.dbFile}`);
    return;
  }
  const faults = crm.app.crm.faults.list();
  console.log(`Demo CRM ${config.version} listening on ${crm.url}${config.testMode ? ' (test mode)' : ''}`);
  console.log(`Database: ${config.dbFile}${crm.seeded ? ' (new, seeded)' : ''}${added ? `, with ${added} added` : ''}`);
  if (faults.length) {
    console.log(`Defect switches ON: ${faults.join(', ')}`);
    for (const f of FAULT_CATALOGUE.filter((d) => (faults as string[]).includes(d.name))) console.log(`  - ${f.name}: ${f.breaks}`);
  }
  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    crm.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  if (err instanceof RestoreRefused) console.error(e.message);
  else if (e.code === 'EADDRINUSE') console.error(`Cannot start the CRM: port already in use (${e.message}). Stop the other process or set CRM_PORT.`);
  else console.error(`Cannot start the CRM: ${e.message}`);
  process.exit(1);
});
