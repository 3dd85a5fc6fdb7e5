/**
 * Prefix search that SQLite can answer from the NOCASE indexes: every column is `LIKE 'q%'`. A query
 * with a space also matches "first last" as first-name prefix AND last-name prefix.
 */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function prefixSearch(
  q: string,
  columns: readonly string[],
  nameColumns?: readonly [first: string, last: string],
): { sql: string; params: unknown[] } {
  const term = q.trim();
  const parts = columns.map((c) => `${c} LIKE ? ESCAPE '\\'`);
  const params: unknown[] = columns.map(() => `${escapeLike(term)}%`);
  const space = term.search(/\s/);
  if (nameColumns && space > 0) {
    const first = term.slice(0, space);
    const last = term.slice(space).trim();
    parts.push(`(${nameColumns[0]} LIKE ? ESCAPE '\\' AND ${nameColumns[1]} LIKE ? ESCAPE '\\')`);
    params.push(`${escapeLike(first)}%`, `${escapeLike(last)}%`);
  }
  return { sql: parts.join(' OR '), params };
}
