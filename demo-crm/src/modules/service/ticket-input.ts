/** Input rules of the service desk (docs/service.md §1): the same schemas serve the API and the forms. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CATEGORIES, DESCRIPTION_MAX, MESSAGE_MAX, PRIORITIES, RESOLUTION_CODES, STAFF_CHANNELS, SUBJECT_MAX, TICKET_STATUSES,
} from './vocab.js';

/** Lengths count characters (Unicode code points), so one CJK character or emoji is one. */
const chars = (s: string): number => [...s].length;

const emptyToUndefined = (v: unknown): unknown => (v === '' || v === null ? undefined : v);

/** A browser submits a textarea's line breaks as CRLF: stored as LF, one character each, whatever the channel. */
const oneLineBreak = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);

const text = (o: { missing: string; max: number; noun: string }) =>
  z.preprocess(
    oneLineBreak,
    z
      .string({ error: o.missing })
      .trim()
      .min(1, o.missing)
      .refine((s) => chars(s) <= o.max, `${o.noun} must be at most ${o.max.toLocaleString('en-US')} characters`),
  );

/**
 * The ticket subject; `validate=false` is the `ticket-subject-unvalidated` defect: "present" is checked
 * before trimming (zod runs checks in order) and the maximum is lost, so a blank or over-long subject
 * reaches the tickets table, whose CHECK refuses it with a server error.
 */
function subjectField(validate: boolean) {
  return validate
    ? text({ missing: 'Enter a subject', max: SUBJECT_MAX, noun: 'Subject' })
    : z.preprocess(oneLineBreak, z.string({ error: 'Enter a subject' }).min(1, 'Enter a subject').trim());
}

/** Whether this CRM applies the subject rule (not under the `ticket-subject-unvalidated` defect). */
export const subjectValidated = (req: FastifyRequest): boolean => !req.server.crm.faults.on('ticket-subject-unvalidated');

const ticketCore = (validateSubject: boolean) => ({
  subject: subjectField(validateSubject),
  description: text({ missing: 'Describe the problem', max: DESCRIPTION_MAX, noun: 'Description' }),
  priority: z.enum(PRIORITIES, { error: 'Choose a priority (P1–P4)' }),
  category: z.enum(CATEGORIES, { error: `Choose a category (${CATEGORIES.join(', ')})` }),
});

/** Staff record a ticket that came in by phone or email, for any account. */
export const staffTicketSchema = (validateSubject: boolean) => z.object({
  ...ticketCore(validateSubject),
  channel: z.enum(STAFF_CHANNELS, { error: 'Choose the channel the ticket came in by (phone or email)' }),
  accountId: z.coerce.number({ error: 'Choose an account' }).int('Choose an account').positive('Choose an account'),
  contactId: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'Choose a contact' }).int().positive('Choose a contact').optional()),
});
export type StaffTicketInput = z.infer<ReturnType<typeof staffTicketSchema>>;

/** A customer's ticket: account, contact and channel come from the signed-in portal user. */
export const portalTicketSchema = (validateSubject: boolean) => z.object(ticketCore(validateSubject));
export type PortalTicketInput = z.infer<ReturnType<typeof portalTicketSchema>>;

export const messageSchema = z.object({
  body: text({ missing: 'Enter a message', max: MESSAGE_MAX, noun: 'Message' }),
});

export const resolveSchema = z.object({
  resolutionCode: z.enum(RESOLUTION_CODES, { error: `Choose a resolution code (${RESOLUTION_CODES.join(', ')})` }),
});

export const assignSchema = z.object({
  assigneeId: z.coerce.number({ error: 'Choose a support team member' }).int().positive('Choose a support team member'),
});

export const statusChangeSchema = z.object({
  status: z.enum(TICKET_STATUSES, { error: `Choose a status (${TICKET_STATUSES.join(', ')})` }),
  resolutionCode: z.preprocess(emptyToUndefined, z.enum(RESOLUTION_CODES).optional()),
});

export const ratingSchema = z.object({
  rating: z.coerce.number({ error: 'Choose a rating from 1 to 5' }).int('Choose a whole number from 1 to 5').min(1, 'Choose a rating from 1 to 5').max(5, 'Choose a rating from 1 to 5'),
});

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(emptyToUndefined, z.enum(values).optional());

/** List filters shared by GET /tickets and GET /api/tickets. */
export const ticketFilterSchema = z.object({
  /** a status, or `unresolved` for New, Open, Pending customer, Escalated and Reopened together */
  status: optionalEnum([...TICKET_STATUSES, 'unresolved'] as const),
  priority: optionalEnum(PRIORITIES),
  category: optionalEnum(CATEGORIES),
  /** a user id, `me`, or `unassigned` */
  assignee: z.preprocess(emptyToUndefined, z.union([z.literal('me'), z.literal('unassigned'), z.coerce.number().int().positive()]).optional()),
  /** queue = unassigned New tickets; mine = assigned to me */
  view: optionalEnum(['queue', 'mine'] as const),
  accountId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
});
export type TicketFilters = z.infer<typeof ticketFilterSchema>;
