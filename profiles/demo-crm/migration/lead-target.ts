import type { Actor } from '../actor.js';
import type { Lead } from '../api/sales-crm.js';
import { LeadListPage } from '../pages/leads/lead-list-page.js';
import { readCsv, type CsvTable } from './csv-read.js';
import type { LeadRecord } from './legacy-export.js';

/**
 * The CRM's side of a lead migration, read the two ways a migration is checked: the list's CSV
 * export (through the Leads page, as a user exports it) and the JSON API with the actor's session.
 */
interface ApiLead extends Lead {
  ownerName: string;
}

/** Every lead the actor may list whose name, company or email starts with `prefix`. */
export async function leadsByPrefix(actor: Actor, prefix: string): Promise<ApiLead[]> {
  const all: ApiLead[] = [];
  for (let page = 1; ; page += 1) {
    const list = await actor.api.list<ApiLead>('leads', { q: prefix, page, pageSize: 100, sort: 'createdAt' });
    all.push(...list.items);
    if (page * list.pageSize >= list.total) return all;
  }
}

/** A lead from the API in the export's columns; the owner is the user's display name. */
export function apiLeadRecord(lead: ApiLead): LeadRecord {
  return {
    'First name': lead.firstName, 'Last name': lead.lastName, Company: lead.company, Email: lead.email, Phone: lead.phone,
    Source: lead.source, Status: lead.status, Owner: lead.ownerName,
  };
}

/** The Leads list searched for `prefix`, exported as CSV through the list's Export CSV link. */
export async function exportLeads(actor: Actor, prefix: string): Promise<CsvTable> {
  const list = actor.at(LeadListPage);
  await list.open();
  await list.search(prefix);
  return readCsv(await list.exportCsv());
}

export async function apiLeadRecords(actor: Actor, prefix: string): Promise<LeadRecord[]> {
  return (await leadsByPrefix(actor, prefix)).map(apiLeadRecord);
}
