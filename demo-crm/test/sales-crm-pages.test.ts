import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEEDED_PASSWORDS } from '../src/modules/core-admin/seed-users.js';
import {
  BrowserSession, createLead, createOpportunity, expectStatus, fieldText, leadInput, page, qualifiedLead, startSales, submitForm, uid, type SalesActors,
} from './sales-crm-fixtures.js';

describe('sales-crm: pages follow the UI conventions', () => {
  let s: SalesActors;
  before(async () => { s = await startSales(); });
  after(async () => { await s.crm.close(); });

  const browser = (username: string) => BrowserSession.signIn(s.crm, username, SEEDED_PASSWORDS[username]!);

  test('the lead list has a captioned table, search form, labelled filters, sort links, total and pagination', async () => {
    const res = await page(s.li, '/leads?sort=company&dir=asc');
    expectStatus(res, 200);
    assert.match(res.text, /<h1>Leads<\/h1>/);
    assert.match(res.text, /<caption>Leads<\/caption>/);
    assert.match(res.text, /<form role="search"/);
    assert.match(res.text, /<label for="search-q">Search<\/label>/);
    for (const f of ['Status', 'Source', 'Owner']) assert.match(res.text, new RegExp(`<label for="filter-[a-z]+">${f}</label>`));
    assert.match(res.text, /aria-sort="ascending"><a href="[^"]*sort=company&amp;dir=desc/);
    assert.match(res.text, /data-testid="list-total">\d+ records?</);
    assert.match(res.text, /<nav aria-label="Pagination"/);
    assert.match(res.text, /<a href="\/leads\/\d+">/);
  });

  test('a rejected lead form re-renders with 400, inline errors wired by aria, and a summary', async () => {
    const res = await submitForm(s.li, '/leads/new', { firstName: 'Ola', lastName: '', company: 'X', email: 'bad', phone: '', source: 'Web' });
    expectStatus(res, 400);
    assert.match(res.text, /<div class="error-summary" role="alert">/);
    assert.match(res.text, /id="f-email" name="email" required aria-invalid="true" aria-describedby="f-email-error"/);
    assert.match(res.text, /<p class="field-error" id="f-email-error">Enter a valid email address<\/p>/);
    assert.match(res.text, /<p class="field-error" id="f-lastName-error">Enter a last name<\/p>/);
    assert.match(res.text, /value="Ola"/);
  });

  test('a duplicate email asks to confirm; "Save anyway" creates the lead with a toast', async () => {
    const existing = await createLead(s.sam);
    const fields = { ...leadInput({ email: String(existing.email).toUpperCase() }) } as Record<string, string>;
    const warn = await submitForm(s.li, '/leads/new', fields);
    expectStatus(warn, 409);
    assert.match(warn.text, /data-testid="duplicate-warning"/);
    assert.match(warn.text, new RegExp(`Lead #${existing.id} · New · owner Sam Carter`));
    assert.match(warn.text, /name="allowDuplicate" value="1"/);
    assert.match(warn.text, /<button type="submit" class="btn btn-primary">Save anyway<\/button>/);
    const { text, toast } = await (await browser('rep.li')).submitAndFollow('/leads/new', { ...fields, allowDuplicate: '1' });
    assert.equal(toast, `Lead ${fields.firstName} ${fields.lastName} created`);
    assert.match(text, /role="status" data-testid="toast"/);
  });

  test('the lead page shows fields by test id, CJK intact, and the next-status, disqualify and convert actions', async () => {
    const lead = await qualifiedLead(s.li, { firstName: '大翔 😀', lastName: '佐藤', company: '株式会社 <b>みらい</b>' });
    const res = await page(s.li, `/leads/${lead.id}`);
    assert.match(res.text, /<h1>大翔 😀 佐藤<\/h1>/);
    assert.equal(fieldText(res.text, 'email'), lead.email);
    assert.match(res.text, /data-testid="field-company">株式会社 &lt;b&gt;みらい&lt;\/b&gt;</);
    assert.match(res.text, /data-testid="status">Qualified</);
    assert.match(res.text, /<dialog id="dlg-\d+" aria-labelledby="dlg-\d+-title" class="dialog">[\s\S]*?Convert lead/);
    assert.match(res.text, /Disqualify lead/);
    assert.doesNotMatch(res.text, /Move to/);
  });

  test('disqualify and convert through the forms, then the page is read-only with links', async () => {
    const li = await browser('rep.li');
    const lead = await createLead(s.li);
    assert.equal((await li.submitAndFollow(`/leads/${lead.id}/status`, { status: 'Working' })).toast, `Lead ${lead.name} moved to Working`);
    const noReason = await submitForm(s.li, `/leads/${lead.id}/status`, { status: 'Disqualified', reason: '' });
    expectStatus(noReason, 400);
    assert.match(noReason.text, /Enter a reason for disqualifying the lead/);

    const q = await qualifiedLead(s.li);
    const { text: next, toast } = await li.submitAndFollow(`/leads/${q.id}/convert`, {
      createOpportunity: '1', opportunityName: 'Form deal', amount: '2,500.75', closeDate: '2030-04-30',
    });
    assert.equal(toast, `Lead converted: account ${q.company}, contact ${q.name}, opportunity Form deal created`);
    assert.match(next, /data-testid="read-only-notice">This lead is converted and read-only/);
    assert.equal(fieldText(next, 'convertedOpportunity'), 'Form deal');
    assert.doesNotMatch(next, /Disqualify/);
    const opp = (await s.li.get(`/api/leads/${q.id}`)).body.convertedOpportunityId;
    assert.equal((await s.li.get(`/api/opportunities/${opp}`)).body.amount, 250_075);
    expectStatus(await page(s.li, `/leads/${q.id}/edit`), 409);
  });

  test("another rep's lead page is an audited access-denied page that does not echo the record", async () => {
    const lead = await createLead(s.li, { company: `Secret ${uid()}` });
    const res = await page(s.sam, `/leads/${lead.id}`);
    expectStatus(res, 403);
    assert.match(res.text, /data-testid="access-denied"/);
    assert.doesNotMatch(res.text, new RegExp(lead.company));
    expectStatus(await page(s.sam, `/leads/${lead.id}/edit`), 403);
    expectStatus(await page(s.agent, '/leads'), 403);
  });

  test('opportunity page: probability, Move to next stage, Mark as lost dialog; board move returns to the board', async () => {
    const opp = await createOpportunity(s.li, { amount: 123_456 });
    const res = await page(s.li, `/opportunities/${opp.id}`);
    assert.equal(fieldText(res.text, 'probability'), '10%');
    assert.equal(fieldText(res.text, 'amount'), '$1,234.56');
    assert.match(res.text, />Move to Qualification</);
    assert.match(res.text, /Mark [^<]* as lost/);
    const moved = await submitForm(s.li, `/opportunities/${opp.id}/stage`, { stage: 'Qualification', returnTo: 'board' });
    expectStatus(moved, 303);
    assert.equal(moved.headers.get('location'), '/opportunities/board#stage-qualification');
    const { text: next, toast } = await (await browser('rep.li')).submitAndFollow(`/opportunities/${opp.id}/stage`, { stage: 'Closed Lost', lossReason: 'Timing' });
    assert.equal(toast, `Opportunity ${opp.name} marked as lost`);
    assert.equal(fieldText(next, 'lossReason'), 'Timing');
    assert.doesNotMatch(next, /Move to/);
  });

  test('each role sees only the sales menus it may list', async () => {
    const nav = async (client: typeof s.li) => [...(await page(client, '/')).text.matchAll(/<nav aria-label="Main"[\s\S]*?<\/nav>/g)][0]?.[0] ?? '';
    assert.match(await nav(s.li), />Leads<[\s\S]*>Opportunities<[\s\S]*>Products</);
    const finance = await nav(s.finance);
    assert.doesNotMatch(finance, />Leads</);
    assert.match(finance, />Opportunities</);
    const agent = await nav(s.agent);
    assert.match(agent, />Accounts</);
    assert.doesNotMatch(agent, />Opportunities<|>Pipeline board<|>Leads</);
  });

  test('forms for accounts, contacts and opportunities create records and show inline errors', async () => {
    const acc = await submitForm(s.sam, '/accounts/new', { name: `Form Co ${uid()}`, website: 'nope' });
    expectStatus(acc, 400);
    assert.match(acc.text, /id="f-website-error">Enter a website address/);
    const created = await submitForm(s.sam, '/accounts/new', { name: `Form Co ${uid()}`, website: 'https://form.example' });
    const accountId = Number(/\/accounts\/(\d+)/.exec(String(created.headers.get('location')))?.[1]);
    assert.ok(accountId > 0);
    const contact = await submitForm(s.sam, '/contacts/new', { firstName: 'Form', lastName: 'Person', email: 'form@person.example', accountId: String(accountId) });
    expectStatus(contact, 303);
    const badOpp = await submitForm(s.sam, '/opportunities/new', { name: 'Form opp', accountId: String(accountId), amount: 'ten', closeDate: '2030-01-01' });
    expectStatus(badOpp, 400);
    assert.match(badOpp.text, /Enter the amount in dollars/);
    const opp = await submitForm(s.sam, '/opportunities/new', { name: 'Form opp', accountId: String(accountId), amount: '99.99', closeDate: '2030-01-01' });
    expectStatus(opp, 303);
    const accountPage = await page(s.sam, `/accounts/${accountId}`);
    assert.match(accountPage.text, /Form Person/);
    assert.match(accountPage.text, /Form opp/);
  });
});
