import { z } from 'zod';
import { LEAD_SOURCES, STAGES } from './vocab.js';

/** Input rules shared by the API and the forms (docs/sales-crm.md §3 lists every message). */

/** one @, no spaces, a dotted domain whose last label has at least 2 characters */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*\.[^\s@.]{2,}$/;
/** optional leading +, then digits, spaces, dashes and parentheses */
export const PHONE_PATTERN = /^\+?[0-9 ()-]+$/;

export const MESSAGES = {
  email: 'Enter a valid email address',
  emailRequired: 'Enter an email address',
  phone: 'Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading +',
  source: `Choose a source: ${LEAD_SOURCES.join(', ')}`,
  owner: 'Choose an owner',
  reason: 'Enter a reason for disqualifying the lead',
  lossReason: 'Enter a loss reason',
  closeDate: 'Enter a close date as YYYY-MM-DD',
  amount: 'Enter an amount in cents: a whole number from 0 to 100000000000',
  account: 'Choose an account',
  website: 'Enter a website address starting with http:// or https://',
  sku: 'Enter a SKU: 1–40 letters, digits, dashes, underscores or dots',
  unitPrice: 'Enter a unit price in cents: a whole number from 0 to 100000000000',
  taxRate: 'Enter a tax rate in basis points: a whole number from 0 to 10000 (1300 = 13%)',
  stage: `Choose a stage: ${STAGES.join(', ')}`,
} as const;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

export function isValidPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return value.length >= 7 && value.length <= 20 && PHONE_PATTERN.test(value) && digits >= 7;
}

const charCount = (s: string): number => [...s].length;

/** Required text, trimmed; length counted in characters (an emoji is one) so CJK/emoji names fit. */
export function requiredText(label: string, max: number) {
  const msg = `Enter ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
  return z
    .string({ error: msg })
    .trim()
    .min(1, { error: msg })
    .refine((s) => charCount(s) <= max, { error: `${label} must be at most ${max} characters` });
}

export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .refine((s) => charCount(s) <= max, { error: `${label} must be at most ${max} characters` })
    .default('');
}

export const phoneField = z
  .string({ error: MESSAGES.phone })
  .trim()
  .refine((s) => s === '' || isValidPhone(s), { error: MESSAGES.phone })
  .default('');

export const optionalEmailField = z
  .string({ error: MESSAGES.email })
  .trim()
  .refine((s) => s === '' || isValidEmail(s), { error: MESSAGES.email })
  .default('');

/** The lead email; `validate=false` is the `lead-email-unvalidated` defect (only "not empty" is kept). */
export function leadEmailField(validate: boolean) {
  const base = z.string({ error: MESSAGES.emailRequired }).trim().min(1, { error: MESSAGES.emailRequired });
  return validate ? base.refine(isValidEmail, { error: MESSAGES.email }) : base.max(254, { error: MESSAGES.email });
}

/** Empty strings from HTML forms mean "not given". */
const blankToUndefined = (v: unknown): unknown => (v === '' || v === null ? undefined : v);

export function optionalId(message: string) {
  return z.preprocess(blankToUndefined, z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).optional());
}

export function requiredId(message: string) {
  return z.preprocess(blankToUndefined, z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }));
}

export const MAX_CENTS = 100_000_000_000;

/** Integer cents in the API (a JSON number or a numeric string). */
export function centsField(message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(MAX_CENTS, { error: message }),
  );
}

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const dateField = z
  .string({ error: MESSAGES.closeDate })
  .trim()
  .refine(isValidDate, { error: MESSAGES.closeDate });

export const boolField = z.preprocess(
  (v) => (v === 'true' || v === '1' || v === 'on' ? true : v === 'false' || v === '0' || v === '' ? false : v),
  z.boolean({ error: 'Choose yes or no' }),
);

export const sourceField = z.enum(LEAD_SOURCES, { error: MESSAGES.source });
export const stageField = z.enum(STAGES, { error: MESSAGES.stage });

export function leadInputSchema(validateEmail: boolean) {
  return z.object({
    firstName: requiredText('First name', 100),
    lastName: requiredText('Last name', 100),
    company: requiredText('Company', 200),
    email: leadEmailField(validateEmail),
    phone: phoneField,
    source: sourceField,
    ownerId: optionalId(MESSAGES.owner),
    allowDuplicate: boolField.optional(),
  });
}
export type LeadInput = z.output<ReturnType<typeof leadInputSchema>>;

export const leadStatusSchema = z
  .object({
    status: z.enum(['New', 'Working', 'Qualified', 'Disqualified', 'Converted'], {
      error: 'Choose a status: New, Working, Qualified or Disqualified',
    }),
    reason: z.string({ error: MESSAGES.reason }).trim().max(500, { error: 'Reason must be at most 500 characters' }).optional(),
  })
  .refine((v) => v.status !== 'Disqualified' || (v.reason ?? '') !== '', { error: MESSAGES.reason, path: ['reason'] });

export const convertSchema = z
  .object({
    createOpportunity: boolField.default(false),
    opportunityName: optionalText('Opportunity name', 200),
    amount: z.preprocess(blankToUndefined, centsField(MESSAGES.amount).optional()),
    closeDate: z.preprocess(blankToUndefined, dateField.optional()),
  })
  .refine((v) => !v.createOpportunity || v.closeDate !== undefined, { error: MESSAGES.closeDate, path: ['closeDate'] });
export type ConvertInput = z.output<typeof convertSchema>;

const websiteField = z
  .string({ error: MESSAGES.website })
  .trim()
  .max(300, { error: 'Website must be at most 300 characters' })
  .refine((s) => s === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s), { error: MESSAGES.website })
  .default('');

export const accountInputSchema = z.object({
  name: requiredText('Name', 200),
  industry: optionalText('Industry', 100),
  website: websiteField,
  phone: phoneField,
  billingCity: optionalText('Billing city', 100),
  billingCountry: optionalText('Billing country', 100),
  ownerId: optionalId(MESSAGES.owner),
});
export type AccountInput = z.output<typeof accountInputSchema>;

export const contactInputSchema = z.object({
  firstName: requiredText('First name', 100),
  lastName: requiredText('Last name', 100),
  email: optionalEmailField,
  phone: phoneField,
  title: optionalText('Title', 100),
  accountId: optionalId(MESSAGES.account),
  ownerId: optionalId(MESSAGES.owner),
});
export type ContactInput = z.output<typeof contactInputSchema>;

export const opportunityInputSchema = z.object({
  name: requiredText('Name', 200),
  accountId: requiredId(MESSAGES.account),
  contactId: optionalId('Choose a contact'),
  amount: z.preprocess(blankToUndefined, centsField(MESSAGES.amount).default(0)),
  closeDate: dateField,
  ownerId: optionalId(MESSAGES.owner),
});
export type OpportunityInput = z.output<typeof opportunityInputSchema>;

export const stageChangeSchema = z
  .object({
    stage: stageField,
    lossReason: z.string({ error: MESSAGES.lossReason }).trim().max(500, { error: 'Loss reason must be at most 500 characters' }).optional(),
  })
  .refine((v) => v.stage !== 'Closed Lost' || (v.lossReason ?? '') !== '', { error: MESSAGES.lossReason, path: ['lossReason'] });

export const productInputSchema = z.object({
  sku: z
    .string({ error: MESSAGES.sku })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, { error: MESSAGES.sku }),
  name: requiredText('Name', 200),
  unitPriceCents: centsField(MESSAGES.unitPrice),
  taxRateBp: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: MESSAGES.taxRate }).int({ error: MESSAGES.taxRate }).min(0, { error: MESSAGES.taxRate }).max(10000, { error: MESSAGES.taxRate }),
  ),
  active: boolField.default(true),
});
export type ProductInput = z.output<typeof productInputSchema>;
