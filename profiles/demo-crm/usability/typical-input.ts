import type { LeadData } from '../data/schemas.js';
import type { TestData } from '../data/test-data.js';
import type { TicketRequest } from '../data/service-tickets.js';

/**
 * What a user typically types for each common task, with fixed lengths: keystrokes count characters,
 * so faker text of random length would move the figure from run to run. Only the test's tag (of
 * constant length) keeps the records apart.
 */
export function typicalLead(data: TestData): LeadData {
  return { firstName: 'Mei', lastName: 'Lin', company: data.tagged('Lin Robotics'), email: `${data.tag}.mei.lin@example.test`, phone: '+1 555 201 3344', source: 'Web' };
}

export function typicalPortalTicket(data: TestData): TicketRequest {
  return { subject: data.tagged('Printer offline'), description: 'The label printer in hall 2 shows error E42 since this morning.', priority: 'P3', category: 'Technical' };
}

export const TYPICAL_REPLY = 'Please restart the printer; it will pick up the new driver.';
export const TYPICAL_APPROVAL_COMMENT = 'OK for this customer.';
