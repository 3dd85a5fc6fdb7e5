import { portalTicket, staffTicket, ticketsCreatedSince } from '../../../profiles/demo-crm/api/service.js';
import { expectOnlyFieldError } from '../../../profiles/demo-crm/checks/form-errors.js';
import { ticketCases } from '../../../profiles/demo-crm/data/ticket-validation-cases.js';
import { trimmed } from '../../../profiles/demo-crm/data/validation-cases.js';
import { PortalNewTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-new-ticket-page.js';
import { PortalTicketPage } from '../../../profiles/demo-crm/pages/portal/portal-ticket-page.js';
import { PortalTicketsPage } from '../../../profiles/demo-crm/pages/portal/portal-tickets-page.js';
import { TicketPage } from '../../../profiles/demo-crm/pages/tickets/ticket-page.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Data accuracy: what the ticket form refuses, and what it stores exactly as typed', { tag: '@data-accuracy' }, () => {
  test('ticket form: each invalid ticket names its field and creates nothing; each valid ticket reads the same in the portal, its search, the service desk and the API', async ({ customer, supportManager, data }) => {
    // seven form submissions and three tickets read back in four places
    test.slow();
    await describeFlow({ epic: 'Data accuracy', feature: 'Form validation', story: 'Invalid input is refused per field; valid input is shown as typed everywhere', severity: 'critical', owner: 'qa-data', tags: ['data-accuracy', 'validation'] });
    await criteria('AC-DA-02', 'AC-DA-03');
    const { valid, invalid } = ticketCases(data);
    const form = customer.at(PortalNewTicketPage);
    const since = Date.now();
    for (const c of invalid) {
      await customer.step(`submits a ticket with ${c.case}`, async () => {
        await form.open();
        await form.submit(c.input);
        await expectOnlyFieldError(form.form, c);
      });
    }
    const refused = (await ticketsCreatedSince(supportManager.api, since)).filter((t) => t.subject.includes(data.tag) || invalid.some((c) => c.input.description.trim() === t.description));
    expect(refused.map((t) => t.number), 'no refused ticket was created (API)').toEqual([]);

    const created: { id: number; subject: string; description: string }[] = [];
    for (const c of valid) {
      const shown = trimmed(c.input);
      await customer.step(`submits a ticket with ${c.case} and reads it back`, async () => {
        await form.open();
        await form.submit(c.input);
        created.push({ id: form.createdTicketId(), subject: shown.subject, description: shown.description });
        await expect(customer.at(PortalTicketPage).heading).toHaveText(shown.subject);
      });
    }
    await customer.step('finds each ticket by searching the portal list', async () => {
      const list = customer.at(PortalTicketsPage);
      await list.open();
      await list.search(data.tag);
      for (const t of created) await expect(list.table.rows().filter({ hasText: t.subject })).toHaveCount(1);
    });
    await supportManager.step('opens each ticket on the service desk', async () => {
      for (const t of created) {
        await supportManager.at(TicketPage).open(t.id);
        await expect(supportManager.at(TicketPage).heading).toHaveText(t.subject);
      }
    });
    const fromPortal = await Promise.all(created.map(async (t) => portalTicket(customer.api, t.id)));
    const fromDesk = await Promise.all(created.map(async (t) => staffTicket(supportManager.api, t.id)));
    const expected = created.map((t) => [t.subject, t.description]);
    expect(fromPortal.map((t) => [t.subject, t.description]), 'the portal API holds each ticket as typed, trimmed').toEqual(expected);
    expect(fromDesk.map((t) => [t.subject, t.description]), 'the staff API holds each ticket as typed, trimmed').toEqual(expected);
  });
});
