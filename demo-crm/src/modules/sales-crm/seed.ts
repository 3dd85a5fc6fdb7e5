import type { Database } from 'better-sqlite3';
import { insertAccount } from './accounts/account-store.js';
import { insertContact } from './contacts/contact-store.js';
import { insertLead, setLeadStatus } from './leads/lead-store.js';
import { insertOpportunity } from './opportunities/opportunity-store.js';
import { insertProduct, type ProductValues } from './products/product-store.js';
import type { LeadSource, LeadStatus, Stage } from './vocab.js';

/** Price book of a fresh database (docs/sales-crm.md §8): varied tax rates and odd-cent prices. */
export const SEED_PRODUCTS: readonly ProductValues[] = [
  { sku: 'CRM-SEAT-PRO', name: 'CRM Pro seat (annual)', unitPriceCents: 49_999, taxRateBp: 1300, active: true },
  { sku: 'ONBOARD-STD', name: 'Onboarding package', unitPriceCents: 125_050, taxRateBp: 600, active: true },
  { sku: 'SUPPORT-PREM', name: 'Premium support (annual)', unitPriceCents: 89_995, taxRateBp: 900, active: true },
  { sku: 'TRAINING-DAY', name: 'On-site training day', unitPriceCents: 75_000, taxRateBp: 0, active: true },
  { sku: 'API-ADDON', name: 'API add-on (monthly)', unitPriceCents: 1_999, taxRateBp: 1300, active: true },
  { sku: 'SCANNER-HW', name: 'Barcode scanner', unitPriceCents: 23_987, taxRateBp: 900, active: true },
  { sku: 'LEGACY-SYNC', name: 'Legacy sync connector (retired)', unitPriceCents: 9_999, taxRateBp: 600, active: false },
];

interface SeedAccount {
  name: string; industry: string; website: string; phone: string; city: string; country: string; owner: string;
  contact: { firstName: string; lastName: string; email: string; phone: string; title: string };
  opportunity: { name: string; amount: number; stage: Stage; closeInDays: number };
}

/** Acme Robotics and Globex Trading (with their contacts) are used by the service module's portal users. */
export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  {
    name: 'Acme Robotics', industry: 'Manufacturing', website: 'https://acme-robotics.example', phone: '+1 416 555 0100', city: 'Toronto', country: 'Canada', owner: 'rep.li',
    contact: { firstName: 'Alice', lastName: 'Chen', email: 'alice.chen@acme-robotics.example', phone: '+1 416 555 0101', title: 'Operations Director' },
    opportunity: { name: 'Acme Robotics fleet CRM rollout', amount: 1_250_000, stage: 'Qualification', closeInDays: 30 },
  },
  {
    name: 'Globex Trading', industry: 'Wholesale', website: 'https://globex-trading.example', phone: '+31 10 555 0200', city: 'Rotterdam', country: 'Netherlands', owner: 'rep.sam',
    contact: { firstName: 'Gus', lastName: 'Patel', email: 'gus.patel@globex-trading.example', phone: '+31 10 555 0201', title: 'Purchasing Manager' },
    opportunity: { name: 'Globex annual renewal', amount: 2_400_000, stage: 'Proposal', closeInDays: 21 },
  },
  {
    name: 'Initech Labs', industry: 'Software', website: 'https://initech.example', phone: '+1 512 555 0300', city: 'Austin', country: 'United States', owner: 'rep.li',
    contact: { firstName: 'Peter', lastName: 'Gibbons', email: 'peter.gibbons@initech.example', phone: '+1 512 555 0301', title: 'IT Manager' },
    opportunity: { name: 'Initech Labs pilot', amount: 480_000, stage: 'Prospecting', closeInDays: 60 },
  },
  {
    name: '北京云图数据', industry: 'Analytics', website: 'https://yuntu.example', phone: '+86 10 5555 0400', city: '北京', country: 'China', owner: 'rep.sam',
    contact: { firstName: '丽', lastName: '张', email: 'zhang.li@yuntu.example', phone: '+86 10 5555 0401', title: '采购经理' },
    opportunity: { name: '云图数据 CRM 部署', amount: 890_050, stage: 'Negotiation', closeInDays: 14 },
  },
];

interface SeedLead {
  firstName: string; lastName: string; company: string; email: string; phone: string; source: LeadSource; status: LeadStatus; owner: string; reason?: string;
}

export const SEED_LEADS: readonly SeedLead[] = [
  { firstName: '小明', lastName: '王', company: '上海星辰科技', email: 'wang.xm@xingchen.example', phone: '+86 21 5555 0123', source: 'Event', status: 'Working', owner: 'rep.li' },
  { firstName: 'Emma', lastName: 'Schulz', company: 'Nordwind Logistik', email: 'emma.schulz@nordwind.example', phone: '+49 40 555 0199', source: 'Web', status: 'Qualified', owner: 'rep.li' },
  { firstName: 'Raj', lastName: 'Mehta', company: 'Mehta Textiles', email: 'raj@mehta-textiles.example', phone: '+91 22 5555 0142', source: 'Referral', status: 'New', owner: 'rep.li' },
  { firstName: 'Mia 🚀', lastName: 'Johnson', company: 'Rocket Rentals', email: 'mia@rocket-rentals.example', phone: '(555) 010-4477', source: 'Partner', status: 'Working', owner: 'rep.sam' },
  { firstName: 'Carlos', lastName: 'Ruiz', company: 'Ruiz Hermanos', email: 'carlos.ruiz@ruizhermanos.example', phone: '+34 91 555 0163', source: 'Cold call', status: 'New', owner: 'rep.sam' },
  { firstName: 'Tom', lastName: 'Becker', company: 'Becker Bau', email: 'tom.becker@beckerbau.example', phone: '', source: 'Web', status: 'Disqualified', owner: 'rep.sam', reason: 'No budget this year' },
];

function userId(db: Database, username: string): number {
  const id = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number | undefined;
  if (id === undefined) throw new Error(`sales-crm seed: user ${username} is missing (core seed must run first)`);
  return id;
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Demo records for a fresh database; runs inside the seeding transaction. */
export function seedSalesCrm(db: Database): void {
  const at = new Date().toISOString();
  for (const p of SEED_PRODUCTS) insertProduct(db, p, at);
  for (const a of SEED_ACCOUNTS) {
    const ownerId = userId(db, a.owner);
    const accountId = insertAccount(db, {
      name: a.name, industry: a.industry, website: a.website, phone: a.phone, billingCity: a.city, billingCountry: a.country, ownerId,
    }, at);
    const contactId = insertContact(db, { ...a.contact, accountId, ownerId }, at);
    const oppId = insertOpportunity(db, {
      name: a.opportunity.name, accountId, contactId, amount: a.opportunity.amount, closeDate: daysFromNow(a.opportunity.closeInDays), ownerId,
    }, at);
    db.prepare('UPDATE opportunities SET stage = ? WHERE id = ?').run(a.opportunity.stage, oppId);
  }
  for (const l of SEED_LEADS) {
    const id = insertLead(db, { ...l, ownerId: userId(db, l.owner) }, at);
    if (l.status !== 'New') setLeadStatus(db, id, l.status, l.reason ?? null, at);
  }
}
