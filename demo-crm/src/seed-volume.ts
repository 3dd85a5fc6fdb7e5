import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { Faults } from './core/faults.js';
import { modules } from './modules/index.js';
import { seedVolume } from './modules/sales-crm/index.js';

/** `npm run crm:seed -- --volume 100000`: bulk leads and accounts for performance work. */
const { values } = parseArgs({ options: { volume: { type: 'string', default: '10000' } } });
const volume = Number(values.volume);
if (!Number.isSafeInteger(volume) || volume < 1 || volume > 5_000_000) {
  console.error(`--volume must be a whole number from 1 to 5000000, got "${values.volume}"`);
  process.exit(2);
}
const config = loadConfig(process.env);
const db = openDatabase(config.dbFile);
migrate(db, modules.flatMap((m) => m.migrations));
if ((db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number) === 0) {
  db.transaction(() => { for (const m of modules) m.seed?.({ db, config, faults: new Faults([]) }); })();
}
const started = performance.now();
const added = seedVolume(db, volume);
db.close();
console.log(`Added ${added.leads} leads and ${added.accounts} accounts to ${config.dbFile} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
