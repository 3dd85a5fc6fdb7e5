import { convertLead, createLead, qualifyLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { formatMoney } from '../../../profiles/demo-crm/domain/money.js';
import { AccountDetailPage } from '../../../profiles/demo-crm/pages/accounts/account-detail-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { OpportunityDetailPage } from '../../../profiles/demo-crm/pages/opportunities/opportunity-detail-page.js';
import { OpportunityListPage } from '../../../profiles/demo-crm/pages/opportunities/opportunity-list-page.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

/**
 * AC-DA-04: each person reads times in the time zone of their own browser, and a calendar date is the
 * same day for everyone. The record is made close to midnight UTC, so the reader's day differs from
 * the UTC day: a page showing UTC, or a calendar date turned into midnight UTC, shows the wrong day.
 * Zones without daylight saving, so the expected text is plain arithmetic on the offset.
 */
const READERS = [
  { zone: 'Asia/Shanghai', offsetHours: 8, label: 'GMT+8', utc: { hour: 23, minute: 30 }, day: 'the next day' },
  { zone: 'Pacific/Honolulu', offsetHours: -10, label: 'GMT-10', utc: { hour: 0, minute: 30 }, day: 'the day before' },
] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The first hh:mm UTC at least two days after `now`, on a whole minute. */
function nextUtc(now: number, at: { hour: number; minute: number }): number {
  const day = new Date(now + 2 * DAY_MS);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), at.hour, at.minute);
}

/** "2026-12-05 07:30 GMT+8": the instant as a reader `offsetHours` from UTC reads it. */
function readAt(instant: number, offsetHours: number, label: string): string {
  return `${new Date(instant + offsetHours * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ')} ${label}`;
}

for (const reader of READERS) {
  test.describe(`Data accuracy: times and dates for a reader in ${reader.zone}`, { tag: '@data-accuracy' }, () => {
    test.use({ timezoneId: reader.zone });

    test(`a sales rep in ${reader.zone} (UTC${reader.offsetHours > 0 ? '+' : ''}${reader.offsetHours}) sees a lead made at ${String(reader.utc.hour).padStart(2, '0')}:${String(reader.utc.minute).padStart(2, '0')} UTC as made ${reader.day} in local time, and the deal's close date and amount exactly as entered`, async ({ salesRep, data, clock }) => {
      await describeFlow({ epic: 'Data accuracy', feature: 'Time zones and formats', story: 'Each reader sees times in their own zone and calendar dates as entered', severity: 'normal', owner: 'qa-data', tags: ['data-accuracy'] });
      await criteria('AC-DA-04');

      const madeAt = nextUtc(clock.now(salesRep), reader.utc);
      const closeDate = data.dateAfter(40);
      const amountCents = data.faker.number.int({ min: 1_000_001, max: 9_999_999 });
      await clock.advanceTo(madeAt, salesRep);

      const { lead, conversion } = await test.step(`Given ${salesRep.name} captured a lead at ${new Date(madeAt).toISOString()} and converted it into a deal closing ${closeDate}, worth ${formatMoney(amountCents)} (by API)`, async () => {
        const created = await createLead(salesRep.api, data.lead());
        await qualifyLead(salesRep.api, created.id);
        return { lead: created, conversion: await convertLead(salesRep.api, created.id, { opportunityName: data.tagged('Time zone deal'), closeDate, amountCents }) };
      });

      const made = readAt(madeAt, reader.offsetHours, reader.label);
      const utcDay = new Date(madeAt).toISOString().slice(0, 10);
      expect(made.slice(0, 10), `the reader's day is ${reader.day} of the UTC day`).not.toBe(utcDay);

      const leadPage = salesRep.at(LeadDetailPage);
      await salesRep.step(`opens the lead: made ${made}`, async () => {
        await leadPage.open(lead.id);
        await expect(leadPage.field('createdAt')).toHaveText(made);
      });

      const leads = salesRep.at(LeadListPage);
      await salesRep.step(`finds the lead in the Leads list: made ${made}`, async () => {
        await leads.open();
        await leads.search(lead.email);
        await expect(leads.row(lead.email)).toHaveCount(1);
        await expect(leads.row(lead.email).getByRole('cell').filter({ hasText: / GMT| UTC/ })).toHaveText([made]);
      });

      const account = salesRep.at(AccountDetailPage);
      await salesRep.step(`opens the account the lead became: made ${made}`, async () => {
        await account.open(conversion.account.id);
        await expect(account.field('createdAt')).toHaveText(made);
      });

      const deal = salesRep.at(OpportunityDetailPage);
      const opportunity = conversion.opportunity!;
      await salesRep.step(`opens the deal: closing ${closeDate}, worth ${formatMoney(amountCents)}`, async () => {
        await deal.open(opportunity.id);
        await expect(deal.field('closeDate')).toHaveText(closeDate);
        await expect(deal.field('amount')).toHaveText(formatMoney(amountCents));
      });

      const deals = salesRep.at(OpportunityListPage);
      await salesRep.step(`finds the deal in the Opportunities list: closing ${closeDate}, worth ${formatMoney(amountCents)}`, async () => {
        await deals.open();
        await deals.table.searchBar.search(opportunity.name);
        const row = deals.table.row(opportunity.name);
        await expect(row).toHaveCount(1);
        await expect(row.getByRole('cell', { name: closeDate, exact: true })).toHaveCount(1);
        await expect(row.getByRole('cell', { name: formatMoney(amountCents), exact: true })).toHaveCount(1);
      });
    });
  });
}
