import crypto from 'node:crypto';
import { test } from '@playwright/test';
import { z } from 'zod';
import type { Actor } from '../actor.js';
import { createStaffTicket } from '../api/service.js';
import type { TestData } from '../data/test-data.js';

/**
 * Two colleagues about to leave, each with work of their own: a sales rep who owns an account and a
 * support agent who holds an open ticket (created by the admin, through the API). Their passwords are
 * random and never used: nobody signs in as them.
 */
export interface Colleague { id: number; username: string; displayName: string }
export interface DepartingStaff { rep: Colleague; accountId: number; agent: Colleague; ticketId: number }

async function colleague(admin: Actor, data: TestData, role: 'sales_rep' | 'support_agent', team: 'sales' | 'support'): Promise<Colleague> {
  const username = `${data.tag}.${role}`.toLowerCase().replace(/[^a-z0-9._-]/g, '').slice(-40);
  const displayName = data.tagged(role === 'sales_rep' ? 'Departing rep' : 'Departing agent');
  const password = `${crypto.randomBytes(12).toString('base64url')}#9a`;
  const { id } = await admin.api.post('/api/users', { username, displayName, email: `${username}@example.test`, role, team, password }, z.object({ id: z.number() }));
  return { id, username, displayName };
}

export function departingStaff(o: { admin: Actor; supportManager: Actor; data: TestData; ticketAccountId: number }): Promise<DepartingStaff> {
  return test.step('Given a sales rep who owns an account and a support agent who holds an open ticket (by API)', async () => {
    const rep = await colleague(o.admin, o.data, 'sales_rep', 'sales');
    const account = await o.admin.api.post('/api/accounts', { name: o.data.tagged('Account of a departing rep'), ownerId: rep.id }, z.object({ id: z.number() }));
    const agent = await colleague(o.admin, o.data, 'support_agent', 'support');
    const ticket = await createStaffTicket(o.supportManager.api, o.ticketAccountId, o.data.ticket({ priority: 'P4', channel: 'email' }));
    await o.supportManager.api.post(`/api/tickets/${ticket.id}/assign`, { assigneeId: agent.id });
    return { rep, accountId: account.id, agent, ticketId: ticket.id };
  }, { box: true });
}
