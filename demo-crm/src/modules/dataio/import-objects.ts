import type { z } from 'zod';
import {
  accountInputSchema, contactInputSchema, leadInputSchema,
} from '../sales-crm/validation.js';
import { LEAD_OPEN_STATUSES, LEAD_SOURCES } from '../sales-crm/vocab.js';

/**
 * What can be imported and exported, column by column. The CSV header of an export is exactly the
 * `header` of each field, so an exported file maps itself automatically when imported again.
 * The rules themselves are the sales forms' own zod schemas (modules/sales-crm/validation.ts).
 */
export const IMPORT_OBJECTS = ['lead', 'account', 'contact'] as const;
export type ImportObject = (typeof IMPORT_OBJECTS)[number];

export interface ImportField {
  key: string;
  header: string;
  /** must be mapped to create a record */
  required: boolean;
  hint?: string;
}

export interface ImportObjectSpec {
  object: ImportObject;
  /** URL segment and file name: leads, accounts, contacts */
  plural: string;
  title: string;
  fields: readonly ImportField[];
  /** the field that identifies an existing record (duplicates, "update existing") */
  matchKey: string;
}

const OWNER: ImportField = { key: 'owner', header: 'Owner', required: false, hint: 'username; empty = the default owner' };

export const IMPORT_SPECS: Readonly<Record<ImportObject, ImportObjectSpec>> = {
  lead: {
    object: 'lead', plural: 'leads', title: 'Leads', matchKey: 'email',
    fields: [
      { key: 'firstName', header: 'First name', required: true },
      { key: 'lastName', header: 'Last name', required: true },
      { key: 'company', header: 'Company', required: true },
      { key: 'email', header: 'Email', required: true, hint: 'match key' },
      { key: 'phone', header: 'Phone', required: false },
      { key: 'source', header: 'Source', required: false, hint: `${LEAD_SOURCES.join(', ')}; empty = Import` },
      { key: 'status', header: 'Status', required: false, hint: `${LEAD_OPEN_STATUSES.join(', ')}; empty = New; new leads only` },
      OWNER,
    ],
  },
  account: {
    object: 'account', plural: 'accounts', title: 'Accounts', matchKey: 'name',
    fields: [
      { key: 'name', header: 'Name', required: true, hint: 'match key' },
      { key: 'industry', header: 'Industry', required: false },
      { key: 'website', header: 'Website', required: false },
      { key: 'phone', header: 'Phone', required: false },
      { key: 'billingCity', header: 'Billing city', required: false },
      { key: 'billingCountry', header: 'Billing country', required: false },
      OWNER,
    ],
  },
  contact: {
    object: 'contact', plural: 'contacts', title: 'Contacts', matchKey: 'email',
    fields: [
      { key: 'firstName', header: 'First name', required: true },
      { key: 'lastName', header: 'Last name', required: true },
      { key: 'email', header: 'Email', required: false, hint: 'match key; empty = always a new contact' },
      { key: 'phone', header: 'Phone', required: false },
      { key: 'title', header: 'Title', required: false },
      { key: 'account', header: 'Account', required: false, hint: 'account name' },
      OWNER,
    ],
  },
};

export function importSpecByPlural(plural: string): ImportObjectSpec | undefined {
  return Object.values(IMPORT_SPECS).find((s) => s.plural === plural);
}

export function isImportObject(value: unknown): value is ImportObject {
  return typeof value === 'string' && (IMPORT_OBJECTS as readonly string[]).includes(value);
}

/** One row's values by field key, as text (missing fields are empty). */
export type RowValues = Record<string, string>;

export type RowCheck = { ok: true; values: RowValues } | { ok: false; reason: string };

/**
 * The lead schema is built once per email-rule variant: building a zod schema costs milliseconds,
 * which per row would turn a 50,000-row import into minutes.
 */
const leadSchemas = { strict: leadInputSchema(true), lenient: leadInputSchema(false) };

/** Matches a value case-insensitively against a fixed vocabulary and returns its canonical spelling. */
function canonical(value: string, allowed: readonly string[]): string {
  const v = value.trim();
  return allowed.find((a) => a.toLowerCase() === v.toLowerCase()) ?? v;
}

function problems(spec: ImportObjectSpec, error: z.ZodError): string[] {
  const header = (key: PropertyKey | undefined) => spec.fields.find((f) => f.key === key)?.header ?? String(key ?? 'Row');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`${header(issue.path[0])}: ${issue.message}`);
  }
  return out;
}

/**
 * Validates one row with the same schema the create/edit form uses and returns the normalised values
 * (trimmed; vocabulary in canonical case). Owner and account names are resolved later (they need the
 * database); here they are only trimmed.
 */
export function checkRow(
  spec: ImportObjectSpec,
  raw: RowValues,
  o: { validateLeadEmail: boolean; isNew: boolean },
): RowCheck {
  const v = (k: string) => raw[k] ?? '';
  const issues: string[] = [];
  let values: RowValues;
  switch (spec.object) {
    case 'lead': {
      const status = canonical(v('status'), LEAD_OPEN_STATUSES) || 'New';
      const parsed = (o.validateLeadEmail ? leadSchemas.strict : leadSchemas.lenient).safeParse({
        firstName: v('firstName'), lastName: v('lastName'), company: v('company'), email: v('email'),
        phone: v('phone'), source: canonical(v('source'), LEAD_SOURCES) || 'Import',
      });
      if (!parsed.success) issues.push(...problems(spec, parsed.error));
      if (o.isNew && !(LEAD_OPEN_STATUSES as readonly string[]).includes(status)) {
        issues.push(`Status: a lead is imported as ${LEAD_OPEN_STATUSES.join(', ')} (converted and disqualified leads are not imported)`);
      }
      values = parsed.success
        ? { firstName: parsed.data.firstName, lastName: parsed.data.lastName, company: parsed.data.company, email: parsed.data.email, phone: parsed.data.phone, source: parsed.data.source, status }
        : {};
      break;
    }
    case 'account': {
      const parsed = accountInputSchema.safeParse({
        name: v('name'), industry: v('industry'), website: v('website'), phone: v('phone'),
        billingCity: v('billingCity'), billingCountry: v('billingCountry'),
      });
      if (!parsed.success) issues.push(...problems(spec, parsed.error));
      values = parsed.success
        ? { name: parsed.data.name, industry: parsed.data.industry, website: parsed.data.website, phone: parsed.data.phone, billingCity: parsed.data.billingCity, billingCountry: parsed.data.billingCountry }
        : {};
      break;
    }
    case 'contact': {
      const parsed = contactInputSchema.safeParse({
        firstName: v('firstName'), lastName: v('lastName'), email: v('email'), phone: v('phone'), title: v('title'),
      });
      if (!parsed.success) issues.push(...problems(spec, parsed.error));
      values = parsed.success
        ? { firstName: parsed.data.firstName, lastName: parsed.data.lastName, email: parsed.data.email, phone: parsed.data.phone, title: parsed.data.title, account: v('account').trim() }
        : {};
      break;
    }
  }
  if (issues.length > 0) return { ok: false, reason: issues.join('; ') };
  values.owner = v('owner').trim();
  return { ok: true, values };
}

/**
 * The comparison the database uses for match keys: the columns are COLLATE NOCASE, which folds ASCII
 * letters only, so "ÄBC" and "äbc" are different keys there and here.
 */
export function matchKeyOf(value: string): string {
  return value.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}
