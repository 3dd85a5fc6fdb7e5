import { convertLead, createLead, qualifyLead } from '../../../profiles/demo-crm/api/sales-crm.js';
import { LeadFormPage } from '../../../profiles/demo-crm/pages/leads/lead-form-page.js';
import { LeadDetailPage } from '../../../profiles/demo-crm/pages/leads/lead-detail-page.js';
import { Form } from '../../../pages/components/form.js';
import { pageLoad } from '../../../pages/components/press.js';
import { InjectionProbe, injectionFindings, type ScreenInspection } from '../../../profiles/demo-crm/security/injection-probe.js';
import { assignPayloads, XSS_PAYLOADS } from '../../../profiles/demo-crm/security/payloads.js';
import { submitWithPayloads } from '../../../profiles/demo-crm/security/text-fields.js';
import { parseCsv } from '../../../profiles/demo-crm/security/csv-text.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Stored XSS: sales records', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Security', feature: 'Injection', story: 'Typed text is shown as text, never run', severity: 'blocker', owner: 'qa-security', tags: ['security', 'xss'] });
    await criteria('AC-SEC-02');
  });

  test('XSS payloads typed into every text field of leads, accounts and contacts are shown as text on every screen and in the exports', async ({ browser, salesRep, admin, data }) => {
    const tag = data.tag;
    const leadValid = data.lead();
    const accountValid = data.account();

    const lead = await salesRep.step('types a payload into every text field of the New lead form and saves it', async () => {
      const form = salesRep.at(LeadFormPage);
      await form.goto('/leads/new');
      const typed = await submitWithPayloads(form.form, {
        valid: { 'First name': leadValid.firstName, 'Last name': leadValid.lastName, Company: leadValid.company, Email: leadValid.email, Phone: leadValid.phone, Source: { option: leadValid.source } },
        payloads: XSS_PAYLOADS, round: 0, prefix: tag, submit: 'Create lead',
      });
      expect(Object.keys(typed.typed), 'the free-text fields of the lead form').toEqual(['First name', 'Last name', 'Company']);
      return { id: salesRep.at(LeadDetailPage).id(), values: Object.values(typed.typed).map((p) => p.value) };
    });

    const more = await salesRep.step('saves one lead per remaining payload so that every payload sits in every lead field', async () => {
      const leads = [];
      for (let round = 1; round < XSS_PAYLOADS.length; round += 1) {
        const p = assignPayloads(['firstName', 'lastName', 'company'], XSS_PAYLOADS, round, tag);
        leads.push(await createLead(salesRep.api, data.lead({ firstName: p.firstName!.value, lastName: p.lastName!.value, company: p.company!.value })));
      }
      return leads;
    });

    const account = await salesRep.step('types a payload into every text field of the New account form', async () => {
      const form = new Form(salesRep.page, salesRep.page.getByRole('main').locator('form').filter({ has: salesRep.page.getByRole('button', { name: 'Create account' }) }), pageLoad);
      await salesRep.page.goto('/accounts/new');
      const typed = await submitWithPayloads(form, {
        valid: { Name: accountValid.name, Industry: accountValid.industry, Website: accountValid.website, Phone: accountValid.phone, 'Billing city': accountValid.billingCity, 'Billing country': accountValid.billingCountry },
        payloads: XSS_PAYLOADS, round: 2, prefix: tag, submit: 'Create account',
      });
      return { id: Number(/\/accounts\/(\d+)/.exec(salesRep.page.url())?.[1]), typed };
    });

    const contact = await salesRep.step('types a payload into every text field of the New contact form', async () => {
      const valid = data.contact();
      const form = new Form(salesRep.page, salesRep.page.getByRole('main').locator('form').filter({ has: salesRep.page.getByRole('button', { name: 'Create contact' }) }), pageLoad);
      await salesRep.page.goto(`/contacts/new?accountId=${account.id}`);
      const typed = await submitWithPayloads(form, {
        valid: { 'First name': valid.firstName, 'Last name': valid.lastName, Email: valid.email, Phone: valid.phone, 'Job title': valid.title },
        payloads: XSS_PAYLOADS, round: 4, prefix: tag, submit: 'Create contact',
      });
      return { id: Number(/\/contacts\/(\d+)/.exec(salesRep.page.url())?.[1]), typed };
    });

    const converted = await salesRep.step('converts the typed lead, so its payloads travel to an account, a contact and an opportunity', async () => {
      await qualifyLead(salesRep.api, lead.id);
      return convertLead(salesRep.api, lead.id, { opportunityName: `${tag} ${XSS_PAYLOADS[5]!.text}`, closeDate: data.dateAfter(30) });
    });

    const seen: ScreenInspection[] = [];
    const accountValues = Object.values(account.typed.typed).map((p) => p.value);
    const contactValues = Object.values(contact.typed.typed).map((p) => p.value);
    const shows: Record<string, string[]> = {
      [`/leads/${lead.id}`]: lead.values,
      [`/leads?q=${encodeURIComponent(tag)}`]: [...lead.values, ...more.flatMap((l) => [l.company])],
      [`/accounts/${account.id}`]: accountValues,
      [`/contacts/${contact.id}`]: contactValues,
      [`/accounts/${converted.account.id}`]: [converted.account.name],
      [`/opportunities/${converted.opportunity!.id}`]: [converted.opportunity!.name],
    };

    await salesRep.step('opens every screen that shows the records, in a browser that would let any injected script run', async () => {
      const probe = await InjectionProbe.open(browser, salesRep);
      try {
        for (const path of [
          ...Object.keys(shows),
          ...more.map((l) => `/leads/${l.id}`),
          `/accounts?q=${encodeURIComponent(tag)}`, `/contacts?q=${encodeURIComponent(tag)}`, `/contacts/${converted.contact.id}`,
          `/opportunities?q=${encodeURIComponent(tag)}`, '/opportunities/board', '/',
        ]) seen.push(await probe.inspect(path));
      } finally {
        await probe.close();
      }
    });

    await admin.step('reads the records in the audit log and the exports as text', async () => {
      const probe = await InjectionProbe.open(browser, admin);
      try {
        for (const [object, id] of [['lead', lead.id], ['account', account.id], ['contact', contact.id]] as const) seen.push(await probe.inspect(`/audit?object=${object}&recordId=${id}`));
        for (const file of ['leads', 'accounts', 'contacts']) {
          const csv = await probe.download(`/export/${file}.csv?q=${encodeURIComponent(tag)}`);
          expect(csv.contentType, `the ${file} export is served as CSV, not as a page`).toMatch(/^text\/csv/);
          expect(csv.disposition, `the ${file} export is a download`).toMatch(/^attachment/);
          const cells = parseCsv(csv.text).flat();
          const expected = { leads: lead.values, accounts: accountValues, contacts: contactValues }[file]!;
          expect(expected.filter((v) => !cells.includes(v)), `values not in the ${file} export verbatim`).toEqual([]);
        }
      } finally {
        await probe.close();
      }
    });

    const findings = injectionFindings(seen, shows);
    await recordCount('AC-SEC-02', findings.length, 'screens where a payload became markup or ran', `${seen.length} screens read`);
    expect(findings, 'screens where a payload became markup or ran, or was not shown as typed').toEqual([]);
  });
});
