/**
 * The clicks of flows/demo-crm/lead-to-cash-lead-exceptions.spec.ts › "a disqualified lead keeps its
 * reason and can no longer be converted", in plain Playwright and nothing of the framework: the body of
 * both baselines of `npm run bench` (a), the raw script (bench/raw-lead-to-cash.ts) and the plain
 * Playwright Test (bench/playwright-test/).
 *
 *   sign the sales rep (rep.li) in through the real login page, the one role the test uses
 *   create a lead and move it to Working by API (the test's "Given")
 *   open the lead, Disqualify with a reason in the dialog, check status, reason, read-only notice,
 *     no Convert button, no "Move to Qualified"
 *   the API refuses to convert it (409) and the lead is still Disqualified, with nothing converted
 */
import type { Page } from 'playwright-core';

export function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^\s*Username(\s*\*)?\s*$/).fill(username);
  await page.getByLabel(/^\s*Password(\s*\*)?\s*$/).fill(password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  check(new URL(page.url()).pathname === '/', `sign-in as ${username} lands on the dashboard, not ${page.url()}`);
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
}

/** `page` belongs to a context whose baseURL is the CRM; `mark` times each phase since the given start. */
export async function disqualifyALead(page: Page, mark: (phase: string, since: number) => void = () => undefined): Promise<void> {
  let t = performance.now();
  await signIn(page, 'rep.li', 'RepLi#Flows2026');
  mark('signIn', t);

  // Given: a lead, captured and being worked (by API, with the browser's session)
  t = performance.now();
  const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': session.csrfToken, accept: 'application/json' };
  const tag = `raw${Date.now().toString(36)}`;
  const created = await page.request.post('/api/leads', {
    headers,
    data: { firstName: 'Rita', lastName: 'Baseline', company: `${tag} Baseline Metals`, email: `rita.${tag}@example.test`, phone: '+1 555 0100 200', source: 'Web' },
  });
  check(created.status() === 201 || created.status() === 200, `POST /api/leads answered ${created.status()}`);
  const lead = (await created.json()) as { id: number };
  const working = await page.request.post(`/api/leads/${lead.id}/status`, { headers, data: { status: 'Working' } });
  check(working.ok(), `POST /api/leads/${lead.id}/status answered ${working.status()}`);
  mark('given', t);

  // When: the rep disqualifies the lead with a reason
  t = performance.now();
  const reason = `No budget before next fiscal year (${tag})`;
  const main = page.getByRole('main');
  await page.goto(`/leads/${lead.id}`);
  await main.getByRole('heading', { level: 1 }).waitFor();
  await main.getByRole('button', { name: 'Disqualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Disqualify lead' });
  await dialog.waitFor();
  await dialog.getByLabel(/^\s*Reason(\s*\*)?\s*$/).fill(reason);
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Disqualify', exact: true }).click()]);

  // Then: status, reason, read-only, and no way forward
  await main.getByTestId('status').filter({ hasText: /^\s*Disqualified\s*$/ }).waitFor();
  check((await page.getByTestId('field-disqualifyReason').innerText()).trim() === reason, 'the reason is shown');
  await page.getByTestId('read-only-notice').waitFor();
  check((await main.getByRole('button', { name: 'Convert lead', exact: true }).count()) === 0, 'no Convert lead button');
  check((await main.getByRole('button', { name: 'Move to Qualified', exact: true }).count()) === 0, 'no Move to Qualified button');
  mark('disqualify', t);

  // And: the API refuses the conversion and nothing was converted
  t = performance.now();
  const convert = await page.request.post(`/api/leads/${lead.id}/convert`, {
    headers,
    data: { createOpportunity: true, opportunityName: `${tag} never`, closeDate: '2026-02-14' },
  });
  check(convert.status() === 409, `converting a disqualified lead answers 409, got ${convert.status()}`);
  const after = (await (await page.request.get(`/api/leads/${lead.id}`, { headers: { accept: 'application/json' } })).json()) as Record<string, unknown>;
  check(after.status === 'Disqualified', 'the lead is still Disqualified');
  check([after.convertedAccountId, after.convertedContactId, after.convertedOpportunityId].every((v) => v === null), 'the lead created no account, contact or opportunity');
  mark('refusedConversion', t);
}

/**
 * The browser flags of the framework's Chromium projects (fixtures/browser.ts) that matter here, so the
 * baselines measure what the framework adds and not a cheaper browser (`--in-process-gpu` alone saves
 * 7-10 % of the browser's CPU).
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--in-process-gpu', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

/** How both baselines start the CRM: the bundled one, new database, test mode, no defect switches. */
export const CRM_COMMAND = ['demo-crm/start.js', '--reset'];
export const crmEnv = (port: number, dbFile: string) => ({ CRM_PORT: String(port), CRM_HOST: '127.0.0.1', CRM_DB_FILE: dbFile, CRM_TEST_MODE: '1', CRM_FAULTS: '' });
