/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (LF and lone CR accepted on input), fields
 * that hold a comma, quote or line break are quoted and their quotes doubled.
 */

export interface CsvRecord {
  cells: string[];
  /** physical line (1-based) where the record starts: the row number a spreadsheet or editor shows */
  line: number;
  /** set when the record is malformed but parsing could continue (the row is rejected, not the file) */
  error?: string;
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`Line ${line}: ${message}`);
  }
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Parses CSV text into records. Blank lines are not records. A quote opened and never closed is a
 * file-level error (everything after it would be swallowed); text after a closing quote only marks
 * that one record as malformed.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let error: string | undefined;
    let field = '';
    let quotedRecord = false;
    for (;;) {
      // one field
      if (i < n && text.charCodeAt(i) === QUOTE) {
        quotedRecord = true;
        const openLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          line += countLineBreaks(text, i, end);
          field += text.slice(i, end);
          if (q < 0) {
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) throw new CsvError(openLine, 'a quoted field is never closed (missing closing ")');
        // text between the closing quote and the next separator: keep it, but flag the record
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          i++;
        }
        if (i > start) {
          error ??= `unexpected text after a closing quote in field ${cells.length + 1}`;
          field += text.slice(start, i);
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          i++;
        }
        field = text.slice(start, i);
      }
      cells.push(field);
      field = '';
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      // end of record: CRLF, LF or CR
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    const blank = !quotedRecord && cells.length === 1 && cells[0] === '';
    if (!blank) records.push(error ? { cells, line: startLine, error } : { cells, line: startLine });
  }
  return records;
}

/** True when every cell is empty or spaces: spreadsheet apps export formatted-but-empty rows like ",,,". */
export function isEmptyRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or tab/CR) as a formula ("CSV injection").
 * On export such a value gets a leading apostrophe, which spreadsheets hide and show the text as is;
 * the import removes exactly one. Values that already start with apostrophes before such a character
 * get one more, so the pair of functions is an exact round trip for every string.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no line break) with formula guarding applied to every cell. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => quoteField(guardFormula(c))).join(',');
}

export const UTF8_BOM = '\uFEFF';

/** A whole CSV document: BOM (so spreadsheet apps read CJK as UTF-8), header, rows, CRLF after each record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const parts = [UTF8_BOM, csvLine(header), '\r\n'];
  for (const r of rows) parts.push(csvLine(r), '\r\n');
  return parts.join('');
}
