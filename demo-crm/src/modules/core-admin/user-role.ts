import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../core/audit.js';
import { html, type SafeHtml } from '../../core/html.js';
import { conflict, notFound, ValidationError } from '../../core/http.js';
import { ROLES, type Role } from '../../core/permissions.js';

export const roleEnum = z.enum(ROLES, { error: 'Choose a role' });
export const STAFF_ROLES = ROLES.filter((r) => r !== 'customer');

/**
 * Gives a user another role, in force from their next request (a session reads the user's role at
 * every request). Nobody changes their own role, so the admin who makes a change stays an admin and
 * the CRM never loses its last one. The customer role belongs to portal users tied to a contact: it
 * is neither given to staff nor taken from a customer here. Returns whether the role changed.
 */
export function changeRole(req: FastifyRequest, id: number, role: Role): boolean {
  const { db } = req.server.crm;
  const row = db.prepare('SELECT id, username, role FROM users WHERE id = ?').get(id) as { id: number; username: string; role: Role } | undefined;
  if (!row) notFound('No such user');
  if (row.id === req.user?.id) conflict('You cannot change your own role.');
  if ((row.role === 'customer') !== (role === 'customer')) throw new ValidationError({ role: 'Customers keep the customer role, and staff cannot become customers' });
  if (row.role === role) return false;
  db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
  audit(req, { action: 'role_changed', object: 'user', recordId: id, summary: `role ${row.role} → ${role}`, changes: { role: { from: row.role, to: role } } });
  return true;
}

/** The role picker of the Change role dialog (an id per user: every row of the list has one). */
export function roleSelect(user: { id: number; role: string }): SafeHtml {
  return html`<div class="field"><label for="role-of-${user.id}">New role</label>
    <select id="role-of-${user.id}" name="role">${STAFF_ROLES.map((r) => html`<option value="${r}"${r === user.role ? html` selected` : ''}>${r.replace('_', ' ')}</option>`)}</select></div>`;
}
