import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { startCrm, type TestCrm } from './harness.js';
import { BrowserLike, count, csvText, fieldValue, LEAD_HEADER, leadRow, readCsv, uid } from './dataio-support.js';

describe('dataio: the import wizard pages (upload → map → validate → import → result)', () => {
  let crm: TestCrm;
  let manager: BrowserLike;
  let admin: BrowserLike;
  before(async () => {
    crm = await startCrm();
    [manager, admin] = await Promise.all([BrowserLike.signIn(crm, 'mgr.zhang'), BrowserLike.signIn(crm, 'admin')]);
  });
  after(async () => { await crm.close(); });

  const upload = (browser: BrowserLike, csv: Buffer, name = `leads-${uid()}.csv`, o: { csrf?: boolean } = {}) =>
    browser.postMultipart('/imports', { object: 'lead' }, { name, bytes: csv }, o);

  test('the upload form is a labelled multipart form whose action carries the CSRF token', async () => {
    const page = await manager.get('/imports/new');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>New import<\/h1>/);
    assert.match(page.text, /Step 1 of 4: Upload/);
    assert.match(page.text, new RegExp(`<form class="form" method="post" action="/imports\\?_csrf=${manager.csrfToken}" enctype="multipart/form-data"`));
    assert.match(page.text, /<label for="f-object">What to import/);
    assert.match(page.text, /<label for="f-file">CSV file/);
    assert.match(page.text, /<input type="file" id="f-file" name="file" required aria-describedby="f-file-hint" value="" accept=".csv,text\/csv">/);
    assert.match(page.text, /href="\/imports\/templates\/leads.csv"/);
  });

  test('a multipart upload without the CSRF token is refused and stores nothing', async () => {
    const before = count(crm, 'SELECT COUNT(*) FROM imports');
    const res = await upload(manager, Buffer.from(csvText(LEAD_HEADER, [leadRow()])), 'x.csv', { csrf: false });
    assert.equal(res.status, 403);
    assert.equal(count(crm, 'SELECT COUNT(*) FROM imports'), before);
  });

  test('a bad file re-renders the upload form with 400 and the reason on the file field', async () => {
    const res = await upload(manager, Buffer.from('First name\r\n'));
    assert.equal(res.status, 400);
    assert.match(res.text, /<div class="error-summary" role="alert">/);
    assert.match(res.text, /<p class="field-error" id="f-file-error">The file has a header row but no data rows<\/p>/);
  });

  test('a GBK file goes through every step; the result counts and the rejected-rows download agree', async () => {
    const good = [leadRow({ firstName: '伟', lastName: '李', company: '深圳华强' }), leadRow()];
    const bad = leadRow({ email: 'bad@' });
    const csv = iconv.encode(csvText(['Given', ...LEAD_HEADER.slice(1)], [...good, bad], { bom: false }), 'gbk');
    const mapping = await manager.follow(await upload(manager, csv));
    assert.equal(mapping.status, 200);
    assert.match(mapping.text, /Step 2 of 4: Map columns/);
    assert.match(mapping.text, /data-testid="upload-summary">leads-[0-9a-f]+\.csv · 3 rows · GBK \(Simplified Chinese\)</);
    assert.match(mapping.text, /<caption>Preview: first 3 of 3 rows in leads-[0-9a-f]+\.csv<\/caption>/);
    assert.match(mapping.text, /<th scope="col">Given<\/th>/);
    assert.match(mapping.text, /<td>深圳华强<\/td>/);
    // "Given" is not a known header, so First name starts unmapped; Company was recognised
    assert.match(mapping.text, /<label for="f-map_firstName">First name \(required\)[\s\S]*?<option value="" selected>/);
    assert.match(mapping.text, /<select id="f-map_company" name="map_company"[^>]*>[\s\S]*?<option value="2" selected>3\. Company<\/option>/);

    const id = /action="\/imports\/(\d+)\/mapping"/.exec(mapping.text)?.[1];
    assert.ok(id);
    const fields = (firstName: string) => ({
      map_firstName: firstName, map_lastName: '1', map_company: '2', map_email: '3', map_phone: '4', map_source: '5', map_status: '6', map_owner: '7', mode: 'create',
    });
    const missing = await manager.postForm(`/imports/${id}/mapping`, fields(''));
    assert.equal(missing.status, 400);
    assert.match(missing.text, /<select id="f-map_firstName" name="map_firstName" aria-invalid="true" aria-describedby="f-map_firstName-error/);
    assert.match(missing.text, /<li><a href="#f-map_firstName">Choose the column for First name \(required\)<\/a><\/li>/);

    const review = await manager.follow(await manager.postForm(`/imports/${id}/mapping`, fields('0')));
    assert.match(review.text, /Step 3 of 4: Validate/);
    assert.deepEqual(['rows', 'create', 'update', 'skip', 'reject'].map((k) => fieldValue(review.text, k)), ['3', '2', '0', '0', '1']);
    assert.match(review.text, /<caption>Rows that will be rejected \(1\)<\/caption>[\s\S]*?<td>4<\/td><td>Email: Enter a valid email address<\/td>/);
    assert.match(review.text, /<button type="submit" class="btn btn-primary">Import 2 rows<\/button>/);
    assert.equal(count(crm, 'SELECT COUNT(*) FROM leads WHERE email = ?', good[0]?.[3]), 0, 'validation writes nothing');

    const ran = await manager.postForm(`/imports/${id}/run`, {});
    assert.equal(ran.status, 303);
    const result = await manager.follow(ran);
    assert.match(result.text, /data-testid="toast"><span>Import finished: 2 created, 0 updated, 0 skipped, 1 rejected<\/span>/);
    assert.match(result.text, /Step 4 of 4: Result/);
    assert.deepEqual(['created', 'updated', 'skipped', 'rejected', 'encoding'].map((k) => fieldValue(result.text, k)), ['2', '0', '0', '1', 'GBK (Simplified Chinese)']);
    assert.equal(count(crm, "SELECT COUNT(*) FROM leads WHERE first_name = '伟' AND last_name = '李' AND company = '深圳华强'"), 1);
    const download = /href="(\/imports\/\d+\/rejected\.csv)" download data-testid="download-rejected"/.exec(result.text)?.[1];
    assert.ok(download);
    const rejected = readCsv((await manager.get(download)).text);
    assert.deepEqual(rejected, [['Line', 'Reason', 'Given', ...LEAD_HEADER.slice(1)], ['4', 'Email: Enter a valid email address', ...bad]]);

    const rerun = await manager.postForm(`/imports/${id}/run`, {});
    assert.equal(rerun.status, 409, 'an import runs once');
    const list = await manager.get('/imports');
    assert.match(list.text, /<caption>Imports<\/caption>/);
    assert.match(list.text, new RegExp(`<a href="/imports/${id}">#${id} leads-`));
  });

  test('only the uploader may continue an upload; the admin sees its state but cannot run it', async () => {
    const mapping = await manager.follow(await upload(manager, Buffer.from(csvText(LEAD_HEADER, [leadRow()]))));
    const id = /action="\/imports\/(\d+)\/mapping"/.exec(mapping.text)?.[1];
    assert.equal((await admin.get(`/imports/${id}/mapping`)).status, 403);
    assert.equal((await admin.postForm(`/imports/${id}/run`, {})).status, 403);
    const page = await admin.get(`/imports/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="status">Uploaded</);
  });

  test('an exported CSV header maps itself: every field is pre-selected', async () => {
    const mapping = await manager.follow(await upload(manager, Buffer.from(csvText(LEAD_HEADER, [leadRow()]))));
    LEAD_HEADER.forEach((h, i) => assert.match(mapping.text, new RegExp(`<option value="${i}" selected>${i + 1}\\. ${h}</option>`)));
  });
});
