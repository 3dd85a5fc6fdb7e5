import { ticketsCreatedSince, tryPortal } from '../../profiles/demo-crm/api/service.js';
import { ticketRequest } from '../../profiles/demo-crm/data/service-tickets.js';
import { criteria, describeFlow, expect, test } from '../../profiles/demo-crm/test.js';
import { PortalNewTicketPage } from '../../profiles/demo-crm/pages/portal/portal-new-ticket-page.js';
import { PortalTicketPage } from '../../profiles/demo-crm/pages/portal/portal-ticket-page.js';

/** The documented limits (docs/service.md): counted in characters, so one Chinese character is one. */
const SUBJECT_MAX = 200;
const DESCRIPTION_MAX = 10_000;

test.describe('Service ticket: input validation', { tag: '@service-ticket' }, () => {
  test.beforeEach(async () => {
    // several actors and pages per test: three times the default timeout on a busy machine
    test.slow();
    await describeFlow({ epic: 'Service ticket', feature: 'Ticket validation', story: 'Rejected tickets explain why and create nothing', severity: 'normal', owner: 'qa-service', tags: ['service-ticket', 'validation'] });
    await criteria('AC-SVC-14');
  });

  test('a customer is told what is wrong with a ticket without subject or with an oversized text, and nothing is created', async ({ customer, supportManager, data, clock }) => {
    const form = customer.at(PortalNewTicketPage);
    const valid = ticketRequest(data);
    const cjkChar = data.cjk.string.fromCharacters('服务工单客户门户测试', 1);

    const attempts = await customer.step('submits a ticket with an empty subject and a description one character too long', () => clock.during(customer, async () => {
      await form.open();
      await form.submit({ ...valid, subject: '', description: cjkChar.repeat(DESCRIPTION_MAX + 1) });
      // each invalid field names its problem (the field's hint follows the message)
      expect(await form.form.fieldErrors()).toEqual({
        Subject: expect.stringMatching(/^Enter a subject\b/),
        Description: expect.stringMatching(/^Description must be at most 10,000 characters\b/),
      });
      await expect(form.form.root).toBeVisible();
    }));

    await customer.step('submits a subject one character too long', async () => {
      await form.submit({ ...valid, subject: data.tagged(cjkChar.repeat(SUBJECT_MAX)) });
      expect(await form.form.fieldErrors()).toEqual({ Subject: expect.stringMatching(/^Subject must be at most 200 characters\b/) });
      expect(await form.form.errorSummary()).toContain('Subject must be at most 200 characters');
    });

    await customer.step('sends the same mistakes through the portal API and gets one message per field', async () => {
      const answer = await tryPortal(customer.api, 'POST', '', { ...valid, subject: '   ', description: cjkChar.repeat(DESCRIPTION_MAX + 1) });
      const body = answer.body as { error?: string; fields?: Record<string, string> };
      expect([answer.status, body.error]).toEqual([400, 'validation']);
      expect(body.fields).toEqual({ subject: 'Enter a subject', description: 'Description must be at most 10,000 characters' });
    });

    await supportManager.step('finds that none of the rejected tickets was created', async () => {
      const created = await ticketsCreatedSince(supportManager.api, attempts.at.earliest);
      const ours = created.filter((t) => t.subject.includes(data.tag) || t.description.startsWith(cjkChar.repeat(100)) || t.description === valid.description);
      expect(ours).toEqual([]);
    });

    await customer.step('submits a subject of exactly 200 and a description of exactly 10,000 Chinese characters: accepted', async () => {
      const subject = data.tagged(cjkChar.repeat(SUBJECT_MAX - data.tag.length - 1));
      await form.open();
      await form.submit({ ...valid, subject, description: cjkChar.repeat(DESCRIPTION_MAX) });
      const page = customer.at(PortalTicketPage);
      await expect(page.heading).toHaveText(subject);
      await expect(page.status).toHaveText('New');
      expect([...subject]).toHaveLength(SUBJECT_MAX);
    });
  });
});
