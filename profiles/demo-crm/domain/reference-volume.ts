/**
 * What a fresh reference CRM holds after `npm run crm:seed -- --volume N`, computed from the documented
 * rules (demo-crm/docs/sales-crm.md §14, service.md §9), never read from the CRM: the seed data, then
 * N bulk runs i = 0 … N−1 with run number k = (seed leads) + 1 + i.
 */
export type SalesRep = 'rep.li' | 'rep.sam';
export type SalesObject = 'leads' | 'accounts' | 'contacts' | 'opportunities';

/** The seed data per owner (§14): six leads, and four accounts each with one contact and one opportunity. */
const SEED: Readonly<Record<SalesObject, Readonly<Record<SalesRep, number>>>> = {
  leads: { 'rep.li': 3, 'rep.sam': 3 },
  accounts: { 'rep.li': 2, 'rep.sam': 2 },
  contacts: { 'rep.li': 2, 'rep.sam': 2 },
  opportunities: { 'rep.li': 2, 'rep.sam': 2 },
};
const SEED_LEADS = SEED.leads['rep.li'] + SEED.leads['rep.sam'];

const runsWhere = (n: number, keep: (i: number) => boolean): number => {
  let count = 0;
  for (let i = 0; i < n; i += 1) if (keep(i)) count += 1;
  return count;
};

export class ReferenceVolume {
  constructor(readonly n: number) {}

  /** "10,000 leads, accounts, contacts, opportunities and tickets" */
  describe(objects = 'leads, accounts, contacts, opportunities and tickets'): string {
    return `${this.n.toLocaleString('en-US')} bulk ${objects}`;
  }

  /** What a sales rep's list shows (reps see their own records): their seed records and their bulk runs (rep.li: even runs). */
  ownedBy(rep: SalesRep, object: SalesObject): number {
    return SEED[object][rep] + runsWhere(this.n, (i) => (i % 2 === 0) === (rep === 'rep.li'));
  }

  /** The run number of bulk run i: leads, accounts and contacts of one run share it (lead<k>@, contact<k>@, "<Word> <Kind> <k>"). */
  runNumber(i: number): number {
    return SEED_LEADS + 1 + i;
  }

  /** Bulk runs whose run number starts with these digits: what a prefix search for "lead<digits>" finds. */
  runsStartingWith(digits: string): number {
    return runsWhere(this.n, (i) => String(this.runNumber(i)).startsWith(digits));
  }

  /**
   * A run number of rep.li's (an even run) that no other run number starts with (as many digits as
   * the largest): a prefix search for it finds that run's lead, account or contact alone.
   */
  distinctiveRunNumber(): number {
    const k = this.runNumber(2 * Math.floor(this.n * 0.435));
    if (this.runsStartingWith(String(k)) !== 1) throw new Error(`run number ${k} is not distinctive among ${this.n} runs`);
    return k;
  }

  /** A sales rep's bulk leads alone: what "lead" (every bulk lead, no seed lead) filtered by that owner lists. */
  bulkLeadsOf(rep: SalesRep): number {
    return this.ownedBy(rep, 'leads') - SEED.leads[rep];
  }

  /**
   * The local parts (`lead<k>`) of a rep's bulk lead emails in the order of the list sorted by Email.
   * Emails compare as text, not as numbers: `lead100@` comes before `lead10@` because every digit sorts
   * before `@`; the words after the `@` never decide, as no two runs share a number.
   */
  leadEmailOrder(rep: SalesRep, dir: 'ascending' | 'descending'): string[] {
    const keys: string[] = [];
    for (let i = 0; i < this.n; i += 1) if ((i % 2 === 0) === (rep === 'rep.li')) keys.push(`lead${this.runNumber(i)}@`);
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (dir === 'descending') keys.reverse();
    return keys.map((k) => k.slice(0, -1));
  }

  /** Every open opportunity a sales manager's team holds: the seed ones and every bulk one (all open). */
  openOpportunities(): number {
    return SEED.opportunities['rep.li'] + SEED.opportunities['rep.sam'] + this.n;
  }

  /** Tickets: every tenth run (0, 10, …) waits New and unassigned in the queue (§9). */
  queuedTickets(): number {
    return runsWhere(this.n, (i) => i % 10 === 0);
  }

  /** Runs 5, 25, 45, … are the portal customer Acme Robotics' tickets (§9); the seed data has none. */
  portalTicketsOfAcme(): number {
    return runsWhere(this.n, (i) => i % 20 === 5);
  }

  /** Every bulk ticket: what a role that sees every ticket (support manager) lists. */
  tickets(): number {
    return this.n;
  }

  /** The bulk tickets that are not queued are Closed history. */
  closedTickets(): number {
    return this.n - this.queuedTickets();
  }
}
