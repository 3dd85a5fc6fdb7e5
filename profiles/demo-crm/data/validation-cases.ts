import type { AccountFormInput } from '../pages/accounts/account-form-page.js';
import type { ContactFormInput } from '../pages/contacts/contact-form-page.js';
import type { LeadData } from './schemas.js';
import type { TestData } from './test-data.js';

/**
 * Validation as tables of cases per form (docs/sales-crm.md §3 and §6, sales-revenue.md §8): each
 * invalid case names the one field it breaks and that field's documented message; each valid case is
 * what a user may type and must see again, trimmed, everywhere the record is shown.
 */
export interface InvalidCase<T> {
  case: string;
  input: T;
  /** the form label of the field the case breaks */
  field: string;
  /** the documented message (the field's hint may follow it on the form) */
  message: string;
}

export interface ValidCase<T> {
  case: string;
  input: T;
}

export const PHONE_MESSAGE = 'Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading +';

/** Trims every text field, as the CRM stores it. */
export function trimmed<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T;
}

/** `prefix` filled up with `char` to `length` characters (code points). */
export const pad = (prefix: string, length: number, char: string): string => `${prefix}${char.repeat(Math.max(0, length - [...prefix].length))}`;

export function leadCases(data: TestData): { valid: ValidCase<LeadData>[]; invalid: InvalidCase<LeadData>[] } {
  const base = () => data.lead();
  const cjkName = () => data.cjk.person.lastName();
  return {
    valid: [
      { case: 'CJK and emoji in names and company', input: { ...base(), firstName: data.cjk.person.firstName(), lastName: `${cjkName()}🚀`, company: data.tagged(`${data.cjk.company.name()} ✨`) } },
      { case: 'names of exactly 100 and a company of exactly 200 characters', input: { ...base(), firstName: '测'.repeat(100), lastName: pad('L', 100, 'é'), company: pad(`${data.tag} `, 200, '长') } },
      { case: 'leading and trailing spaces are trimmed', input: { ...base(), firstName: `  ${data.faker.person.firstName()}  `, lastName: ` ${data.faker.person.lastName()} `, company: `${data.tagged('Spaces Ltd')}   ` } },
      { case: 'quotes, apostrophes, commas and markup are text', input: { ...base(), lastName: `O'Brien-Smith`, company: data.tagged(`"Quoted", Smith & Co <b>bold</b>`) } },
    ],
    invalid: [
      { case: 'an empty first name', input: { ...base(), firstName: '   ' }, field: 'First name', message: 'Enter a first name' },
      { case: 'a company of 201 characters', input: { ...base(), company: pad(`${data.tag} `, 201, '长') }, field: 'Company', message: 'Company must be at most 200 characters' },
      { case: 'an email without @', input: { ...base(), email: `${data.tag}.no-at-sign.example.test` }, field: 'Email', message: 'Enter a valid email address' },
      { case: 'an email whose last domain label has one letter', input: { ...base(), email: `${data.tag}.short@example.c` }, field: 'Email', message: 'Enter a valid email address' },
      { case: 'a phone with letters', input: { ...base(), phone: 'call 555 0100' }, field: 'Phone', message: PHONE_MESSAGE },
      { case: 'a phone of 6 digits', input: { ...base(), phone: '123456' }, field: 'Phone', message: PHONE_MESSAGE },
    ],
  };
}

export function accountCases(data: TestData): { valid: ValidCase<AccountFormInput>[]; invalid: InvalidCase<AccountFormInput>[] } {
  const base = (): AccountFormInput => ({ ...data.account() });
  return {
    valid: [
      { case: 'CJK and emoji, with surrounding spaces', input: { ...base(), name: `  ${data.tagged(`${data.cjk.company.name()} 🏭`)}  `, billingCity: data.cjk.location.city(), billingCountry: '中国' } },
      { case: 'a name of exactly 200 and an industry of exactly 100 characters', input: { ...base(), name: pad(`${data.tag} `, 200, '名'), industry: pad('I', 100, 'x') } },
      { case: 'quotes, commas and a website with a query', input: { ...base(), name: data.tagged(`"Acme", Müller & Söhne`), website: `https://${data.tag}.example.test/path?a=1&b=2` } },
    ],
    invalid: [
      { case: 'an empty name', input: { ...base(), name: '' }, field: 'Name', message: 'Enter a name' },
      { case: 'a name of 201 characters', input: { ...base(), name: pad(`${data.tag} `, 201, '名') }, field: 'Name', message: 'Name must be at most 200 characters' },
      { case: 'an industry of 101 characters', input: { ...base(), name: data.tagged('too long industry'), industry: pad('I', 101, 'x') }, field: 'Industry', message: 'Industry must be at most 100 characters' },
      { case: 'a website without http(s)', input: { ...base(), name: data.tagged('ftp site'), website: 'ftp://files.example.test' }, field: 'Website', message: 'Enter a website address starting with http:// or https://' },
      { case: 'a phone with letters', input: { ...base(), name: data.tagged('bad phone'), phone: 'phone me' }, field: 'Phone', message: PHONE_MESSAGE },
    ],
  };
}

export function contactCases(data: TestData): { valid: ValidCase<ContactFormInput>[]; invalid: InvalidCase<ContactFormInput>[] } {
  const base = (): ContactFormInput => ({ ...data.contact() });
  return {
    valid: [
      { case: 'CJK and emoji names', input: { ...base(), firstName: data.cjk.person.firstName(), lastName: `${data.cjk.person.lastName()}😀`, title: '销售总监' } },
      { case: 'surrounding spaces trimmed and a title of exactly 100 characters', input: { ...base(), firstName: `  ${data.faker.person.firstName()} `, title: pad('T', 100, 'é') } },
      { case: 'apostrophes and hyphens', input: { ...base(), lastName: `D'Arcy-Nguyễn` } },
    ],
    invalid: [
      { case: 'an empty last name', input: { ...base(), lastName: '' }, field: 'Last name', message: 'Enter a last name' },
      { case: 'an email without a dotted domain', input: { ...base(), email: `${data.tag}.nodomain@localhost` }, field: 'Email', message: 'Enter a valid email address' },
      { case: 'a job title of 101 characters', input: { ...base(), title: pad('T', 101, 'é') }, field: 'Job title', message: 'Title must be at most 100 characters' },
      { case: 'a phone with letters', input: { ...base(), phone: '+1 555 CALL NOW' }, field: 'Phone', message: PHONE_MESSAGE },
    ],
  };
}
