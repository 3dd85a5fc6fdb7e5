import { writeFileSync } from 'node:fs';
import { addQuoteLine, recordPayment } from '../../../profiles/demo-crm/api/revenue.js';
import { createLead, getLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { replyPublicly, takeTicket } from '../../../profiles/demo-crm/api/service.js';
import { expectInvoiceHolds, expectQuoteHolds, expectTicketHolds, type ExpectedPayment } from '../../../profiles/demo-crm/checks/recovery.js';
import { MAIN_DEAL, oneLineDeal } from '../../../profiles/demo-crm/data/lead-to-cash-deal.js';
import { messageText } from '../../../profiles/demo-crm/data/service-tickets.js';
import { formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import { BACKUP_TAKEN, BackupsPage } from '../../../profiles/demo-crm/pages/backups-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { isPortalRole, ROLE_KEYS } from '../../../profiles/demo-crm/roles.js';
import { dealLines, draftQuote, invoicedDeal, openOpportunity, stockPriceBook } from '../../../profiles/demo-crm/scenarios/lead-to-cash.js';
import { openedTicket } from '../../../profiles/demo-crm/scenarios/service-tickets.js';
import { backupOnDisk, recordCounts, recordsText, restoreFromBackup } from '../../../profiles/demo-crm/stability/backups.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/** "2026-12-04 03:15 UTC": an instant as the Backups screen writes it (the time zone of the CRM's record pages is UTC). */
function shownAt(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

test.describe('Stability: backup and restore', { tag: '@stability' }, () => {
  test.beforeEach(async () => {
    await describeFlow({ epic: 'Stability', feature: 'Backup and restore', severity: 'critical', owner: 'qa-platform' });
    await criteria('AC-STAB-08');
  });

  test('a backup taken while the team works restores every record committed before it, field for field, and nothing made after it', async ({ ownCrm, data, clock }) => {
    // a CRM process of the test's own, started twice, and a dozen records of four roles
    test.slow();
    const [admin, rep, finance, customer, agent] = [
      await ownCrm.actor('admin'), await ownCrm.actor('salesRep'), await ownCrm.actor('finance'), await ownCrm.actor('customer'), await ownCrm.actor('supportAgent'),
    ];

    const products = await stockPriceBook(admin, data);
    const committed = dealLines(products.slice(0, 2), MAIN_DEAL.slice(0, 2));
    const third = dealLines(products).lines[2]!;
    const { opportunity } = await openOpportunity(rep, data);
    const quote = await draftQuote(rep, opportunity.id, committed);

    const { invoice, deal } = await invoicedDeal({ admin, rep, clerk: finance }, data, oneLineDeal('0', 7));
    const total = deal.expected.grandTotalCents;
    const paidOn = invoice.issuedAt.slice(0, 10);
    const first: ExpectedPayment = { amountCents: (total * 29n) / 100n, paidOn, method: 'Bank transfer', reference: data.tagged('before the backup'), recordedByName: finance.displayName };
    const second: ExpectedPayment = { amountCents: (total * 37n) / 100n, paidOn, method: 'Card', reference: data.tagged('after the backup'), recordedByName: finance.displayName };
    const pay = (p: ExpectedPayment) => recordPayment(finance.api, invoice.id, { amountCents: Number(p.amountCents), paidOn, method: p.method, reference: p.reference });

    await test.step(`Given ${finance.name} has recorded a payment of ${formatMoney(first.amountCents)} on ${invoice.number} (by API)`, () => pay(first));

    const { ticket } = await openedTicket({ customer, data, clock, request: { priority: 'P3' } });
    const [firstReply, laterReply] = [messageText(data, 'reply'), messageText(data, 'reply')];

    await test.step(`Given ${agent.name} has taken ticket ${ticket.number} and answered the customer (by API)`, async () => {
      await takeTicket(agent.api, ticket.id);
      await replyPublicly(agent.api, ticket.id, firstReply);
    });

    const lead = await test.step(`Given ${rep.name} has just captured a lead (by API)`, () => createLead(rep.api, data.lead()));

    const before = await test.step('Admin counts the records of each object (API lists)', () => recordCounts(admin.api));

    const backups = admin.at(BackupsPage);
    await admin.step('opens Backups from the menu', async () => {
      await backups.goto('/');
      await backups.nav.open('Backups');
      await expect(backups.heading).toHaveText('Backups');
    });
    const pressedAt = Date.now();
    await admin.step('takes a backup', () => backups.takeBackup());
    const shownBy = Date.now();
    const name = await admin.step('is told the backup is taken, and its name', async () => {
      await expect(backups.toast.root).toContainText(BACKUP_TAKEN);
      return backups.takenBackupName();
    });
    const onDisk = backupOnDisk(ownCrm.crm, name);
    await admin.step(`sees ${name} listed: taken just now by ${admin.displayName}, the file's size and SHA-256, and the records counted before it`, async () => {
      const row = await backups.backup(name);
      const takenAt = Date.parse(row.takenAt);
      expect(takenAt, 'taken between the press and the answer').toBeGreaterThanOrEqual(pressedAt - 1_000);
      expect(takenAt, 'taken between the press and the answer').toBeLessThanOrEqual(shownBy + 1_000);
      expect(row).toEqual({
        name, takenAt: row.takenAt, taken: shownAt(row.takenAt), by: admin.displayName,
        size: `${onDisk.bytes.toLocaleString('en-US')} bytes`, records: recordsText(before), sha256: onDisk.sha256,
      });
    });

    const laterLead = await test.step('After the backup the work goes on (by API): a third quote line, a second payment, a second reply, a changed phone and a new lead', async () => {
      await addQuoteLine(rep.api, quote.id, { productId: third.product.id, ...third.input });
      await pay(second);
      await replyPublicly(agent.api, ticket.id, laterReply);
      await rep.api.patch(`/api/leads/${lead.id}`, { phone: data.lead().phone });
      const later = await createLead(rep.api, data.lead());
      const after = await recordCounts(admin.api);
      expect([after.leads, after.payments], 'one lead and one payment more than in the backup').toEqual([before.leads + 1, before.payments + 1]);
      return later;
    });

    await test.step(`The operator stops the CRM and restores ${name} (npm run crm -- --restore <file>)`, async () => {
      await restoreFromBackup(ownCrm.crm, onDisk.file);
      expect(ownCrm.crm.printedSoFar, 'the restore names the file, its SHA-256 and the database').toContain(`Restored ${onDisk.file} (sha256 ${onDisk.sha256}) into ${ownCrm.crm.dbFile}`);
    });

    await expectQuoteHolds(rep.api, quote.id, committed, 'The quote holds its two lines of before the backup, with every field and totals that are their sum; the third line is gone');
    await expectInvoiceHolds(finance.api, invoice.id, { totalCents: total, payments: [first] }, `${invoice.number} holds the payment of ${formatMoney(first.amountCents)} of before the backup, and a balance without the later one`);
    await expectTicketHolds(agent.api, ticket.id, { opened: ticket, assignee: agent.displayName, replies: [{ body: firstReply, author: agent.displayName }] }, `Ticket ${ticket.number} holds the one reply of before the backup`);

    await test.step('The lead is as captured, its phone unchanged; the lead made after the backup does not exist; every object counts what it counted at the backup', async () => {
      expect(await getLead(rep.api, lead.id)).toEqual(lead);
      expect((await rep.api.send('GET', `/api/leads/${laterLead.id}`)).status, 'the lead made after the backup').toBe(404);
      expect(await recordCounts(admin.api)).toEqual(before);
    });

    const leadPage = rep.at(LeadDetailPage);
    await rep.step(`opens lead ${lead.firstName} ${lead.lastName} and reads the phone captured before the backup: ${lead.phone}`, async () => {
      await leadPage.open(lead.id);
      await expect(leadPage.field('phone')).toHaveText(lead.phone);
      await expect(leadPage.field('company')).toHaveText(lead.company);
    });
    await admin.step(`finds ${name} still listed on Backups, with the same SHA-256`, async () => {
      await backups.open();
      expect((await backups.backup(name)).sha256).toBe(onDisk.sha256);
    });
  });

  test('a file that is not a CRM backup is refused in one line, and the database stays as it was', async ({ ownCrm, data }, testInfo) => {
    const [admin, rep] = [await ownCrm.actor('admin'), await ownCrm.actor('salesRep')];

    const lead = await test.step(`Given ${rep.name} has captured a lead (by API)`, () => createLead(rep.api, data.lead()));

    const before = await recordCounts(admin.api);
    const notABackup = testInfo.outputPath('leads-export.db');
    writeFileSync(notABackup, `First name,Last name,Company\n${lead.firstName},${lead.lastName},${lead.company}\n`);

    await test.step('The operator stops the CRM and tries to restore an export file named like a backup', async () => {
      await ownCrm.crm.kill();
      const run = ownCrm.crm.tryRestore(notABackup);
      expect(run.exitCode, `exit code; stdout: ${run.stdout}`).toBe(1);
      expect(run.stderr.trim().split('\n'), 'one line that names the file and says it is not a CRM backup').toEqual([expect.stringMatching(/^Cannot restore: .*leads-export\.db is not a CRM backup\b/)]);
    });

    await test.step('The CRM starts again on its database: the lead and every count as before', async () => {
      await ownCrm.crm.start({ fresh: false });
      expect(await getLead(rep.api, lead.id)).toEqual(lead);
      expect(await recordCounts(admin.api)).toEqual(before);
    });
  });

  test('only the administrator is offered backups: every other role finds no Backups menu, is refused the screen by direct URL and cannot take one', async ({ actor, admin }) => {
    const backups = admin.at(BackupsPage);
    await admin.step('opens Backups and counts the backups listed', () => backups.open());
    const listed = await backups.table.rows().count();

    for (const role of ROLE_KEYS.filter((r) => r !== 'admin')) {
      const someone = await actor(role);
      const page = someone.at(BackupsPage);
      await someone.step('finds no Backups in the menu, is refused /admin/backups (403), and a Take backup sent anyway is refused (403)', async () => {
        await page.goto(isPortalRole(role) ? '/portal' : '/');
        expect(await page.nav.labels(), `${role}'s menu`).not.toContain('Backups');
        expect(await page.visit('/admin/backups'), `${role} opens /admin/backups by direct URL`).toEqual({ outcome: 'denied', status: 403 });
        expect((await someone.api.send('POST', '/admin/backups', { data: {} })).status, `${role} posts Take backup`).toBe(403);
      });
    }
    await admin.step(`finds the same ${listed} backup(s) listed: nobody else took one`, async () => {
      await backups.open();
      await expect(backups.table.rows()).toHaveCount(listed);
    });
  });
});
