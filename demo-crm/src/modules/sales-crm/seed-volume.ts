import type { Database } from 'better-sqlite3';
import { LEAD_SOURCES, type LeadStatus } from './vocab.js';

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Nadia', 'Oskar', 'Priya', '美玲', '健', 'Zoë', 'Yusuf'];
const LAST = ['Adams', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Huang', 'Ivanova', 'Jensen', 'Kowalski', 'Lopez', 'Müller', 'Nakamura', 'Okafor', 'Petrov', '李', '陈', 'Rossi', 'Silva'];
const WORD = ['Blue', 'North', 'Bright', 'Summit', 'River', 'Atlas', 'Nova', 'Pioneer', 'Cedar', 'Harbor', 'Quantum', 'Silver', 'Orbit', 'Granite', 'Maple', 'Vertex'];
const KIND = ['Logistics', 'Foods', 'Robotics', 'Health', 'Textiles', 'Energy', 'Software', 'Motors', 'Analytics', 'Retail'];
const INDUSTRY = ['Manufacturing', 'Software', 'Retail', 'Healthcare', 'Logistics', 'Energy', 'Finance', 'Education'];
const COUNTRY = [['Toronto', 'Canada'], ['Berlin', 'Germany'], ['Lyon', 'France'], ['Osaka', 'Japan'], ['Austin', 'United States'], ['Shanghai', 'China']] as const;
const STATUSES: readonly LeadStatus[] = ['New', 'New', 'Working', 'Working', 'Qualified', 'Disqualified'];

/** A cheap integer hash so that neighbouring run numbers (and both owners) get unrelated values. */
function mix(k: number, salt: number): number {
  let h = Math.imul(k ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

const pick = <T>(list: readonly T[], k: number, salt: number): T => list[mix(k, salt) % list.length] as T;

/**
 * Bulk records for performance work (`npm run crm:seed -- --volume N`): N leads and N accounts, owned
 * alternately by the two sales reps, inserted with prepared statements in one transaction. Values are
 * deterministic per run number (hashed, so values are spread across both owners) so lists, search and filters have realistic spread; every email is unique.
 */
export function seedVolume(db: Database, n: number): { leads: number; accounts: number } {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`seedVolume: volume must be a positive integer, got ${n}`);
  const owners = db.prepare("SELECT id FROM users WHERE username IN ('rep.li', 'rep.sam') ORDER BY username").pluck().all() as number[];
  if (owners.length !== 2) throw new Error('seedVolume: the seeded users rep.li and rep.sam are missing');
  const run = (db.prepare('SELECT COUNT(*) FROM leads').pluck().get() as number) + 1;
  const lead = db.prepare(
    `INSERT INTO leads (first_name, last_name, company, email, phone, source, status, disqualify_reason, owner_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const account = db.prepare(
    `INSERT INTO accounts (name, industry, website, phone, billing_city, billing_country, owner_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.now() - n * 1000;
  // A larger page cache keeps the index b-trees in memory while they grow; restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const k = run + i;
      const at = new Date(start + i * 1000).toISOString();
      const owner = owners[i % 2] as number;
      const word = pick(WORD, k, 1);
      const company = `${word} ${pick(KIND, k, 2)} ${k}`;
      const status = pick(STATUSES, k, 3);
      lead.run(
        pick(FIRST, k, 4), pick(LAST, k, 5), company, `lead${k}@volume-${word.toLowerCase()}.example`,
        `+1 555 ${String(k % 10_000_000).padStart(7, '0')}`, pick(LEAD_SOURCES, k, 6), status,
        status === 'Disqualified' ? 'Bulk data: not a fit' : null, owner, at, at,
      );
      const [city, country] = pick(COUNTRY, k, 7);
      account.run(company, pick(INDUSTRY, k, 8), `https://account${k}.example`, '', city, country, owner, at, at);
    }
  })();
  db.pragma(`cache_size = ${cacheSize}`);
  // Fresh statistics let the planner see that an owner or status matches a large share of rows, so it
  // walks the sort index (stopping after one page) instead of sorting every matching row.
  db.exec('ANALYZE');
  return { leads: n, accounts: n };
}
