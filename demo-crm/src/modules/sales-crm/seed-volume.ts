import type { Database } from 'better-sqlite3';
import { withIndexesRebuilt } from '../../db/bulk-load.js';
import { LEAD_SOURCES, OPEN_STAGES, type LeadStatus } from './vocab.js';

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Nadia', 'Oskar', 'Priya', '美玲', '健', 'Zoë', 'Yusuf'];
const LAST = ['Adams', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Huang', 'Ivanova', 'Jensen', 'Kowalski', 'Lopez', 'Müller', 'Nakamura', 'Okafor', 'Petrov', '李', '陈', 'Rossi', 'Silva'];
const WORD = ['Blue', 'North', 'Bright', 'Summit', 'River', 'Atlas', 'Nova', 'Pioneer', 'Cedar', 'Harbor', 'Quantum', 'Silver', 'Orbit', 'Granite', 'Maple', 'Vertex'];
const KIND = ['Logistics', 'Foods', 'Robotics', 'Health', 'Textiles', 'Energy', 'Software', 'Motors', 'Analytics', 'Retail'];
const INDUSTRY = ['Manufacturing', 'Software', 'Retail', 'Healthcare', 'Logistics', 'Energy', 'Finance', 'Education'];
const COUNTRY = [['Toronto', 'Canada'], ['Berlin', 'Germany'], ['Lyon', 'France'], ['Osaka', 'Japan'], ['Austin', 'United States'], ['Shanghai', 'China']] as const;
const TITLE = ['Purchasing Manager', 'Operations Director', 'IT Manager', 'CFO', 'Office Manager', 'Head of Sales'];
const STATUSES: readonly LeadStatus[] = ['New', 'New', 'Working', 'Working', 'Qualified', 'Disqualified'];
const DAY_MS = 86_400_000;

/** A cheap integer hash so that neighbouring run numbers (and both owners) get unrelated values. */
function mix(k: number, salt: number): number {
  let h = Math.imul(k ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

const pick = <T>(list: readonly T[], k: number, salt: number): T => list[mix(k, salt) % list.length] as T;

/** An account of the bulk data with its one contact, if any (the service desk's bulk tickets are raised for them). */
export interface VolumeCustomer {
  accountId: number;
  contactId: number | null;
}

/** What the bulk data holds besides leads and accounts. */
export interface VolumeExtras {
  contacts: boolean;
  opportunities: boolean;
}

export interface VolumeAdded {
  leads: number;
  accounts: number;
  contacts: number;
  opportunities: number;
  /** the added accounts with their contacts, in run order */
  customers: VolumeCustomer[];
}

/**
 * Bulk records for performance work (`npm run crm:seed -- --volume N`): N leads, and N accounts each
 * with one contact and one open opportunity (unless `extras` leaves them out), owned alternately by
 * the two sales reps (run 0 by rep.li). Values are deterministic per run number (hashed, so values are spread across both owners),
 * so lists, search and filters have realistic spread; every email is unique. One transaction, the
 * tables' indexes built once at the end (docs/sales-crm.md §14).
 */
export function seedVolume(db: Database, n: number, extras: VolumeExtras = { contacts: true, opportunities: true }): VolumeAdded {
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
  const contact = db.prepare(
    `INSERT INTO contacts (first_name, last_name, email, phone, title, account_id, owner_id, created_at, updated_at)
     VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  const opportunity = db.prepare(
    `INSERT INTO opportunities (name, account_id, contact_id, amount_cents, stage, close_date, owner_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.now() - n * 1000;
  const customers: VolumeCustomer[] = [];
  const tables = ['leads', 'accounts', ...(extras.contacts ? ['contacts'] : []), ...(extras.opportunities ? ['opportunities'] : [])];
  withIndexesRebuilt(db, tables, () => {
    for (let i = 0; i < n; i++) {
      const k = run + i;
      const created = start + i * 1000;
      const at = new Date(created).toISOString();
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
      const accountId = Number(account.run(company, pick(INDUSTRY, k, 8), `https://account${k}.example`, '', city, country, owner, at, at).lastInsertRowid);
      const contactId = extras.contacts ? Number(contact.run(
        pick(FIRST, k, 9), pick(LAST, k, 10), `contact${k}@volume-${word.toLowerCase()}.example`, pick(TITLE, k, 11), accountId, owner, at, at,
      ).lastInsertRowid) : null;
      if (extras.opportunities) {
        const closeDate = new Date(created + (30 + (mix(k, 12) % 90)) * DAY_MS).toISOString().slice(0, 10);
        opportunity.run(`${company} renewal`, accountId, contactId, (1 + (mix(k, 13) % 50_000)) * 100, pick(OPEN_STAGES, k, 14), closeDate, owner, at, at);
      }
      customers.push({ accountId, contactId });
    }
  });
  return { leads: n, accounts: n, contacts: extras.contacts ? n : 0, opportunities: extras.opportunities ? n : 0, customers };
}
