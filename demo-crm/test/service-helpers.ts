/**
 * Shared steps of the service desk tests. Expected SLA values come from the documented table
 * (docs/service.md §3), written out here on purpose, not imported from the code under test.
 */
import assert from 'node:assert/strict';
import type { ApiClient } from './harness.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** docs/service.md §3: first response / resolution, calendar time. */
export const DOCUMENTED_SLA = {
  P1: { firstResponse: 1 * HOUR, resolution: 4 * HOUR },
  P2: { firstResponse: 4 * HOUR, resolution: 1 * DAY },
  P3: { firstResponse: 8 * HOUR, resolution: 3 * DAY },
  P4: { firstResponse: 1 * DAY, resolution: 5 * DAY },
} as const;
export type Priority = keyof typeof DOCUMENTED_SLA;

let seq = 0;
/** A subject unique to this process and call, so parallel tests never read each other's tickets by search. */
export function uniqueSubject(prefix = 'Ticket'): string {
  seq += 1;
  return `${prefix} ${process.pid}-${Date.now().toString(36)}-${seq}`;
}

export interface PortalTicketOverrides {
  subject?: string;
  description?: string;
  priority?: Priority;
  category?: string;
}

export async function portalTicket(customer: ApiClient, o: PortalTicketOverrides = {}) {
  const res = await customer.post('/api/portal/tickets', {
    subject: o.subject ?? uniqueSubject('Portal'),
    description: o.description ?? 'The robot arm stops after ten minutes. 机械臂十分钟后停止。',
    priority: o.priority ?? 'P3',
    category: o.category ?? 'Technical',
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

export async function accountId(client: ApiClient, name: string): Promise<number> {
  const res = await client.get(`/api/accounts?q=${encodeURIComponent(name)}`);
  assert.equal(res.status, 200, res.text);
  const hit = (res.body.items as { id: number; name: string }[]).find((a) => a.name === name);
  assert.ok(hit, `account ${name} is seeded`);
  return hit.id;
}

export async function staffTicket(staff: ApiClient, o: PortalTicketOverrides & { accountId: number; contactId?: number; channel?: string }) {
  const res = await staff.post('/api/tickets', {
    accountId: o.accountId,
    ...(o.contactId ? { contactId: o.contactId } : {}),
    channel: o.channel ?? 'phone',
    subject: o.subject ?? uniqueSubject('Phone'),
    description: o.description ?? 'Customer called: invoice PDF is empty.',
    priority: o.priority ?? 'P3',
    category: o.category ?? 'Billing',
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** The standard path to Resolved: an agent takes the ticket, answers and resolves it. */
export async function resolveAs(agent: ApiClient, id: number, code = 'Fixed') {
  assert.equal((await agent.post(`/api/tickets/${id}/take`)).status, 200);
  assert.equal((await agent.post(`/api/tickets/${id}/replies`, { body: 'We fixed it.' })).status, 200);
  const res = await agent.post(`/api/tickets/${id}/resolve`, { resolutionCode: code });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export const ms = (iso: string): number => Date.parse(iso);

export async function notificationsAbout(client: ApiClient, number: string): Promise<{ message: string; link: string }[]> {
  const res = await client.get('/api/notifications');
  assert.equal(res.status, 200, res.text);
  return (res.body.items as { message: string; link: string }[]).filter((n) => n.message.includes(number));
}

export async function auditRows(admin: ApiClient, query: string): Promise<{ actor: string; action: string; summary: string | null }[]> {
  const res = await admin.get(`/api/audit?${query}`);
  assert.equal(res.status, 200, res.text);
  return res.body.items;
}
