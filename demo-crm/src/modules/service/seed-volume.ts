import type { Database } from 'better-sqlite3';
import { withIndexesRebuilt } from '../../db/bulk-load.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SLA_TARGETS } from './sla.js';
import { CATEGORIES, formatTicketNumber, PRIORITIES, RESOLUTION_CODES, type Priority } from './vocab.js';

const SUBJECTS = ['Cannot sign in', 'Invoice amount looks wrong', 'Scanner not detected', 'Export stops half-way', 'Password reset link expired', 'Sync is delayed'];
const OPEN_PRIORITIES: readonly Priority[] = ['P2', 'P3', 'P4'];

/** The bulk ticket of run `i`: who raised it, and whether it still waits in the queue (docs/service.md §9). */
export function volumeTicketKind(i: number): { portal: boolean; queued: boolean } {
  return { portal: i % 20 === 5, queued: i % 10 === 0 };
}

/**
 * Bulk tickets for performance work, one per bulk customer (`npm run crm:seed -- --volume N`): every
 * tenth (runs 0, 10, 20, …) is New and unassigned, in the queue (P2–P4, never P1, so none escalates);
 * the others are Closed history, answered and resolved within hours, assigned to agent.ana (odd runs)
 * or agent.ben. Runs 5, 25, 45, … come from the portal customer cust.acme (Acme Robotics, Alice Chen).
 */
export function seedTicketVolume(db: Database, customers: readonly { accountId: number; contactId: number | null }[]): number {
  const user = (username: string) => {
    const row = db.prepare('SELECT id, account_id AS accountId, contact_id AS contactId FROM users WHERE username = ?').get(username) as { id: number; accountId: number | null; contactId: number | null } | undefined;
    if (!row) throw new Error(`seedTicketVolume: the seeded user ${username} is missing`);
    return row;
  };
  const [ana, ben, acme] = [user('agent.ana'), user('agent.ben'), user('cust.acme')];
  const insert = db.prepare(
    `INSERT INTO tickets (id, number, account_id, contact_id, subject, description, priority, category, channel, status, assignee_id,
       resolution_code, created_by, created_at, updated_at, sla_started_at, first_response_due_at, first_responded_at, resolved_at,
       closed_at, close_reason)
     VALUES (?, ?, ?, ?, ?, 'Bulk data: raised for performance work.', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const first = (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM tickets').pluck().get() as number);
  // every bulk ticket, the newest included, was created (and the closed ones closed) before now
  const start = Date.now() - customers.length * 1000 - DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  withIndexesRebuilt(db, ['tickets'], () => {
    customers.forEach((customer, i) => {
      const id = first + i;
      const created = start + i * 1000;
      const { portal, queued } = volumeTicketKind(i);
      const priority = queued ? OPEN_PRIORITIES[id % OPEN_PRIORITIES.length]! : PRIORITIES[id % PRIORITIES.length]!;
      const closed = queued ? null : { responded: iso(created + 20 * MINUTE_MS), resolved: iso(created + 2 * HOUR_MS), closed: iso(created + 3 * HOUR_MS) };
      insert.run(
        id, formatTicketNumber(id), portal ? acme.accountId : customer.accountId, portal ? acme.contactId : customer.contactId,
        `${SUBJECTS[id % SUBJECTS.length]} (${portal ? 'portal' : 'bulk'} ${i})`, priority, CATEGORIES[id % CATEGORIES.length]!,
        portal ? 'portal' : i % 3 === 0 ? 'email' : 'phone', queued ? 'New' : 'Closed', queued ? null : i % 2 ? ana.id : ben.id,
        closed ? RESOLUTION_CODES[id % RESOLUTION_CODES.length]! : null, portal ? acme.id : ana.id, iso(created), closed?.closed ?? iso(created),
        iso(created), iso(created + SLA_TARGETS[priority].firstResponseMs), closed?.responded ?? null, closed?.resolved ?? null,
        closed?.closed ?? null, closed ? 'confirmed' : null,
      );
    });
  });
  return customers.length;
}
