import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { Faults } from './core/faults.js';
import { modules } from './modules/index.js';
import { parseVolume, parseVolumeExtras, seedReferenceVolume, VOLUME_EXTRAS } from './modules/volume.js';

/**
 * `npm run crm:seed -- --volume 100000 [--with contacts,opportunities,tickets]`: bulk records for
 * performance work into the database of CRM_DB_FILE (created and seeded first when new): N leads and
 * N accounts, and with them (all by default) a contact and an open opportunity per account and N
 * tickets (demo-crm/docs/sales-crm.md §14, service.md §9). `main.ts --volume` does the same at start.
 */
const { values } = parseArgs({ options: { volume: { type: 'string', default: '10000' }, with: { type: 'string', default: VOLUME_EXTRAS.join(',') } } });
let volume: number;
let extras: ReturnType<typeof parseVolumeExtras>;
try {
  volume = parseVolume(values.volume);
  extras = parseVolumeExtras(values.with);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const config = loadConfig(process.env);
const db = openDatabase(config.dbFile, Faults.parse(config.faults));
migrate(db, modules.flatMap((m) => m.migrations));
if ((db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number) === 0) {
  db.transaction(() => { for (const m of modules) m.seed?.({ db, config, faults: new Faults([]) }); })();
}
const started = performance.now();
const added = seedReferenceVolume(db, volume, extras);
db.close();
console.log(`Added ${added} to ${config.dbFile} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
