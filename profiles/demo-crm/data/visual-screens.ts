import type { LeadData, ProductData, TicketData } from './schemas.js';

/**
 * The records the visual baselines show (flows/demo-crm/usability/visual.spec.ts): literal values,
 * never faker, so every run draws the same screens. Each lives on a fresh CRM of the test's own.
 */
export const VISUAL_LEAD: LeadData = {
  firstName: 'Marta', lastName: 'Kowalski', company: 'Vistula Optics', email: 'marta.kowalski@vistula-optics.example', phone: '+48 22 555 0142', source: 'Referral',
};

/** The lead whose conversion carries the quote: a deal in Proposal with a literal close date. */
export const VISUAL_DEAL = {
  lead: { firstName: 'Jonas', lastName: 'Lindqvist', company: 'Fjord Logistics', email: 'jonas.lindqvist@fjord-logistics.example', phone: '+46 8 555 0177', source: 'Event' } satisfies LeadData,
  opportunityName: 'Fjord Logistics scanner roll-out',
  closeDate: '2031-06-30',
  amountCents: 2_468_000,
};

/** Two lines within a rep's discount limit, so the quote stays a Draft showing its edit controls. */
export const VISUAL_QUOTE_LINES: readonly { product: ProductData; quantity: number; discountPercent: string }[] = [
  { product: { sku: 'VIS-SCAN-200', name: 'Handheld scanner S200', unitPriceCents: 48_950, taxRateBp: 1300 }, quantity: 12, discountPercent: '7.5' },
  { product: { sku: 'VIS-CARE-3Y', name: 'Three-year care plan', unitPriceCents: 9_900, taxRateBp: 600 }, quantity: 12, discountPercent: '0' },
];

export const VISUAL_TICKET: Pick<TicketData, 'subject' | 'description' | 'priority' | 'category'> = {
  subject: 'Label printer skips every second label',
  description: 'Since the firmware update on our warehouse printer LP-4, every second shipping label comes out blank.\nWe print about 600 labels a day.',
  priority: 'P2',
  category: 'Technical',
};

export const VISUAL_REPLY = 'Thank you, Alice. Please send us the printer\'s configuration page; we will check the label gap setting.';

/** Shown on the staff ticket; the customer's view of the same ticket must not show it. */
export const VISUAL_INTERNAL_NOTE = 'Same printer model as ticket 88 last spring: suspect the label gap sensor, not the firmware.';
