import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { csvLine, CsvError, guardFormula, parseCsv, toCsv, unguardFormula } from '../src/modules/dataio/csv.js';
import { decodeCsvBytes, EncodingError } from '../src/modules/dataio/encoding.js';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('dataio: RFC 4180 parsing', () => {
  test('plain rows with CRLF, LF and lone CR line ends', () => {
    assert.deepEqual(cells('a,b\r\n1,2\r\n'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(cells('a,b\n1,2'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(cells('a,b\r1,2\r'), [['a', 'b'], ['1', '2']]);
  });

  test('quoted fields keep commas, doubled quotes and line breaks; line numbers count physical lines', () => {
    const records = parseCsv('name,note\r\n"Smith, Jo","said ""hi"""\r\n"Multi\r\nline\nvalue",x\r\nlast,y\r\n');
    assert.deepEqual(records.map((r) => r.cells), [
      ['name', 'note'], ['Smith, Jo', 'said "hi"'], ['Multi\r\nline\nvalue', 'x'], ['last', 'y'],
    ]);
    assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 6]);
  });

  test('empty fields, an empty quoted field and trailing empty fields', () => {
    assert.deepEqual(cells('a,,c\r\n"",x,\r\n'), [['a', '', 'c'], ['', 'x', '']]);
  });

  test('blank lines are not records, but a line with only an empty quoted field is', () => {
    assert.deepEqual(cells('a\r\n\r\n\r\nb\r\n\r\n'), [['a'], ['b']]);
    assert.deepEqual(cells('a\r\n""\r\n'), [['a'], ['']]);
  });

  test('spaces are data (not trimmed) and a quote inside an unquoted field is kept literally', () => {
    assert.deepEqual(cells(' a , b\r\n5" disk,x'), [[' a ', ' b'], ['5" disk', 'x']]);
  });

  test('text after a closing quote flags only that record; parsing continues with the next line', () => {
    const records = parseCsv('a,b\r\n"x"y,2\r\nok,3\r\n');
    assert.equal(records.length, 3);
    assert.match(records[1]?.error ?? '', /after a closing quote in field 1/);
    assert.deepEqual(records[2], { cells: ['ok', '3'], line: 3 });
  });

  test('a quote that is never closed is a file-level error naming the line it opened on', () => {
    assert.throws(() => parseCsv('a,b\r\n1,2\r\n"open,3\r\n4,5\r\n'), (e: unknown) => e instanceof CsvError && e.line === 3 && /never closed/.test(e.message));
  });

  test('CJK and emoji pass through unchanged', () => {
    assert.deepEqual(cells('名,公司\r\n小明 🚀,上海星辰科技\r\n'), [['名', '公司'], ['小明 🚀', '上海星辰科技']]);
  });
});

describe('dataio: CSV writing', () => {
  test('quotes only what needs quoting and ends every record with CRLF after a UTF-8 BOM', () => {
    assert.equal(csvLine(['plain', 'a,b', 'say "x"', 'two\nlines', ' padded ', '']), 'plain,"a,b","say ""x""","two\nlines"," padded ",');
    assert.equal(toCsv(['h1', 'h2'], [['1', '2']]), '\uFEFFh1,h2\r\n1,2\r\n');
  });

  test('formula-looking cells get an apostrophe on export and lose exactly one on import', () => {
    assert.equal(guardFormula('=HYPERLINK("http://evil")'), `'=HYPERLINK("http://evil")`);
    assert.equal(guardFormula('+86 21 5555 0123'), "'+86 21 5555 0123");
    assert.equal(guardFormula('@user'), "'@user");
    assert.equal(guardFormula('-5'), "'-5");
    assert.equal(guardFormula('Normal'), 'Normal');
    assert.equal(guardFormula("it's"), "it's");
    for (const value of ['=1+1', "'=1+1", "''+x", "'plain", 'plain', '', '-', "'", '\tx', '李 =']) {
      assert.equal(unguardFormula(guardFormula(value)), value, `round trip of ${JSON.stringify(value)}`);
    }
  });

  test('whatever is written parses back to the same cells', () => {
    const rows = [['Ünïcödé 李 😀', 'a,b', 'q"uote', 'line\r\nbreak', ' lead', 'trail ', '=SUM(A1)', '']];
    const parsed = parseCsv(toCsv(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'], rows).slice(1));
    assert.deepEqual(parsed[1]?.cells.map(unguardFormula), rows[0]);
  });
});

describe('dataio: encoding detection', () => {
  const text = 'First name,Company\r\n小明,上海星辰科技\r\n';

  test('UTF-8 without and with BOM', () => {
    assert.deepEqual(decodeCsvBytes(Buffer.from(text, 'utf8')), { text, encoding: 'utf-8' });
    assert.deepEqual(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])), { text, encoding: 'utf-8-bom' });
  });

  test('GBK bytes (invalid as UTF-8) are detected and decoded', () => {
    const gbk = iconv.encode(text, 'gbk');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk));
    assert.deepEqual(decodeCsvBytes(gbk), { text, encoding: 'gbk' });
  });

  test('UTF-16 with a BOM', () => {
    assert.deepEqual(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])), { text, encoding: 'utf-16le' });
  });

  test('bytes that are neither UTF-8 nor GBK are refused rather than guessed', () => {
    assert.throws(() => decodeCsvBytes(Buffer.from([0x61, 0x2c, 0xff, 0xff, 0x0d, 0x0a])), (e: unknown) => e instanceof EncodingError && /neither UTF-8 nor GBK/.test(e.message));
  });

  test('an Excel workbook and binary data get a helpful refusal', () => {
    assert.throws(() => decodeCsvBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])), /Excel workbook/);
    assert.throws(() => decodeCsvBytes(Buffer.from('a,b\r\n\u0000\u0001,c', 'utf8')), /binary data/);
  });

  test('the import-mangles-cjk defect reads UTF-8 as Latin-1 (ASCII survives, CJK does not)', () => {
    const mangled = decodeCsvBytes(Buffer.from(text, 'utf8'), { utf8AsLatin1: true });
    assert.equal(mangled.encoding, 'utf-8');
    assert.ok(mangled.text.startsWith('First name,Company\r\n'));
    assert.ok(!mangled.text.includes('小明'));
  });
});
