import { expectOnlyFieldError } from '../../../profiles/demo-crm/checks/form-errors.js';
import { accountCases, contactCases, leadCases, trimmed } from '../../../profiles/demo-crm/data/validation-cases.js';
import { readCsv } from '../../../profiles/demo-crm/migration/csv-read.js';
import { leadsByPrefix } from '../../../profiles/demo-crm/migration/lead-target.js';
import { AccountFormPage } from '../../../profiles/demo-crm/pages/accounts/account-form-page.js';
import { AccountListPage } from '../../../profiles/demo-crm/pages/accounts/account-list-page.js';
import { AccountDetailPage } from '../../../profiles/demo-crm/pages/accounts/account-detail-page.js';
import { ContactDetailPage } from '../../../profiles/demo-crm/pages/contacts/contact-detail-page.js';
import { ContactFormPage } from '../../../profiles/demo-crm/pages/contacts/contact-form-page.js';
import { ContactListPage } from '../../../profiles/demo-crm/pages/contacts/contact-list-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Data accuracy: what the forms refuse, and what they store exactly as typed', { tag: '@data-accuracy' }, () => {
  test.beforeEach(async () => {
    // a dozen form submissions, a list, an export and the API per test
    test.slow();
    await describeFlow({ epic: 'Data accuracy', feature: 'Form validation', story: 'Invalid input is refused per field; valid input is shown as typed everywhere', severity: 'critical', owner: 'qa-data', tags: ['data-accuracy', 'validation'] });
    await criteria('AC-DA-02', 'AC-DA-03');
  });

  test('lead form: each invalid value names its field and creates nothing; each valid lead reads the same on its page, the list, search, export and API', async ({ salesRep, data }) => {
    const { valid, invalid } = leadCases(data);
    const list = salesRep.at(LeadListPage);
    for (const c of invalid) {
      await salesRep.step(`enters a lead with ${c.case}`, async () => {
        await list.open();
        const form = await list.startNewLead();
        await form.fill(c.input);
        await form.create();
        await expectOnlyFieldError(form.form, c);
      });
    }
    expect(await leadsByPrefix(salesRep, data.tag), 'no refused lead was stored (API)').toEqual([]);

    const detail = salesRep.at(LeadDetailPage);
    for (const c of valid) {
      const shown = trimmed(c.input);
      await salesRep.step(`enters a lead with ${c.case} and reads it back on its page and by search`, async () => {
        await list.open();
        const form = await list.startNewLead();
        await form.fill(c.input);
        await form.create();
        await expect(detail.field('name')).toHaveText(`${shown.firstName} ${shown.lastName}`);
        await expect(detail.field('company')).toHaveText(shown.company);
        await expect(detail.field('email')).toHaveText(shown.email);
        await expect(detail.field('phone')).toHaveText(shown.phone);
        await list.open();
        await list.search(shown.email);
        await expect(list.row(shown.email)).toContainText(shown.company);
      });
    }
    const exported = await salesRep.step('exports the list of these leads', async () => {
      await list.open();
      await list.search(data.tag);
      return readCsv(await list.exportCsv());
    });
    const api = await leadsByPrefix(salesRep, data.tag);
    const view = (r: { firstName: string; lastName: string; company: string; email: string; phone: string }) => [r.firstName, r.lastName, r.company, r.email, r.phone];
    const expected = valid.map((c) => view(trimmed(c.input))).sort();
    expect(exported.rows.map((r) => view({ firstName: r.byHeader['First name']!, lastName: r.byHeader['Last name']!, company: r.byHeader.Company!, email: r.byHeader.Email!, phone: r.byHeader.Phone! })).sort(), 'the export holds each valid lead as typed').toEqual(expected);
    expect(api.map(view).sort(), 'the API holds each valid lead as typed').toEqual(expected);
  });

  test('account form: each invalid value names its field and creates nothing; each valid account reads the same on its page, the list, export and API', async ({ salesRep, data }) => {
    const { valid, invalid } = accountCases(data);
    const form = salesRep.at(AccountFormPage);
    for (const c of invalid) {
      await salesRep.step(`enters an account with ${c.case}`, async () => {
        await form.open();
        await form.create(c.input);
        await expectOnlyFieldError(form.form, c);
      });
    }
    expect((await salesRep.api.list('accounts', { q: data.tag, pageSize: 100 })).items, 'no refused account was stored (API)').toEqual([]);

    const detail = salesRep.at(AccountDetailPage);
    for (const c of valid) {
      const shown = trimmed(c.input);
      await salesRep.step(`enters an account with ${c.case} and reads it back`, async () => {
        await form.open();
        await form.create(c.input);
        await expect(detail.heading).toHaveText(shown.name);
        for (const key of ['industry', 'website', 'phone', 'billingCity', 'billingCountry'] as const) await expect(detail.field(key)).toHaveText(shown[key]);
      });
    }
    const list = salesRep.at(AccountListPage);
    const exported = await salesRep.step('finds the accounts in the list and exports them', async () => {
      await list.open();
      await list.search(data.tag);
      for (const c of valid) await expect(list.row(trimmed(c.input).name)).toContainText(trimmed(c.input).industry);
      return readCsv(await list.exportCsv());
    });
    const view = (r: Record<string, string>) => [r.name, r.industry, r.website, r.phone, r.billingCity, r.billingCountry];
    const expected = valid.map((c) => view({ ...trimmed(c.input) })).sort();
    const fromExport = exported.rows.map((r) => view({ name: r.byHeader.Name!, industry: r.byHeader.Industry!, website: r.byHeader.Website!, phone: r.byHeader.Phone!, billingCity: r.byHeader['Billing city']!, billingCountry: r.byHeader['Billing country']! }));
    expect(fromExport.sort(), 'the export holds each valid account as typed').toEqual(expected);
    const api = (await salesRep.api.list<Record<string, string>>('accounts', { q: data.tag, pageSize: 100 })).items;
    expect(api.map(view).sort(), 'the API holds each valid account as typed').toEqual(expected);
  });

  test('contact form: each invalid value names its field and creates nothing; each valid contact reads the same on its page, the list, export and API', async ({ salesRep, data }) => {
    const { valid, invalid } = contactCases(data);
    const form = salesRep.at(ContactFormPage);
    for (const c of invalid) {
      await salesRep.step(`enters a contact with ${c.case}`, async () => {
        await form.open();
        await form.create(c.input);
        await expectOnlyFieldError(form.form, c);
      });
    }
    expect((await salesRep.api.list('contacts', { q: data.tag, pageSize: 100 })).items, 'no refused contact was stored (API)').toEqual([]);

    const detail = salesRep.at(ContactDetailPage);
    for (const c of valid) {
      const shown = trimmed(c.input);
      await salesRep.step(`enters a contact with ${c.case} and reads it back`, async () => {
        await form.open();
        await form.create(c.input);
        await expect(detail.heading).toHaveText(`${shown.firstName} ${shown.lastName}`);
        await expect(detail.field('email')).toHaveText(shown.email);
        await expect(detail.field('phone')).toHaveText(shown.phone);
        await expect(detail.field('title')).toHaveText(shown.title);
      });
    }
    const list = salesRep.at(ContactListPage);
    const exported = await salesRep.step('finds the contacts in the list and exports them', async () => {
      await list.open();
      await list.search(data.tag);
      for (const c of valid) await expect(list.row(trimmed(c.input).email)).toContainText(trimmed(c.input).lastName);
      return readCsv(await list.exportCsv());
    });
    const view = (r: Record<string, string>) => [r.firstName, r.lastName, r.email, r.phone, r.title];
    const expected = valid.map((c) => view({ ...trimmed(c.input) })).sort();
    const fromExport = exported.rows.map((r) => view({ firstName: r.byHeader['First name']!, lastName: r.byHeader['Last name']!, email: r.byHeader.Email!, phone: r.byHeader.Phone!, title: r.byHeader.Title! }));
    expect(fromExport.sort(), 'the export holds each valid contact as typed').toEqual(expected);
    const api = (await salesRep.api.list<Record<string, string>>('contacts', { q: data.tag, pageSize: 100 })).items;
    expect(api.map(view).sort(), 'the API holds each valid contact as typed').toEqual(expected);
  });
});
