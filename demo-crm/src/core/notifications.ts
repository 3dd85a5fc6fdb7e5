import type { Database } from 'better-sqlite3';
import type { Role } from './permissions.js';

export function notify(db: Database, userId: number, message: string, link?: string, at = new Date().toISOString()): void {
  db.prepare('INSERT INTO notifications (user_id, message, link, created_at) VALUES (?, ?, ?, ?)').run(userId, message, link ?? null, at);
}

export function notifyRole(db: Database, role: Role, message: string, link?: string, at = new Date().toISOString()): void {
  const ids = db.prepare('SELECT id FROM users WHERE role = ? AND active = 1').pluck().all(role) as number[];
  for (const id of ids) notify(db, id, message, link, at);
}
