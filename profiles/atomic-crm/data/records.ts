/** What the Atomic CRM flows type into its forms. Values the UI shows back are computed in formats.ts. */

export const SECTORS = [
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Energy',
  'Financials',
  'Health Care',
  'Industrials',
  'Information Technology',
  'Materials',
  'Real Estate',
  'Utilities',
] as const;
export type Sector = (typeof SECTORS)[number];

/** The board's columns, left to right (the demo's default configuration). */
export const DEAL_STAGES = ['Opportunity', 'Proposal Sent', 'In Negotiation', 'Won', 'Lost', 'Delayed'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const DEAL_CATEGORIES = ['Other', 'Copywriting', 'Print project', 'UI Design', 'Website design'] as const;
export type DealCategory = (typeof DEAL_CATEGORIES)[number];

export const TASK_TYPES = ['Email', 'Demo', 'Lunch', 'Meeting', 'Follow-up', 'Thank you', 'Ship', 'Call'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export interface CompanyData {
  name: string;
  sector: Sector;
  city: string;
}

export interface ContactData {
  firstName: string;
  lastName: string;
  title: string;
  email: string;
  /** the company's name; it must exist */
  company?: string;
}

export interface DealData {
  name: string;
  /** the company's name; it must exist (the demo requires a company) */
  company: string;
  /** whole US dollars */
  amount: number;
  category: DealCategory;
}

export interface TaskData {
  description: string;
  type: TaskType;
  /** the due date and time as typed into the form, in the browser's time zone: YYYY-MM-DDTHH:mm */
  due: string;
}

export const fullName = (contact: Pick<ContactData, 'firstName' | 'lastName'>): string => `${contact.firstName} ${contact.lastName}`;

/** How a deal's card is titled on the board: "<company> - <deal>". */
export const dealCardTitle = (deal: Pick<DealData, 'company' | 'name'>): string => `${deal.company} - ${deal.name}`;
