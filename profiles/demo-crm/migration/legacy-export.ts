import type { Faker } from '@faker-js/faker';
import { newFaker } from '../../../fixtures/data/faker.js';
import iconv from 'iconv-lite';
import { quoteCell } from './csv-read.js';

/**
 * A legacy CRM's lead export, as a migration receives it: seeded (the same seed and tag give the
 * same bytes), with known defects planted at known lines, and for every line what the documented
 * import rules (demo-crm/docs/data-migration.md §3) say must happen to it. The expectations are
 * worked out here from the rules, never read back from the CRM.
 */
export const LEAD_COLUMNS = ['First name', 'Last name', 'Company', 'Email', 'Phone', 'Source', 'Status', 'Owner'] as const;
export type LeadColumn = (typeof LEAD_COLUMNS)[number];
export type LeadRecord = Record<LeadColumn, string>;

/** Rows that must be imported, each exercising one way real files go wrong without being wrong. */
export const VALID_KINDS = ['valid', 'cjk-emoji', 'trailing-spaces', 'quoted-comma-newline', 'formula-like', 'long-values', 'vocabulary-case', 'owner-cell'] as const;
/** Rows the rules reject, skip or merge. */
export const DEFECT_KINDS = [
  'missing-required', 'bad-email', 'bad-phone', 'too-long', 'unknown-owner', 'closed-status', 'wrong-column-count', 'duplicate-in-file',
  'duplicate-of-existing', 'update-existing', 'update-no-change',
] as const;
export type PlantedKind = (typeof VALID_KINDS)[number] | (typeof DEFECT_KINDS)[number];

export type Expected =
  | { outcome: 'created'; stored: LeadRecord }
  | { outcome: 'updated'; stored: LeadRecord; recordId: number }
  | { outcome: 'skipped'; reason: string; recordId: number }
  /** `reason` is the documented message; `prefix` when the CRM appends detail after it */
  | { outcome: 'rejected'; reason: string; match: 'exact' | 'prefix' };

export interface PlantedRow {
  line: number;
  kind: PlantedKind;
  cells: string[];
  /** the match key (email) as written; rows sharing a key on purpose say so in `kind` */
  key: string;
  expected: Expected;
}

/** A lead already in the CRM, as the update and duplicate rows need it. */
export interface ExistingLead {
  id: number;
  record: LeadRecord;
}

export type LegacyEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export interface LegacyExportOptions {
  seed: number;
  /** the test's data tag: starts every email, so the test can find exactly its records */
  tag: string;
  /** plain valid rows besides the planted ones */
  validRows: number;
  encoding: LegacyEncoding;
  mode: 'create' | 'update';
  /** username of the default owner chosen in the wizard */
  defaultOwner: string;
  /** a username the importer may assign, for Owner cells */
  otherOwner: string;
  /** leads already in the CRM: one per duplicate-of-existing / update row planted */
  existing?: readonly ExistingLead[];
  /** which kinds to plant (default: all that fit the mode and the existing records given) */
  kinds?: readonly PlantedKind[];
}

export interface LegacyExport {
  fileName: string;
  encoding: LegacyEncoding;
  headers: string[];
  rows: PlantedRow[];
  bytes: Buffer;
}

/** Messages of docs/sales-crm.md §3 and data-migration.md §3, as the rules state them. */
export const RULE_MESSAGES = {
  firstNameRequired: 'First name: Enter a first name',
  email: 'Email: Enter a valid email address',
  phone: 'Phone: Enter a valid phone number',
  lastNameTooLong: 'Last name: Last name must be at most 100 characters',
  source: 'Source: Choose a source: Web, Referral, Event, Partner, Cold call, Import',
  closedStatus: 'Status: a lead is imported as New, Working, Qualified',
  columnCount: `This row has ${LEAD_COLUMNS.length - 1} values but the header has ${LEAD_COLUMNS.length} columns`,
  unknownOwner: (owner: string) => `Owner: "${owner}" is not a user you may assign leads to`,
  duplicateInFile: (line: number) => `Duplicate in this file: line ${line} has the same Email`,
  alreadyInCrm: (id: number) => `Already in the CRM: lead #${id} has this Email`,
  noChanges: (id: number) => `No changes: same as lead #${id}`,
} as const;

const SOURCES = ['Web', 'Referral', 'Event', 'Partner', 'Cold call', 'Import'] as const;
const OPEN_STATUSES = ['New', 'Working', 'Qualified'] as const;

function canonical(value: string, allowed: readonly string[]): string {
  return allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) ?? value.trim();
}

/** What a new lead stores from a row: trimmed, vocabulary in canonical spelling, blanks defaulted. */
export function storedFromCells(cells: LeadRecord, defaultOwner: string): LeadRecord {
  return {
    'First name': cells['First name'].trim(),
    'Last name': cells['Last name'].trim(),
    Company: cells.Company.trim(),
    Email: cells.Email.trim(),
    Phone: cells.Phone.trim(),
    Source: canonical(cells.Source, SOURCES) || 'Import',
    Status: canonical(cells.Status, OPEN_STATUSES) || 'New',
    Owner: cells.Owner.trim() || defaultOwner,
  };
}

/** "Update existing": the stored values overlaid with the row's non-empty cells; status never changes. */
export function storedAfterUpdate(existing: LeadRecord, cells: LeadRecord): LeadRecord {
  const merged = { ...existing };
  for (const column of LEAD_COLUMNS) {
    if (column === 'Status') continue;
    const value = cells[column].trim();
    if (value !== '') merged[column] = column === 'Source' ? canonical(value, SOURCES) : value;
  }
  return merged;
}

function encode(text: string, encoding: LegacyEncoding): Buffer {
  if (encoding !== 'gbk') return Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) throw new Error('legacy export: a character of the file has no GBK encoding');
  return bytes;
}

const physicalLines = (cells: readonly string[]) => 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

export function generateLegacyLeads(options: LegacyExportOptions): LegacyExport {
  const latin = newFaker('en');
  const cjk = newFaker('zh_CN');
  latin.seed(options.seed);
  cjk.seed(options.seed + 1);
  const gbk = options.encoding === 'gbk';
  let counter = 0;
  const email = (f: Faker = latin) => {
    counter += 1;
    const local = f === latin ? latin.person.lastName().toLowerCase().replace(/[^a-z]/g, '').slice(0, 10) : 'zh';
    return `${options.tag}.${local || 'lead'}${counter}@legacy.example.test`;
  };
  const phone = () => latin.helpers.arrayElement([
    `+86 138 ${latin.string.numeric(4)} ${latin.string.numeric(4)}`,
    `(021) 5${latin.string.numeric(3)}-${latin.string.numeric(4)}`,
    `+1 555 ${latin.string.numeric(3)} ${latin.string.numeric(4)}`,
  ]);
  const plain = (overrides: Partial<LeadRecord> = {}): LeadRecord => ({
    'First name': latin.person.firstName(),
    'Last name': latin.person.lastName(),
    Company: latin.company.name(),
    Email: email(),
    Phone: phone(),
    Source: latin.helpers.arrayElement(['', ...SOURCES]),
    Status: latin.helpers.arrayElement(['', '', 'New', 'Working']),
    Owner: '',
    ...overrides,
  });
  const cjkChars = (n: number) => cjk.string.fromCharacters('数据迁移客户销售线索北京上海广州深圳', n);
  const existing = [...(options.existing ?? [])];
  const takeExisting = (kind: PlantedKind) => {
    const found = existing.shift();
    if (!found) throw new Error(`legacy export: "${kind}" needs one more existing lead`);
    return found;
  };

  const kinds = options.kinds ?? [
    ...VALID_KINDS.filter((k) => k !== 'valid'),
    ...DEFECT_KINDS.filter((k) => (options.mode === 'create' ? k !== 'update-existing' && k !== 'update-no-change' : k !== 'duplicate-of-existing')),
  ];
  // layout: valid rows first and last (the last line is where an off-by-one reader loses data),
  // planted kinds at seeded positions in between
  const layout: PlantedKind[] = Array.from({ length: Math.max(options.validRows, 2) }, () => 'valid' as const);
  for (const kind of kinds) layout.splice(latin.number.int({ min: 1, max: layout.length - 1 }), 0, kind);

  const rows: PlantedRow[] = [];
  let line = 2;
  for (const kind of layout) {
    let record: LeadRecord;
    let expected: Expected;
    let cells: string[] | undefined;
    const created = (r: LeadRecord): Expected => ({ outcome: 'created', stored: storedFromCells(r, options.defaultOwner) });
    const rejected = (reason: string, match: 'exact' | 'prefix' = 'exact'): Expected => ({ outcome: 'rejected', reason, match });
    switch (kind) {
      case 'valid':
        record = plain();
        expected = created(record);
        break;
      case 'cjk-emoji':
        record = plain({
          'First name': cjk.person.firstName(), 'Last name': cjk.person.lastName(),
          Company: `${cjk.company.name()}${gbk ? '（华东）' : ' 🚀✨'}`, Email: email(cjk),
        });
        expected = created(record);
        break;
      case 'trailing-spaces':
        record = plain({ 'First name': `  ${latin.person.firstName()}   `, Company: `${latin.company.name()}\t `, Email: ` ${email()}  `, Source: ' referral ' });
        expected = created(record);
        break;
      case 'quoted-comma-newline':
        record = plain({ Company: `${latin.person.lastName()}, "${latin.person.lastName()}" & Co\nBranch ${latin.location.city()}`, 'Last name': `${latin.person.lastName()}, Jr.` });
        expected = created(record);
        break;
      case 'formula-like':
        record = plain({ Company: `=HYPERLINK("https://evil.example") ${latin.company.name()}`, Phone: `+44 20 ${latin.string.numeric(4)} ${latin.string.numeric(4)}`, 'Last name': `@${latin.person.lastName()}` });
        expected = created(record);
        break;
      case 'long-values':
        record = plain({ 'First name': cjkChars(100), Company: `${latin.company.name()} ${'长'.repeat(200)}`.slice(0, 200) });
        expected = created(record);
        break;
      case 'vocabulary-case':
        record = plain({ Source: 'cold CALL', Status: 'qualified' });
        expected = created(record);
        break;
      case 'owner-cell':
        record = plain({ Owner: options.otherOwner });
        expected = created(record);
        break;
      case 'missing-required':
        record = plain({ 'First name': '   ' });
        expected = rejected(RULE_MESSAGES.firstNameRequired);
        break;
      case 'bad-email':
        record = plain({ Email: `${options.tag}.no-at-sign${(counter += 1)}.legacy.example.test` });
        expected = rejected(RULE_MESSAGES.email);
        break;
      case 'bad-phone':
        record = plain({ Phone: `call ${latin.string.numeric(3)}` });
        expected = rejected(RULE_MESSAGES.phone, 'prefix');
        break;
      case 'too-long':
        record = plain({ 'Last name': cjkChars(101) });
        expected = rejected(RULE_MESSAGES.lastNameTooLong);
        break;
      case 'unknown-owner': {
        const owner = `gone.${latin.person.lastName().toLowerCase().replace(/[^a-z]/g, '')}`;
        record = plain({ Owner: owner });
        expected = rejected(RULE_MESSAGES.unknownOwner(owner));
        break;
      }
      case 'closed-status':
        record = plain({ Status: 'Converted' });
        expected = rejected(RULE_MESSAGES.closedStatus, 'prefix');
        break;
      case 'wrong-column-count':
        record = plain();
        cells = LEAD_COLUMNS.slice(0, -1).map((c) => record[c]);
        expected = rejected(RULE_MESSAGES.columnCount, 'prefix');
        break;
      case 'duplicate-in-file': {
        const first = rows[0]!;
        record = plain({ Email: first.key.toUpperCase() });
        expected = rejected(RULE_MESSAGES.duplicateInFile(first.line));
        break;
      }
      case 'duplicate-of-existing': {
        const lead = takeExisting(kind);
        record = plain({ Email: lead.record.Email.toUpperCase() });
        expected = { outcome: 'skipped', reason: RULE_MESSAGES.alreadyInCrm(lead.id), recordId: lead.id };
        break;
      }
      case 'update-existing': {
        const lead = takeExisting(kind);
        // blanks keep stored values, the key matches without case, the status cell is ignored
        record = { ...plain({ Email: lead.record.Email.toUpperCase(), Status: 'Qualified' }), 'First name': '', Source: '', Owner: '' };
        expected = { outcome: 'updated', stored: storedAfterUpdate(lead.record, record), recordId: lead.id };
        break;
      }
      case 'update-no-change': {
        const lead = takeExisting(kind);
        record = { ...lead.record, Status: '', Owner: '' };
        expected = { outcome: 'skipped', reason: RULE_MESSAGES.noChanges(lead.id), recordId: lead.id };
        break;
      }
    }
    const written = cells ?? LEAD_COLUMNS.map((c) => record[c]);
    rows.push({ line, kind, cells: written, key: record.Email.trim(), expected });
    line += physicalLines(written);
  }

  const text = `${[[...LEAD_COLUMNS], ...rows.map((r) => r.cells)].map((cells) => cells.map(quoteCell).join(',')).join('\r\n')}\r\n`;
  return {
    fileName: `legacy-leads-${options.tag}-${options.encoding}.csv`,
    encoding: options.encoding,
    headers: [...LEAD_COLUMNS],
    rows,
    bytes: encode(text, options.encoding),
  };
}

/** The counts the documented rules give for a generated file. */
export function expectedCounts(file: LegacyExport): { rows: number; created: number; updated: number; skipped: number; rejected: number } {
  const count = (o: Expected['outcome']) => file.rows.filter((r) => r.expected.outcome === o).length;
  return { rows: file.rows.length, created: count('created'), updated: count('updated'), skipped: count('skipped'), rejected: count('rejected') };
}
