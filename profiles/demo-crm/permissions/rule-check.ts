import type { ApiResponse } from '../api/client.js';
import { env } from '../../../fixtures/env.js';
import { FIELD_RULES, OWNERSHIP_RULES } from './matrix.js';
import { saveRuleResult } from './report.js';

/**
 * A field or ownership rule checked by one test: every violation is collected (so the report lists
 * all of them, not just the first) and the result is saved for the matrix report even when the check
 * throws; the spec then asserts that the list of violations is empty.
 */
export class RuleCheck {
  readonly problems: string[] = [];
  readonly evidence: string[] = [];

  constructor(readonly id: string) {}

  /** "AC-PERM-F01: Only finance records payments …", for the spec's assertion message. */
  get title(): string {
    return `violations of ${this.id}: ${ruleText(this.id)}`;
  }

  that(ok: boolean, problem: string, evidence?: string): boolean {
    if (!ok) this.problems.push(problem);
    else if (evidence) this.evidence.push(evidence);
    return ok;
  }

  /** A refusal: 403 and a body with nothing but the error (no field of the record). */
  refused(res: ApiResponse, what: string): boolean {
    const body = res.body as Record<string, unknown> | string;
    const keys = typeof body === 'object' && body !== null ? Object.keys(body) : ['<not JSON>'];
    const bare = keys.every((k) => ['error', 'message', 'field'].includes(k));
    return this.that(res.status === 403 && bare, `${what}: expected a bare 403, got ${res.status} ${JSON.stringify(body).slice(0, 200)}`, `${what}: 403`);
  }
}

const ruleText = (id: string) => [...FIELD_RULES, ...OWNERSHIP_RULES].find((r) => r.id === id)?.rule ?? id;

export async function checkRule(id: string, body: (check: RuleCheck) => Promise<void>): Promise<RuleCheck> {
  const check = new RuleCheck(id);
  try {
    await body(check);
  } catch (error) {
    check.problems.push(`the check itself failed: ${(error as Error).message.split('\n')[0]}`);
    throw error;
  } finally {
    saveRuleResult(env.runId, { id, rule: ruleText(id), pass: check.problems.length === 0, details: check.problems.length ? check.problems : check.evidence.slice(0, 12) });
  }
  return check;
}
