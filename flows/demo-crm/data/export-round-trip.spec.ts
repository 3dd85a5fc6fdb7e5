import { toCsv } from '../../../profiles/demo-crm/data/csv.js';
import { readCsv, type CsvTable } from '../../../profiles/demo-crm/migration/csv-read.js';
import { AccountListPage } from '../../../profiles/demo-crm/pages/accounts/account-list-page.js';
import { ContactListPage } from '../../../profiles/demo-crm/pages/contacts/contact-list-page.js';
import { ImportUploadPage, type ImportObjectLabel } from '../../../profiles/demo-crm/pages/import/import-upload-page.js';
import { LeadListPage } from '../../../profiles/demo-crm/pages/leads/lead-list-page.js';
import { freshCrmFixture, type FreshCrm } from '../../../profiles/demo-crm/scenarios/fresh-crm.js';
import { test as base, criteria, describeFlow, expect, type Actor } from '../../../profiles/demo-crm/test.js';

type Row = Record<string, string>;

/** The admin imports `file` again with "update existing" and returns the result screen's counts. */
async function reimport(admin: Actor, object: ImportObjectLabel, name: string, file: Buffer) {
  const upload = admin.at(ImportUploadPage);
  await upload.open();
  const mapping = await upload.upload(object, { name, buffer: file });
  await mapping.chooseExisting('update');
  const review = await mapping.validateRows();
  const result = await review.runImport();
  return result.counts();
}

/**
 * A CRM of the test's own: the accounts export is unfiltered, and on the shared CRM other tests create
 * accounts between the export and the read, change them before the import writes them back, and may
 * leave two accounts of one name, which an import refuses to update (the match key is the name).
 */
const test = base.extend<{ own: FreshCrm }>({
  own: freshCrmFixture('export-round-trip', 'exportRoundTrip'),
});

/** Accounts (each with a contact) the test adds to the seed's. */
const OWN_ACCOUNTS = 4;

const sorted = (rows: string[][]) => rows.map((r) => r.join('\u0001')).sort();
const cellsOf = (table: CsvTable) => sorted(table.rows.map((r) => r.cells));

test.describe('Data migration: export and import again, nothing lost or changed', { tag: '@data-migration' }, () => {
  test.beforeEach(async () => {
    test.slow();
    await describeFlow({ epic: 'Data migration', feature: 'Export round trip', story: 'An exported list imports back unchanged', severity: 'critical', owner: 'qa-data', tags: ['data-migration'] });
    await criteria('AC-DM-03');
  });

  test('leads (filtered), accounts (unfiltered) and contacts (filtered) export and re-import with every row unchanged, CJK included', async ({ own, data }) => {
    const admin = await own.actor('admin');
    const leads = [...data.leadImportRows(25, { cjk: true }), ...data.leadImportRows(15)];

    await test.step(`Given ${leads.length} leads with Chinese and Latin names, accounts and contacts of this test (by API)`, async () => {
      const csv = toCsv(leads, [
        { header: 'First name', value: (r) => r.firstName }, { header: 'Last name', value: (r) => r.lastName }, { header: 'Company', value: (r) => r.company },
        { header: 'Email', value: (r) => r.email }, { header: 'Phone', value: (r) => r.phone }, { header: 'Source', value: (r) => r.source },
      ]);
      await admin.api.post('/api/imports', { object: 'lead', csvBase64: csv.toString('base64'), fileName: 'seed.csv' });
      for (let i = 0; i < OWN_ACCOUNTS; i += 1) {
        const account = await admin.api.post<{ id: number }>('/api/accounts', { ...data.account(), name: data.tagged(`${data.cjk.company.name()} ${i}`) });
        await admin.api.post('/api/contacts', { ...data.contact({ firstName: data.cjk.person.firstName() }), accountId: account.id });
      }
    });

    const leadList = admin.at(LeadListPage);
    const leadFile = await admin.step('exports the leads of this test that are New, from the searched and filtered list', async () => {
      await leadList.open();
      await leadList.table.searchBar.search(data.tag, { Status: 'New' });
      return leadList.exportCsv();
    });
    const leadsBefore = await admin.api.listAll<Row>('leads', { q: data.tag });
    const exportedLeads = readCsv(leadFile);
    expect(exportedLeads.rows, 'the filtered export holds every lead of the list').toHaveLength(leads.length);
    expect(cellsOf(exportedLeads), 'the exported leads equal the API field for field').toEqual(sorted(leadsBefore.map((l) => [l.firstName!, l.lastName!, l.company!, l.email!, l.phone!, l.source!, l.status!, 'admin'])));

    const leadCounts = await admin.step('imports the lead export again, updating existing leads', () => reimport(admin, 'Leads', 'leads-export.csv', leadFile));
    expect(leadCounts, 'every exported lead matches its record exactly: all skipped as "No changes"').toEqual({ rows: leads.length, created: 0, updated: 0, skipped: leads.length, rejected: 0 });
    expect(await admin.api.listAll<Row>('leads', { q: data.tag }), 'no lead changed').toEqual(leadsBefore);

    const accountList = admin.at(AccountListPage);
    const accountFile = await admin.step('exports the whole accounts list', async () => {
      await accountList.open();
      return accountList.exportCsv();
    });
    const accountsBefore = await admin.api.listAll<Row>('accounts');
    const usernameOf = new Map((await admin.api.listAll<Row>('users')).map((u) => [String(u.id), u.username!]));
    const exportedAccounts = readCsv(accountFile);
    expect(exportedAccounts.rows.filter((r) => r.byHeader.Name?.includes(data.tag)), `this test's ${OWN_ACCOUNTS} accounts are among them`).toHaveLength(OWN_ACCOUNTS);
    expect(cellsOf(exportedAccounts), 'the unfiltered export holds every account, field for field as the API gives it').toEqual(
      sorted(accountsBefore.map((a) => [a.name!, a.industry!, a.website!, a.phone!, a.billingCity!, a.billingCountry!, usernameOf.get(String(a.ownerId))!])),
    );
    const accountCounts = await admin.step('imports the accounts export again, updating existing accounts', () => reimport(admin, 'Accounts', 'accounts-export.csv', accountFile));
    expect(accountCounts, 'every exported account matches its record exactly').toEqual({ rows: accountsBefore.length, created: 0, updated: 0, skipped: accountsBefore.length, rejected: 0 });

    const contactList = admin.at(ContactListPage);
    const contactFile = await admin.step('exports the contacts of this test from the searched list', async () => {
      await contactList.open();
      await contactList.search(data.tag);
      return contactList.exportCsv();
    });
    const contactsBefore = await admin.api.listAll<Row>('contacts', { q: data.tag });
    const exportedContacts = readCsv(contactFile);
    expect(cellsOf(exportedContacts), 'the exported contacts equal the API field for field').toEqual(sorted(contactsBefore.map((c) => [c.firstName!, c.lastName!, c.email!, c.phone!, c.title!, c.accountName!, 'admin'])));
    const contactCounts = await admin.step('imports the contacts export again, updating existing contacts', () => reimport(admin, 'Contacts', 'contacts-export.csv', contactFile));
    expect(contactCounts, 'every exported contact matches its record exactly').toEqual({ rows: contactsBefore.length, created: 0, updated: 0, skipped: contactsBefore.length, rejected: 0 });
    expect(await admin.api.listAll<Row>('contacts', { q: data.tag }), 'no contact changed').toEqual(contactsBefore);
  });
});
