/**
 * Customer portal users of a fresh database (docs/service.md §9). The sales seed normally creates
 * both accounts and their contacts; when it has not, they are created here, owned by rep.li.
 */
import type { Database } from 'better-sqlite3';
import { hashPassword } from '../../core/auth.js';
import type { AppContext } from '../../core/module.js';
import { insertUser, seedUserPasswordHashes } from '../core-admin/seed-users.js';

interface PortalSeed {
  username: string;
  password: string;
  account: string;
  contact: { firstName: string; lastName: string; email: string };
}

export const PORTAL_USERS: readonly PortalSeed[] = [
  { username: 'cust.acme', password: 'CustAcme#Flows2026', account: 'Acme Robotics', contact: { firstName: 'Alice', lastName: 'Chen', email: 'alice.chen@acme-robotics.example' } },
  { username: 'cust.globex', password: 'CustGlobex#Flows2026', account: 'Globex Trading', contact: { firstName: 'Gus', lastName: 'Patel', email: 'gus.patel@globex-trading.example' } },
];

function findOrCreateAccount(db: Database, name: string, ownerId: number, at: string): number {
  const id = db.prepare('SELECT id FROM accounts WHERE name = ? ORDER BY id LIMIT 1').pluck().get(name) as number | undefined;
  if (id !== undefined) return id;
  return Number(db.prepare('INSERT INTO accounts (name, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?)').run(name, ownerId, at, at).lastInsertRowid);
}

function findOrCreateContact(db: Database, accountId: number, c: PortalSeed['contact'], ownerId: number, at: string): { id: number; name: string } {
  const existing = db
    .prepare(`SELECT id, trim(first_name || ' ' || last_name) AS name FROM contacts WHERE account_id = ? ORDER BY (email = ?) DESC, id LIMIT 1`)
    .get(accountId, c.email) as { id: number; name: string } | undefined;
  if (existing) return existing;
  const id = Number(
    db.prepare('INSERT INTO contacts (first_name, last_name, email, account_id, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(c.firstName, c.lastName, c.email, accountId, ownerId, at, at).lastInsertRowid,
  );
  return { id, name: `${c.firstName} ${c.lastName}` };
}

export function seedPortalUsers(ctx: AppContext): void {
  const { db } = ctx;
  const hashes = seedUserPasswordHashes(ctx);
  const at = new Date().toISOString();
  const owner = db.prepare(`SELECT id FROM users WHERE username = 'rep.li'`).pluck().get() as number | undefined;
  if (owner === undefined) throw new Error('service seed: user rep.li is missing (core seed must run first)');
  for (const p of PORTAL_USERS) {
    if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(p.username)) continue;
    const accountId = findOrCreateAccount(db, p.account, owner, at);
    const contact = findOrCreateContact(db, accountId, p.contact, owner, at);
    insertUser(db, {
      username: p.username, displayName: contact.name, role: 'customer', team: null, passwordHash: hashes[p.username] ?? hashPassword(p.password),
      accountId, contactId: contact.id, email: p.contact.email,
    });
  }
}
