/**
 * The framework's own reader of the CSV files the CRM hands out (exports, rejected-rows files):
 * RFC 4180, any line end, a UTF-8 BOM, and the documented formula guard undone (one leading
 * apostrophe before =, +, -, @, tab or CR). Written here, not imported from the CRM, so a reader bug
 * in the CRM cannot hide itself in the reconciliation.
 */
export interface CsvTable {
  headers: string[];
  /** each record's cells by header, plus the physical line it starts on (header = line 1) */
  rows: { line: number; cells: string[]; byHeader: Record<string, string> }[];
}

const FORMULA_GUARDED = /^'+[=+\-@\t\r]/;

/** Undoes the export's formula guard: exactly one leading apostrophe goes. */
export function unguard(cell: string): string {
  return FORMULA_GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** Splits CSV text into records of cells, each with the physical line it starts on. */
export function parseCsvRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== '') records.push({ line: startLine, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      startLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new Error(`CSV: a quote opened on line ${startLine} is never closed`);
  if (cell !== '' || cells.length > 0 || touched) endRecord();
  return records;
}

/** Parses a CSV file the CRM wrote (bytes or text): header row, then records with formula guards undone. */
export function readCsv(input: Buffer | string): CsvTable {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const [head, ...records] = parseCsvRecords(text);
  if (!head) return { headers: [], rows: [] };
  const headers = head.cells;
  return {
    headers,
    rows: records.map((r) => {
      const cells = r.cells.map(unguard);
      return { line: r.line, cells, byHeader: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) };
    }),
  };
}

/** RFC 4180 quoting, for the legacy files the generator writes. */
export function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
