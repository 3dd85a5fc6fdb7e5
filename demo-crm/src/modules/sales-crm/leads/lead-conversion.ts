import type { FastifyRequest } from 'fastify';
import { audit, diffChanges } from '../../../core/audit.js';
import { authorize, deny } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import { conflict, parseInput } from '../../../core/http.js';
import { canAccessRecord, type PermissionObject } from '../../../core/permissions.js';
import { loadAuthorized } from '../access.js';
import { getAccount, insertAccount, type AccountRow, type AccountValues } from '../accounts/account-store.js';
import { getContact, insertContact, type ContactRow, type ContactValues } from '../contacts/contact-store.js';
import { getOpportunity, insertOpportunity, type OpportunityRow, type OpportunityValues } from '../opportunities/opportunity-store.js';
import { convertSchema } from '../validation.js';
import { getLead, type LeadRow } from './lead-store.js';

export interface ConversionResult {
  lead: LeadRow;
  account: AccountRow;
  contact: ContactRow;
  opportunity: OpportunityRow | null;
}

/**
 * Converts a Qualified lead (docs/sales-crm.md §4): one transaction creates the account, the contact
 * and optionally the opportunity, all owned by the lead's owner, and marks the lead Converted with
 * links to them. Everything is audited inside the same transaction.
 */
export function convertLead(req: FastifyRequest, id: number, body: unknown): ConversionResult {
  const { db, faults } = req.server.crm;
  const lead = loadAuthorized(req, 'lead', 'edit', id, (i) => getLead(db, i));
  if (lead.status === 'Converted') conflict('This lead is already converted and read-only', { error: 'read_only' });
  if (lead.status !== 'Qualified') {
    conflict(`Only a Qualified lead can be converted; this lead is ${lead.status}`, { error: 'invalid_transition' });
  }
  const input = parseInput(convertSchema, body);
  const created: PermissionObject[] = ['account', 'contact', ...(input.createOpportunity ? (['opportunity'] as const) : [])];
  for (const object of created) {
    const user = authorize(req, object, 'create');
    if (!canAccessRecord(user, object, 'create', { ownerId: lead.ownerId, ownerTeam: lead.ownerTeam })) deny(req, object, 'create', id);
  }

  const at = nowIso(req);
  const ids = db.transaction(() => {
    const account: AccountValues = {
      name: lead.company, industry: '', website: '', phone: '', billingCity: '', billingCountry: '', ownerId: lead.ownerId,
    };
    const accountId = insertAccount(db, account, at);
    audit(req, { action: 'create', object: 'account', recordId: accountId, summary: `account ${account.name} (converted from lead ${id})`, changes: diffChanges({}, { ...account }) });

    const contact: ContactValues = {
      firstName: lead.firstName, lastName: lead.lastName, email: lead.email,
      phone: faults.on('conversion-drops-phone') ? '' : lead.phone,
      title: '', accountId, ownerId: lead.ownerId,
    };
    const contactId = insertContact(db, contact, at);
    audit(req, { action: 'create', object: 'contact', recordId: contactId, summary: `contact ${contact.firstName} ${contact.lastName} (converted from lead ${id})`, changes: diffChanges({}, { ...contact }) });

    let opportunityId: number | null = null;
    if (input.createOpportunity && input.closeDate) {
      const opportunity: OpportunityValues = {
        name: input.opportunityName || `${lead.company} opportunity`,
        accountId, contactId, amount: input.amount ?? 0, closeDate: input.closeDate, ownerId: lead.ownerId,
      };
      opportunityId = insertOpportunity(db, opportunity, at);
      audit(req, { action: 'create', object: 'opportunity', recordId: opportunityId, summary: `opportunity ${opportunity.name} (converted from lead ${id})`, changes: diffChanges({}, { ...opportunity, stage: 'Prospecting' }) });
    }

    db.prepare(
      `UPDATE leads SET status = 'Converted', converted_account_id = ?, converted_contact_id = ?, converted_opportunity_id = ?,
       converted_at = ?, updated_at = ? WHERE id = ?`,
    ).run(accountId, contactId, opportunityId, at, at, id);
    audit(req, {
      action: 'convert', object: 'lead', recordId: id,
      summary: `converted to account ${accountId}, contact ${contactId}${opportunityId ? `, opportunity ${opportunityId}` : ''}`,
      changes: diffChanges(
        { status: lead.status, convertedAccountId: null, convertedContactId: null, convertedOpportunityId: null },
        { status: 'Converted', convertedAccountId: accountId, convertedContactId: contactId, convertedOpportunityId: opportunityId },
      ),
    });
    return { accountId, contactId, opportunityId };
  })();

  return {
    lead: getLead(db, id) as LeadRow,
    account: getAccount(db, ids.accountId) as AccountRow,
    contact: getContact(db, ids.contactId) as ContactRow,
    opportunity: ids.opportunityId ? (getOpportunity(db, ids.opportunityId) as OpportunityRow) : null,
  };
}
