/**
 * The Artillery processor of load/crm-mix.yml: each virtual user is a signed-in browser context
 * (Artillery's built-in Playwright engine) working a mix of flow steps through the framework's own
 * page objects until the run's time is up. Artillery bundles this file with esbuild (into
 * load/dist/, git-ignored) and calls `crmMix` once per virtual user.
 *
 * A step is one transaction: its time is Artillery's `browser.step.<name>` histogram (successful
 * steps only); every attempt counts in `crm.steps`, every failure in `crm.failed` and
 * `crm.failed.<name>`, so the error rate is crm.failed ÷ crm.steps. A failed step does not end the
 * user: it goes back to its home page and carries on, and stops only after 5 failures in a row.
 *
 * No think time for load and stress: a virtual user works without pause, so one virtual user is a
 * heavier load than one person (docs/performance.md); a soak sets `thinkMs` for a steady pace.
 */
import type { Page } from '@playwright/test';
import { LoginPage } from '../profiles/demo-crm/pages/login-page.js';
import { LeadListPage } from '../profiles/demo-crm/pages/leads/lead-list-page.js';
import { LeadDetailPage } from '../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { AccountDetailPage } from '../profiles/demo-crm/pages/accounts/account-detail-page.js';
import { TicketListPage } from '../profiles/demo-crm/pages/tickets/ticket-list-page.js';
import { PortalTicketsPage } from '../profiles/demo-crm/pages/portal/portal-tickets-page.js';

interface Events {
  emit(type: 'counter' | 'histogram', name: string, value: number): void;
}
interface VuContext {
  vars: Record<string, unknown>;
}
interface StepRunner {
  step(name: string, fn: () => Promise<void>): Promise<void>;
}

/** The bundled CRM's seeded users (demo-crm/README.md): demo credentials of a throw-away database. */
const PERSONAS = [
  { kind: 'sales', username: 'rep.li', password: 'RepLi#Flows2026', portal: false, weight: 3 },
  { kind: 'sales', username: 'rep.sam', password: 'RepSam#Flows2026', portal: false, weight: 2 },
  { kind: 'support', username: 'agent.ana', password: 'AgentAna#Flows2026', portal: false, weight: 2 },
  { kind: 'support', username: 'agent.ben', password: 'AgentBen#Flows2026', portal: false, weight: 1 },
  { kind: 'customer', username: 'cust.acme', password: 'CustAcme#Flows2026', portal: true, weight: 1 },
  { kind: 'customer', username: 'cust.globex', password: 'CustGlobex#Flows2026', portal: true, weight: 1 },
] as const;
type Persona = (typeof PERSONAS)[number];

/** Each persona's steps, with their weights in the mix. */
const MIX: Record<Persona['kind'], { step: string; weight: number }[]> = {
  sales: [
    { step: 'create_lead', weight: 3 },
    { step: 'search_leads', weight: 4 },
    { step: 'open_account', weight: 3 },
  ],
  support: [{ step: 'open_ticket_queue', weight: 1 }],
  customer: [{ step: 'portal_ticket_list', weight: 1 }],
};

function weighted<T extends { weight: number }>(items: readonly T[]): T {
  let r = Math.random() * items.reduce((s, i) => s + i.weight, 0);
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

const SEARCH_TERMS = ['Load', 'Acme', 'Globex', 'Summit', 'a'];
const run = globalThis as { crmMixStartedAt?: number };

export async function crmMix(page: Page, vuContext: VuContext, events: Events, test: StepRunner): Promise<void> {
  // the run's clock starts with the first virtual user of this worker; every user stops at its end
  run.crmMixStartedAt ??= Date.now();
  const durationMs = Number(vuContext.vars.durationMs ?? 60_000);
  const deadline = run.crmMixStartedAt + durationMs;
  // a soak's steady pace (npm run load -- --soak): a pause between steps; 0 for load and stress
  const thinkMs = Number(vuContext.vars.thinkMs ?? 0);
  const persona = weighted(PERSONAS);
  const uuid = vuContext.vars.$uuid;
  const vu = (typeof uuid === 'string' ? uuid : Math.random().toString(36).slice(2)).slice(0, 8);
  let created = 0;
  let consecutiveFailures = 0;

  const attempt = async (name: string, fn: () => Promise<void>): Promise<boolean> => {
    events.emit('counter', 'crm.steps', 1);
    events.emit('counter', `crm.steps.${name}`, 1);
    try {
      await test.step(name, fn);
      consecutiveFailures = 0;
      return true;
    } catch (error) {
      events.emit('counter', 'crm.failed', 1);
      events.emit('counter', `crm.failed.${name}`, 1);
      consecutiveFailures++;
      if (consecutiveFailures >= 5) throw new Error(`${persona.username}: 5 failed steps in a row, last ${name}: ${(error as Error).message.split('\n')[0]}`);
      await page.goto(persona.portal ? '/portal' : '/').catch(() => undefined);
      return false;
    }
  };

  const signedIn = await attempt('sign_in', async () => {
    const login = new LoginPage(page, persona.portal);
    await login.goto();
    await login.signIn(persona.username, persona.password);
  });
  if (!signedIn) throw new Error(`${persona.username} could not sign in`);

  // the accounts this rep may open (a rep without one creates one by API first, as a test's "Given" would)
  let accountIds: number[] = [];
  if (persona.kind === 'sales') {
    const list = (await (await page.request.get('/api/accounts?pageSize=50', { headers: { accept: 'application/json' } })).json()) as { items?: { id: number }[] };
    accountIds = (list.items ?? []).map((a) => a.id);
    if (accountIds.length === 0) {
      const { csrfToken } = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
      const account = await page.request.post('/api/accounts', {
        headers: { 'X-CSRF-Token': csrfToken, accept: 'application/json' },
        data: { name: `Load ${vu} Holdings`, industry: 'Logistics', website: `https://${vu}.example.test`, phone: '+1 555 0100 300', billingCity: 'Austin', billingCountry: 'United States' },
      });
      accountIds = [((await account.json()) as { id: number }).id];
    }
  }

  const steps: Record<string, () => Promise<void>> = {
    create_lead: async () => {
      const list = new LeadListPage(page);
      await list.open();
      const form = await list.startNewLead();
      created++;
      await form.fill({
        firstName: 'Lara',
        lastName: `Load${created}`,
        company: `Load ${vu} Trading ${created}`,
        email: `lara.${vu}.${created}.${Date.now().toString(36)}@load.example.test`,
        phone: '+1 555 0100 400',
        source: 'Web',
      });
      await form.create();
      await new LeadDetailPage(page).status.filter({ hasText: 'New' }).waitFor();
    },
    search_leads: async () => {
      const list = new LeadListPage(page);
      await list.open();
      await list.search(SEARCH_TERMS[Math.floor(Math.random() * SEARCH_TERMS.length)]!);
      await list.table.total.waitFor();
    },
    open_account: async () => {
      const account = new AccountDetailPage(page);
      await account.open(accountIds[Math.floor(Math.random() * accountIds.length)]!);
      await account.field('name').or(account.lifetimeRevenue).first().waitFor();
    },
    open_ticket_queue: async () => {
      const queue = new TicketListPage(page);
      await queue.openView('Ticket queue');
      await queue.table.total.waitFor();
    },
    portal_ticket_list: async () => {
      const portal = new PortalTicketsPage(page);
      await portal.open();
      await portal.table.total.or(portal.table.table).first().waitFor();
    },
  };

  while (Date.now() < deadline) {
    const { step } = weighted(MIX[persona.kind]);
    await attempt(step, steps[step]!);
    // eslint-disable-next-line no-restricted-syntax -- a person's pause between steps paces the soak; it waits for no result of the CRM
    if (thinkMs > 0 && Date.now() + thinkMs < deadline) await new Promise((resolve) => setTimeout(resolve, thinkMs));
  }
}
