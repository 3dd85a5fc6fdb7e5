/** Service desk vocabulary (docs/service.md §1). Stored exactly as listed. */

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORIES = ['Billing', 'Technical', 'Account', 'Other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHANNELS = ['portal', 'phone', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Staff record tickets that arrived by phone or email; `portal` is set only by the portal. */
export const STAFF_CHANNELS = ['phone', 'email'] as const satisfies readonly Channel[];

export const TICKET_STATUSES = ['New', 'Open', 'Pending customer', 'Escalated', 'Resolved', 'Closed', 'Reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which the ticket still needs work (counted as "open" on boards and dashboards). */
export const UNRESOLVED_STATUSES = ['New', 'Open', 'Pending customer', 'Escalated', 'Reopened'] as const satisfies readonly TicketStatus[];

export const RESOLUTION_CODES = ['Fixed', 'Workaround', 'Duplicate', 'No fault found'] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const MESSAGE_MAX = 10_000;

export function isUnresolved(status: TicketStatus): boolean {
  return (UNRESOLVED_STATUSES as readonly TicketStatus[]).includes(status);
}

export function formatTicketNumber(seq: number): string {
  return `TCK-${String(seq).padStart(6, '0')}`;
}
