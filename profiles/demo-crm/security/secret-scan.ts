import { rawRequest, type RawSession } from './raw-http.js';
import { concretePath, type Route } from './routes.js';

/** Field names and values that give a stored password away. */
const PASSWORD_FIELD = /"(password|passwordHash|password_hash|hash)"\s*:/i;
const HASH_VALUE = /scrypt\$\d+\$/;

/** Every GET route as a concrete path (`:id` → `id`, `:file` → an export file), plus `extra`. */
export function readablePaths(routes: readonly Route[], id: number, extra: readonly string[]): string[] {
  const gets = routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/static/'));
  return [...new Set([...gets.map((r) => concretePath(r.path, r.path.includes(':file') ? 'leads.csv' : id)), ...extra])];
}

/** One line per answer that holds one of `secrets`, a password hash or a password field. */
export async function secretLeaks(session: RawSession, paths: readonly string[], secrets: readonly string[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const path of paths) {
    const answer = await rawRequest(session, 'GET', path, { headers: { accept: path.startsWith('/api/') ? 'application/json' : 'text/html' } });
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    if (secrets.some((s) => s && text.includes(s))) leaks.push(`${path}: contains a password`);
    if (HASH_VALUE.test(text)) leaks.push(`${path}: contains a password hash`);
    if (PASSWORD_FIELD.test(text)) leaks.push(`${path}: has a password field`);
  }
  return leaks;
}
