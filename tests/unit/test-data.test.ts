import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestData } from '../../profiles/demo-crm/data/test-data.js';
import { fnv1a32, testSeed, testTag } from '../../fixtures/data/seed.js';
import { accountSchema, contactSchema, leadSchema, productSchema, ticketSchema } from '../../profiles/demo-crm/data/schemas.js';
import { toCsv } from '../../profiles/demo-crm/data/csv.js';

const make = (seed = 1, tag = 'run1abcd', locale: 'en' | 'zh_CN' = 'en') =>
  new TestData({ seed, tag, locale, referenceDate: new Date('2026-01-15T09:00:00.000Z') });

describe('seeds and tags', () => {
  it('derives a stable per-test seed from the run seed and the test id', () => {
    assert.equal(testSeed(42, 'abc'), testSeed(42, 'abc'));
    assert.notEqual(testSeed(42, 'abc'), testSeed(42, 'abd'));
    assert.notEqual(testSeed(42, 'abc'), testSeed(43, 'abc'));
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
  });

  it('tags differ per test, per repeat and per retry', () => {
    const tags = new Set([testTag('k3f9', 't1'), testTag('k3f9', 't2'), testTag('k3f9', 't1', 1), testTag('k3f9', 't1', 0, 1)]);
    assert.equal(tags.size, 4);
    for (const tag of tags) assert.match(tag, /^k3f9[0-9a-z]{4}$/);
  });
});

describe('factories', () => {
  it('replays exactly the same data for the same seed', () => {
    assert.deepEqual(make(7).lead(), make(7).lead());
    assert.notDeepEqual(make(7).lead(), make(8).lead());
  });

  it('produces valid, tagged records of every kind', () => {
    const data = make();
    const lead = leadSchema.parse(data.lead());
    assert.ok(lead.company.startsWith('run1abcd '));
    assert.ok(lead.email.startsWith('run1abcd.'));
    assert.ok(accountSchema.parse(data.account()).name.startsWith('run1abcd '));
    contactSchema.parse(data.contact());
    assert.match(productSchema.parse(data.product()).sku, /^RUN1ABCD-\d+$/);
    assert.ok(ticketSchema.parse(data.ticket()).subject.startsWith('run1abcd '));
  });

  it('never gives two records of one test the same email', () => {
    const data = make();
    const emails = [...Array.from({ length: 20 }, () => data.lead().email), ...data.leadImportRows(30).map((r) => r.email)];
    assert.equal(new Set(emails).size, emails.length);
  });

  it('keeps the emails of a big import file unique, case-insensitively', () => {
    // this seed once gave "…kennedix3"+"3834" and "…kennedix"+"33834" at row 33,833: the CRM rightly
    // rejected one row of the 60,000-row crash test as a duplicate
    const emails = make(149057115, 'txxxxxxxxxx9').leadImportRows(34_000, { cjk: true }).map((r) => r.email.toLowerCase());
    assert.equal(new Set(emails).size, emails.length);
  });

  it('applies overrides, and rejects overrides the CRM would reject', () => {
    const data = make();
    assert.equal(data.lead({ source: 'Referral' }).source, 'Referral');
    assert.throws(() => data.lead({ email: 'not-an-email' }));
  });

  it('keeps quote line discounts within the asked limit with at most 2 decimals', () => {
    const data = make();
    const lines = data.quoteLines(Array.from({ length: 50 }, (_, i) => ({ sku: `S${i}` })), { maxDiscountPercent: 10 });
    for (const line of lines) {
      assert.ok(line.discountPercent >= 0 && line.discountPercent <= 10);
      assert.ok(Math.abs(line.discountPercent * 100 - Math.round(line.discountPercent * 100)) < 1e-9, `${line.discountPercent} has at most 2 decimals`);
      assert.ok(line.quantity >= 1);
    }
  });

  it('dates count from the fixed reference date, not from today', () => {
    assert.equal(make().dateAfter(30), '2026-02-14');
  });

  it('writes Chinese names in zh_CN and for CJK import rows whatever the locale', () => {
    assert.match(make(1, 'run1abcd', 'zh_CN').lead().lastName, /\p{Script=Han}/u);
    assert.match(make().leadImportRows(1, { cjk: true })[0]!.firstName, /\p{Script=Han}/u);
  });

  it('builds CSV import files with quoting, CRLF and an optional BOM', () => {
    const csv = toCsv([{ a: 'x,y', b: 'say "hi"' }], [{ header: 'A', value: (r) => r.a }, { header: 'B', value: (r) => r.b }], { bom: true });
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(csv.subarray(3).toString('utf8'), 'A,B\r\n"x,y","say ""hi"""\r\n');
  });
});
