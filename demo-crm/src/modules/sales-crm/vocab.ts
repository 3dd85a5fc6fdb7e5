/** Sales vocabulary and the state machines behind leads and opportunities (docs/sales-crm.md §3, §5). */

export const LEAD_SOURCES = ['Web', 'Referral', 'Event', 'Partner', 'Cold call', 'Import'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_STATUSES = ['New', 'Working', 'Qualified', 'Disqualified', 'Converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses a person can set with the status action; Converted is reached only by conversion. */
export const LEAD_OPEN_STATUSES: readonly LeadStatus[] = ['New', 'Working', 'Qualified'];
export const LEAD_READ_ONLY_STATUSES: readonly LeadStatus[] = ['Converted', 'Disqualified'];

export function isLeadReadOnly(status: LeadStatus): boolean {
  return LEAD_READ_ONLY_STATUSES.includes(status);
}

/**
 * Why a lead may not move from `from` to `to`, or null when it may.
 * New → Working → Qualified one step at a time; any open status → Disqualified; Converted only by conversion.
 */
export function leadTransitionError(from: LeadStatus, to: LeadStatus): string | null {
  if (from === 'Converted') return 'This lead is converted and read-only';
  if (from === 'Disqualified') return 'This lead is disqualified and read-only';
  if (to === 'Converted') return 'A lead becomes Converted only by converting it (Convert lead)';
  if (to === from) return `The lead is already ${from}`;
  if (to === 'Disqualified') return null;
  if (from === 'New' && to === 'Working') return null;
  if (from === 'Working' && to === 'Qualified') return null;
  return `A lead cannot move from ${from} to ${to}`;
}

/** The single next status offered as a button on the lead page (Disqualify is offered separately). */
export function nextLeadStatus(from: LeadStatus): LeadStatus | null {
  if (from === 'New') return 'Working';
  if (from === 'Working') return 'Qualified';
  return null;
}

export const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'] as const;
export const STAGES = [...OPEN_STAGES, 'Closed Won', 'Closed Lost'] as const;
export type Stage = (typeof STAGES)[number];
export type OpenStage = (typeof OPEN_STAGES)[number];

/** Win probability in percent, derived from the stage (never stored). */
export const STAGE_PROBABILITY: Readonly<Record<Stage, number>> = {
  Prospecting: 10,
  Qualification: 25,
  Proposal: 50,
  Negotiation: 75,
  'Closed Won': 100,
  'Closed Lost': 0,
};

export function isOpenStage(stage: Stage): stage is OpenStage {
  return (OPEN_STAGES as readonly string[]).includes(stage);
}

/** The next open stage a person may move to; Negotiation has none (Closed Won needs an accepted quote). */
export function nextStage(stage: Stage): OpenStage | null {
  const i = (OPEN_STAGES as readonly string[]).indexOf(stage);
  if (i < 0 || i === OPEN_STAGES.length - 1) return null;
  return OPEN_STAGES[i + 1] ?? null;
}

/** Why a person may not move an opportunity from `from` to `to`, or null when they may. */
export function stageTransitionError(from: Stage, to: Stage): string | null {
  if (!isOpenStage(from)) return `This opportunity is ${from} and read-only`;
  if (to === 'Closed Won') return 'An opportunity becomes Closed Won only when a quote is accepted';
  if (to === 'Closed Lost') return null;
  if (to === from) return `The opportunity is already in ${from}`;
  if (nextStage(from) === to) return null;
  return `An opportunity moves forward one stage at a time: from ${from} the next stage is ${nextStage(from) ?? 'Closed Won (by an accepted quote)'}`;
}

/** Lower-case, dash-separated form used in metric ids and test ids ("Closed Won" → "closed-won"). */
export function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
