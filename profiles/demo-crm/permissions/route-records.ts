import { z } from 'zod';
import type { ApiClient } from '../api/client.js';
import type { RoleApis } from './role-apis.js';
import type { RecordKind } from './route-rules.js';
import { AGENTS, OWNER_KEYS, leadBody, noOwner, opportunityBody, salesFacts, ticketFacts, type AgentKey, type OwnerKey, type Rec, type World } from './world.js';

/**
 * The records a route's :id is tried with: one per owner — rep A's, rep B's (same team) and admin's
 * (no team) for sales records; agent A's Acme ticket and agent B's Globex ticket for tickets (the
 * customer's own account and another account's). Reads use the worker's probe world; state-changing
 * routes get fresh records of their own in the state the call needs, so nothing shared is used up.
 */
export interface RouteRec extends Rec {
  /** a second path parameter (:lineId) */
  sub?: number;
  /** whose record it is: A, B, X (sales) or A, B (tickets) */
  owner: string;
}

const idOf = z.object({ id: z.number() });
const withLine = z.object({ line: z.object({ id: z.number() }) });
const withApprovals = z.object({ approvals: z.array(z.object({ id: z.number(), status: z.string() })) });
const accepted = z.object({ orderId: z.number() });

const SALES_WORLD = ['lead', 'account', 'contact', 'opportunity', 'quote', 'approval', 'order', 'invoice'] as const;
type SalesWorldKind = (typeof SALES_WORLD)[number];
const TICKET_KINDS: readonly RecordKind[] = ['ticket', 'openTicket', 'pendingTicket', 'escalatedTicket', 'queueTicket', 'resolvedTicket', 'closedTicket'];

export function ownersOfKind(kind: RecordKind): readonly string[] {
  if (TICKET_KINDS.includes(kind)) return ['A', 'B'];
  if (kind === 'import') return ['manager', 'admin'];
  if (kind === 'product' || kind === 'user') return ['-'];
  return OWNER_KEYS;
}

/** True when the kind is read from the shared world (GET routes, harmless edits of unowned records). */
export const isWorldKind = (kind: RecordKind): boolean =>
  (SALES_WORLD as readonly string[]).includes(kind) || ['ticket', 'import', 'product', 'user'].includes(kind);

export class RouteRecords {
  private seq = 0;
  private readonly today = new Date().toISOString().slice(0, 10);

  constructor(
    private readonly apis: RoleApis,
    private readonly world: World,
    private readonly fresh: (what: string) => string,
  ) {}

  private owner(o: string): ApiClient {
    return this.apis[o === 'A' ? 'salesRep' : o === 'B' ? 'salesRep2' : 'admin'].api;
  }

  private mark(what: string, o: string): string {
    return this.fresh(`rt${(this.seq += 1).toString(36)}-${what}-${o}`);
  }

  /** A record of `kind` belonging to `owner`: the world's for reads, a fresh one otherwise. */
  async get(kind: RecordKind, owner: string): Promise<RouteRec> {
    if ((SALES_WORLD as readonly string[]).includes(kind)) return { ...this.world.sales[owner as OwnerKey][kind as SalesWorldKind], owner };
    if (kind === 'ticket') return { ...this.world.tickets[owner as AgentKey], owner };
    if (kind === 'import') return { ...this.world.imports[owner === 'manager' ? 0 : 1]!, owner };
    if (kind === 'product') return { ...this.world.product, owner };
    if (kind === 'user') return { ...this.world.user, owner };
    return TICKET_KINDS.includes(kind) ? this.ticket(kind, owner as AgentKey) : this.sales(kind, owner as OwnerKey);
  }

  private async sales(kind: RecordKind, o: OwnerKey): Promise<RouteRec> {
    const api = this.owner(o);
    const rec = (id: number, marker: string, what: string, sub?: number): RouteRec => ({ id, marker, facts: salesFacts(o, what), owner: o, ...(sub === undefined ? {} : { sub }) });
    switch (kind) {
      case 'newLead':
      case 'qualifiedLead': {
        const marker = this.mark('lead', o);
        const { id } = await api.post('/api/leads', leadBody(marker), idOf);
        if (kind === 'qualifiedLead') {
          await api.post(`/api/leads/${id}/status`, { status: 'Working' });
          await api.post(`/api/leads/${id}/status`, { status: 'Qualified' });
        }
        return rec(id, marker, 'lead');
      }
      case 'newAccount': {
        const marker = this.mark('account', o);
        return rec((await api.post('/api/accounts', { name: marker }, idOf)).id, marker, 'account');
      }
      case 'newContact': {
        const marker = this.mark('contact', o);
        return rec((await api.post('/api/contacts', { firstName: marker, lastName: 'Probe' }, idOf)).id, marker, 'contact');
      }
      case 'newOpportunity': {
        const marker = this.mark('opportunity', o);
        return rec((await api.post('/api/opportunities', opportunityBody(marker, this.world.sales[o].account.id), idOf)).id, marker, 'opportunity');
      }
      default:
        return this.revenue(kind, o, api, rec);
    }
  }

  /** Quotes and what follows from them, each on an opportunity of its own (accepting one declines its siblings). */
  private async revenue(kind: RecordKind, o: OwnerKey, api: ApiClient, rec: (id: number, marker: string, what: string, sub?: number) => RouteRec): Promise<RouteRec> {
    const marker = this.mark('deal', o);
    const account = kind === 'openOrder' || kind === 'openInvoice' ? (await api.post('/api/accounts', { name: marker }, idOf)).id : this.world.sales[o].account.id;
    const opp = await api.post('/api/opportunities', opportunityBody(marker, account), idOf);
    const quote = await api.post(`/api/opportunities/${opp.id}/quotes`, {}, idOf);
    const discount = kind === 'discountedDraft' || kind === 'pendingQuote' || kind === 'pendingApproval' ? 20 : 0;
    const { line } = await api.post(`/api/quotes/${quote.id}/lines`, { productId: this.world.productId, quantity: 1, discountPercent: discount }, withLine);
    switch (kind) {
      case 'draftQuote':
      case 'discountedDraft':
        return rec(quote.id, marker, 'quote', line.id);
      case 'pendingQuote':
      case 'pendingApproval': {
        const submitted = await api.post(`/api/quotes/${quote.id}/submit`, {}, withApprovals);
        const pending = submitted.approvals.find((a) => a.status === 'Pending');
        if (!pending) throw new Error(`submitting quote ${quote.id} opened no pending approval`);
        return kind === 'pendingQuote' ? rec(quote.id, marker, 'quote') : rec(pending.id, marker, 'approval');
      }
      case 'sentQuote':
        await api.post(`/api/quotes/${quote.id}/send`, {});
        return rec(quote.id, marker, 'quote');
      case 'openOrder':
      case 'openInvoice': {
        await api.post(`/api/quotes/${quote.id}/send`, {});
        const { orderId } = await api.post(`/api/quotes/${quote.id}/accept`, {}, accepted);
        if (kind === 'openOrder') return rec(orderId, marker, 'order');
        const invoice = await this.apis.finance.api.post(`/api/orders/${orderId}/invoice`, {}, idOf);
        return rec(invoice.id, marker, 'invoice');
      }
      default:
        throw new Error(`no recipe for a ${kind} record`);
    }
  }

  /** Tickets raised by phone for the agent's customer account, assigned to that agent unless in the queue. */
  private async ticket(kind: RecordKind, a: AgentKey): Promise<RouteRec> {
    const manager = this.apis.supportManager.api;
    const agent = this.apis[AGENTS[a].role].api;
    const marker = this.mark('ticket', a);
    const accountId = this.world.accounts[AGENTS[a].account];
    const { id } = await manager.post('/api/tickets', { subject: marker, description: `${marker} description`, priority: 'P3', category: 'Technical', channel: 'phone', accountId }, idOf);
    // the queue is everyone's on the service desk (AC-PERM-O06): no owner decides who may take it
    if (kind === 'queueTicket') return { id, marker, facts: { ...noOwner(`${AGENTS[a].account} queue ticket`) }, owner: a };
    await manager.post(`/api/tickets/${id}/assign`, { assigneeId: this.apis[AGENTS[a].role].userId });
    if (kind === 'pendingTicket') await agent.post(`/api/tickets/${id}/pending`, {});
    if (kind === 'escalatedTicket') await manager.post(`/api/tickets/${id}/escalate`, {});
    if (kind === 'resolvedTicket' || kind === 'closedTicket') await agent.post(`/api/tickets/${id}/resolve`, { resolutionCode: 'Fixed' });
    if (kind === 'closedTicket') await this.apis[AGENTS[a].account === 'acme' ? 'customer' : 'customer2'].api.post(`/api/portal/tickets/${id}/confirm`, {});
    return { id, marker, facts: ticketFacts(a, 'ticket'), owner: a };
  }

  /** The other agent of the pair: whom a ticket is reassigned to. */
  otherAgentId(owner: string): number {
    return this.apis[owner === 'A' ? 'supportAgent2' : 'supportAgent'].userId;
  }

  get todayIso(): string {
    return this.today;
  }
}
