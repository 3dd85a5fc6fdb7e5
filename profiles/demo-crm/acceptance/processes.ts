import { defineProcesses } from '../../../fixtures/acceptance/process-coverage.js';

/**
 * The documented state transitions of the demo CRM's two processes, and how each shows in a run's
 * business steps. Sources: demo-crm/docs/sales-crm.md (§ Status, opportunity stages),
 * sales-revenue.md (§5 quote workflow, §7 invoices) and service.md (§2 actions, §4 clock rules).
 * Preconditions set up by API ("Given …", "Precondition: …") never count as exercising a transition.
 */
const SALES = 'demo-crm/docs/sales-crm.md';
const REVENUE = 'demo-crm/docs/sales-revenue.md';
const SERVICE = 'demo-crm/docs/service.md';

export default defineProcesses([
  {
    id: 'lead-to-cash',
    title: 'Lead to cash',
    transitions: [
      { object: 'Lead', from: '(none)', to: 'New', action: 'Capture a lead', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/captures (a new|the same) lead|captures the same person/], source: SALES },
      { object: 'Lead', from: 'New', to: 'Working', action: 'Start working the lead', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/works the lead/], source: SALES },
      { object: 'Lead', from: 'Working', to: 'Qualified', action: 'Qualify', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/qualifies it/], source: SALES },
      { object: 'Lead', from: 'Qualified', to: 'Converted', action: 'Convert into account, contact and opportunity', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/converts it into an account/], source: SALES },
      { object: 'Lead', from: 'New / Working / Qualified', to: 'Disqualified', action: 'Disqualify with a reason', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/disqualifies the lead/], source: SALES },
      { object: 'Opportunity', from: 'Prospecting', to: 'Qualification → Proposal → Negotiation', action: 'Move one stage forward on the board', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/advances the opportunity stage by stage/], source: SALES },
      { object: 'Opportunity', from: 'any open stage', to: 'Closed Lost', action: 'Mark lost with a reason', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/marks the opportunity as lost/], source: SALES },
      { object: 'Opportunity', from: 'any open stage', to: 'Closed Won', action: 'Accept a quote (automatic)', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/marks it accepted/], source: REVENUE },
      { object: 'Quote', from: 'Draft', to: 'Pending approval', action: 'Submit for approval', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/submits the quote/], source: REVENUE },
      { object: 'Quote', from: 'Pending approval', to: 'Approved', action: 'Approve in the Approvals inbox', roles: ['Sales manager', 'Admin'], steps: [/approves the (quote|revised quote|\d+% discount)|finds the quote in the Approvals inbox and approves/], source: REVENUE },
      { object: 'Quote', from: 'Pending approval', to: 'Draft (rejected)', action: 'Reject with a comment', roles: ['Sales manager', 'Admin'], steps: [/rejects the quote/], source: REVENUE },
      { object: 'Quote', from: 'Approved / Pending approval', to: 'Draft', action: 'Reopen for editing (revise)', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/reopens the quote for editing|revises the quote/], source: REVENUE },
      { object: 'Quote', from: 'Draft (no approval needed) / Approved', to: 'Sent', action: 'Send to the customer', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/sends the .*quote/], source: REVENUE },
      { object: 'Quote', from: 'Sent', to: 'Accepted', action: 'Mark accepted (creates the order)', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/marks it accepted/], source: REVENUE },
      { object: 'Quote', from: 'Sent', to: 'Declined', action: 'Mark declined', roles: ['Sales rep', 'Sales manager', 'Admin'], steps: [/marks (it|the quote) declined/], source: REVENUE },
      { object: 'Invoice', from: '(order)', to: 'Issued', action: 'Issue the invoice from the order', roles: ['Finance clerk', 'Admin'], steps: [/issues the invoice/], source: REVENUE },
      { object: 'Invoice', from: 'Issued', to: 'Partially paid', action: 'Record a partial payment', roles: ['Finance clerk'], steps: [/records a partial payment/], source: REVENUE },
      { object: 'Invoice', from: 'Issued / Partially paid / Overdue', to: 'Paid', action: 'Record the rest of the payment', roles: ['Finance clerk'], steps: [/records (the rest of the payment|exactly the open balance|the full payment)|records the payment of all of it/], source: REVENUE },
      { object: 'Invoice', from: 'Issued / Partially paid', to: 'Overdue', action: 'Due date passes with a balance (shown, not stored)', roles: ['system'], steps: [/sees the invoice Overdue/], source: REVENUE },
    ],
  },
  {
    id: 'service-ticket',
    title: 'Service ticket lifecycle',
    transitions: [
      { object: 'Ticket', from: '(none)', to: 'New', action: 'Open a ticket in the portal (or by phone/e-mail)', roles: ['Customer', 'Support agent', 'Support manager'], steps: [/opens a P\d ticket in the portal/], source: SERVICE },
      { object: 'Ticket', from: 'New', to: 'Open', action: 'Take the ticket', roles: ['Support agent', 'Support manager'], steps: [/takes the ticket/], source: SERVICE },
      { object: 'Ticket', from: 'Open / Reopened', to: 'Pending customer', action: 'Set pending customer (resolution clock pauses)', roles: ['Support agent', 'Support manager'], steps: [/sets the ticket to Pending customer/], source: SERVICE },
      { object: 'Ticket', from: 'Pending customer', to: 'Open', action: 'Customer reply', roles: ['Customer'], steps: [/answers the agent in the portal/], source: SERVICE },
      { object: 'Ticket', from: 'Pending customer / Reopened', to: 'Open', action: 'Set open', roles: ['Support agent', 'Support manager'], steps: [/sets the ticket (back )?to Open/], source: SERVICE },
      { object: 'Ticket', from: 'Open / Pending customer / Escalated / Reopened', to: 'Resolved', action: 'Resolve with a resolution code', roles: ['Support agent', 'Support manager'], steps: [/resolves (the ticket|it)/], source: SERVICE },
      { object: 'Ticket', from: 'Resolved', to: 'Closed', action: 'Confirm the resolution', roles: ['Customer'], steps: [/confirms the resolution/], source: SERVICE },
      { object: 'Ticket', from: 'Resolved', to: 'Closed', action: 'Automatic close 72 h after resolution', roles: ['system'], steps: [/closed automatically|finds TCK-\S+ Closed five minutes after 3 days/], source: SERVICE },
      { object: 'Ticket', from: 'New / Open / Pending customer / Reopened', to: 'Escalated', action: 'Escalate', roles: ['Support manager'], steps: [/escalates TCK-/], source: SERVICE },
      { object: 'Ticket', from: 'New / Open / Reopened', to: 'Escalated', action: 'Automatic escalation of a P1 without first response', roles: ['system'], steps: [/sees TCK-\S+ escalated and flagged/], source: SERVICE },
      { object: 'Ticket', from: 'Escalated', to: 'Open / New', action: 'De-escalate', roles: ['Support manager'], steps: [/de-escalates/], source: SERVICE },
      { object: 'Ticket', from: 'New / Open / Pending customer / Escalated / Reopened', to: '(reassigned)', action: 'Reassign to another agent', roles: ['Support manager'], steps: [/reassigns TCK-/], source: SERVICE },
      { object: 'Ticket', from: 'Resolved / Closed (within 7 days)', to: 'Reopened', action: 'Reopen within 7 days of resolution', roles: ['Customer'], steps: [/reopens TCK-/], source: SERVICE },
    ],
  },
]);
