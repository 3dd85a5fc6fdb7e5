import { ValidationError } from '../../core/http.js';

/**
 * PATCH semantics shared by every record: the stored values overlaid with the keys the caller sent,
 * then validated as a whole by the create schema (so a PATCH obeys exactly the create rules).
 * Fields that have their own action (status, stage) are refused with a pointer to it.
 */
export function mergePatch(
  before: object,
  body: unknown,
  keys: readonly string[],
  refused: Record<string, string> = {},
): Record<string, unknown> {
  if (body === null || body === undefined) return { ...before };
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationError({ _form: 'Send a JSON object' });
  const patch = body as Record<string, unknown>;
  const refusedHere = Object.fromEntries(Object.entries(refused).filter(([k]) => k in patch));
  if (Object.keys(refusedHere).length > 0) throw new ValidationError(refusedHere);
  const merged: Record<string, unknown> = { ...before };
  for (const k of keys) if (k in patch) merged[k] = patch[k];
  return merged;
}
