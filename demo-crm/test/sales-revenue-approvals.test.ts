/** Discount approval: thresholds, routing, inbox, decisions, notifications and the locked discount. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDeal, createProduct, createQuote, expectStatus, notificationsOf, startWithActors, type Actors,
} from './sales-revenue-support.js';
import type { ApiClient } from './harness.js';

let a: Actors;
let productId: number;
before(async () => {
  a = await startWithActors();
  productId = await createProduct(a.admin, 10_000, 1000);
});
after(async () => { await a.crm.close(); });

async function quoteWithDiscount(rep: ApiClient, discountPercent: string, extraDiscounts: string[] = []): Promise<any> {
  const deal = await createDeal(rep);
  return createQuote(rep, deal.opportunityId, [discountPercent, ...extraDiscounts].map((d) => ({ productId, quantity: 1, discountPercent: d })));
}

async function submitted(rep: ApiClient, discountPercent: string): Promise<{ quote: any; approvalId: number }> {
  const quote = await quoteWithDiscount(rep, discountPercent);
  const res = await rep.post(`/api/quotes/${quote.id}/submit`);
  expectStatus(res, 200);
  assert.equal(res.body.status, 'Pending approval');
  const pending = res.body.approvals.find((x: any) => x.status === 'Pending');
  return { quote: res.body, approvalId: pending.id };
}

describe('approval level by the largest line discount', () => {
  test('exactly 10.00% needs none, 10.01% a sales manager, 30.00% a sales manager, 30.01% an admin', async () => {
    const cases: [string, string][] = [['0', 'none'], ['10', 'none'], ['10.00', 'none'], ['10.01', 'manager'], ['30', 'manager'], ['30.01', 'admin'], ['100', 'admin']];
    for (const [discount, level] of cases) {
      const q = await quoteWithDiscount(a.li, discount);
      assert.equal(q.approvalLevel, level, `discount ${discount}%`);
    }
  });

  test('the largest line decides, not the average', async () => {
    const q = await quoteWithDiscount(a.li, '5', ['31', '0']);
    assert.equal(q.maxDiscountBp, 3100);
    assert.equal(q.approvalLevel, 'admin');
  });

  test('a Draft quote needing no approval is sent directly; submitting it is refused', async () => {
    const q = await quoteWithDiscount(a.li, '10');
    const submit = await a.li.post(`/api/quotes/${q.id}/submit`);
    expectStatus(submit, 409);
    assert.match(submit.body.message, /needs no approval/);
    const sent = await a.li.post(`/api/quotes/${q.id}/send`);
    expectStatus(sent, 200);
    assert.equal(sent.body.status, 'Sent');
  });

  test('a Draft quote needing approval cannot be sent before it is submitted', async () => {
    const q = await quoteWithDiscount(a.li, '10.01');
    const res = await a.li.post(`/api/quotes/${q.id}/send`);
    expectStatus(res, 409);
    assert.match(res.body.message, /submit it for approval first/);
  });

  test('a quote without lines can be neither sent nor submitted', async () => {
    const q = await createQuote(a.li, (await createDeal(a.li)).opportunityId);
    expectStatus(await a.li.post(`/api/quotes/${q.id}/send`), 409);
    expectStatus(await a.li.post(`/api/quotes/${q.id}/submit`), 409);
  });
});

describe('pending approval', () => {
  test('a quote pending approval cannot be sent, and its lines are frozen', async () => {
    const { quote } = await submitted(a.li, '20');
    const res = await a.li.post(`/api/quotes/${quote.id}/send`);
    expectStatus(res, 409);
    assert.match(res.body.message, /pending approval cannot be sent/);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/lines`, { productId, quantity: 1 }), 409);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.status, 'Pending approval');
  });

  test('approvers are notified and find the request in the Approvals inbox', async () => {
    const { quote, approvalId } = await submitted(a.li, '25');
    const inbox = await a.manager.get('/api/approvals');
    expectStatus(inbox, 200);
    const row = inbox.body.items.find((x: any) => x.id === approvalId);
    assert.ok(row, 'the manager sees the request');
    assert.deepEqual([row.quoteNumber, row.level, row.status, row.maxDiscountPercent], [quote.number, 'manager', 'Pending', '25.00']);
    assert.ok((await notificationsOf(a.manager)).some((m) => m.startsWith(`Approval requested: quote ${quote.number}`)));
    const adminLevel = await submitted(a.li, '35');
    assert.ok((await notificationsOf(a.admin)).some((m) => m.startsWith(`Approval requested: quote ${adminLevel.quote.number}`)));
    assert.ok(!(await notificationsOf(a.manager)).some((m) => m.includes(adminLevel.quote.number)), 'admin-level requests go to admins');
  });

  test('reps have no Approvals inbox', async () => {
    expectStatus(await a.li.get('/api/approvals'), 403);
    expectStatus(await a.li.get('/approvals'), 403);
  });
});

describe('decisions', () => {
  test('a sales manager approves a 30% discount; the requester is notified; the quote can be sent', async () => {
    const { quote, approvalId } = await submitted(a.li, '30');
    const res = await a.manager.post(`/api/approvals/${approvalId}/approve`, { comment: 'Strategic account' });
    expectStatus(res, 200);
    assert.equal(res.body.status, 'Approved');
    const after = await a.li.get(`/api/quotes/${quote.id}`);
    assert.equal(after.body.status, 'Approved');
    assert.equal(after.body.approvedByName, 'Zhang Min');
    assert.ok((await notificationsOf(a.li)).some((m) => m.startsWith(`Quote ${quote.number} approved by Zhang Min`)));
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 200);
    const audit = await a.auditor.get(`/api/audit?object=quote&action=approve&recordId=${quote.id}`);
    expectStatus(audit, 200);
    assert.equal(audit.body.items.length, 1, 'the approval is audited once');
    assert.equal(audit.body.items[0].actor, 'mgr.zhang');
  });

  test('a sales manager cannot approve above 30%: 403 with a clear message, nothing changes', async () => {
    const { quote, approvalId } = await submitted(a.li, '30.01');
    const res = await a.manager.post(`/api/approvals/${approvalId}/approve`, { comment: 'please' });
    expectStatus(res, 403);
    assert.match(res.body.message, /above 30% need an admin/);
    const denied = await a.auditor.get(`/api/audit?actor=mgr.zhang&action=permission_denied&object=approval&recordId=${approvalId}`);
    assert.equal(denied.body.items.length, 1, 'the refused approval is audited');
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.status, 'Pending approval');
    const byAdmin = await a.admin.post(`/api/approvals/${approvalId}/approve`, {});
    expectStatus(byAdmin, 200);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.status, 'Approved');
  });

  test('an admin may approve a manager-level request too', async () => {
    const { approvalId } = await submitted(a.li, '15');
    expectStatus(await a.admin.post(`/api/approvals/${approvalId}/approve`, {}), 200);
  });

  test('rejecting needs a comment; a rejected quote returns to Draft with the comment shown', async () => {
    const { quote, approvalId } = await submitted(a.li, '22');
    const noComment = await a.manager.post(`/api/approvals/${approvalId}/reject`, { comment: '  ' });
    expectStatus(noComment, 400);
    assert.match(noComment.body.fields.comment, /comment/);
    const res = await a.manager.post(`/api/approvals/${approvalId}/reject`, { comment: 'Max 15% for this segment' });
    expectStatus(res, 200);
    const back = await a.li.get(`/api/quotes/${quote.id}`);
    assert.equal(back.body.status, 'Draft');
    assert.equal(back.body.rejectionComment, 'Max 15% for this segment');
    assert.ok((await notificationsOf(a.li)).some((m) => m === `Quote ${quote.number} rejected by Zhang Min: Max 15% for this segment`));
    const page = await a.li.get(`/quotes/${quote.id}`);
    assert.match(page.text, /data-testid="rejection-comment">[\s\S]*Max 15% for this segment/);
    // the rep revises and resubmits; the comment disappears with the new request
    const lineId = back.body.lines[0].id;
    expectStatus(await a.li.patch(`/api/quotes/${quote.id}/lines/${lineId}`, { discountPercent: '15' }), 200);
    const again = await a.li.post(`/api/quotes/${quote.id}/submit`);
    expectStatus(again, 200);
    assert.equal(again.body.rejectionComment, null);
    assert.equal(again.body.approvals.length, 2);
  });

  test('a decided request cannot be decided again', async () => {
    const { approvalId } = await submitted(a.li, '12');
    expectStatus(await a.manager.post(`/api/approvals/${approvalId}/approve`, {}), 200);
    const again = await a.manager.post(`/api/approvals/${approvalId}/reject`, { comment: 'changed my mind' });
    expectStatus(again, 409);
  });

  test('reps, finance and support cannot decide', async () => {
    const { approvalId } = await submitted(a.li, '12');
    for (const client of [a.li, a.sam, a.finance, a.agent, a.auditor]) {
      expectStatus(await client.post(`/api/approvals/${approvalId}/approve`, {}), 403);
    }
  });
});

describe('the approved discount is locked', () => {
  test('changing the discount of an approved quote is refused (403, audited) and nothing changes', async () => {
    const { quote, approvalId } = await submitted(a.li, '20');
    expectStatus(await a.manager.post(`/api/approvals/${approvalId}/approve`, {}), 200);
    const lineId = quote.lines[0].id;
    const res = await a.li.patch(`/api/quotes/${quote.id}/lines/${lineId}`, { discountPercent: '29' });
    expectStatus(res, 403);
    assert.match(res.body.message, /locked/);
    const after = await a.li.get(`/api/quotes/${quote.id}`);
    assert.equal(after.body.lines[0].discountBp, 2000);
    assert.equal(after.body.status, 'Approved');
    const page = await a.li.get(`/quotes/${quote.id}`);
    assert.match(page.text, /<button type="button" class="btn btn-secondary" disabled title="The discount is locked after approval">Edit discount<\/button>/);
  });

  test('reopening for editing drops the approval; a new discount needs a new approval', async () => {
    const { quote, approvalId } = await submitted(a.li, '20');
    expectStatus(await a.manager.post(`/api/approvals/${approvalId}/approve`, {}), 200);
    const reopened = await a.li.post(`/api/quotes/${quote.id}/revise`);
    expectStatus(reopened, 200);
    assert.equal(reopened.body.status, 'Draft');
    expectStatus(await a.li.patch(`/api/quotes/${quote.id}/lines/${quote.lines[0].id}`, { discountPercent: '25' }), 200);
    expectStatus(await a.li.post(`/api/quotes/${quote.id}/send`), 409);
  });
});

describe('Approvals inbox page', () => {
  test('lists pending requests with Approve and Reject dialogs', async () => {
    const { quote } = await submitted(a.li, '18');
    const page = await a.manager.get(`/approvals?q=${quote.number}`);
    expectStatus(page, 200);
    assert.match(page.text, /<h1>Approvals<\/h1>/);
    assert.match(page.text, new RegExp(`${quote.number}`));
    assert.match(page.text, /<dialog[^>]*>[\s\S]*Approve quote/);
    assert.match(page.text, /Reject quote[\s\S]*<textarea[^>]*name="comment"[^>]*required/);
  });

  test('a form reject without a comment re-renders the inbox with the message', async () => {
    const { quote, approvalId } = await submitted(a.li, '18');
    const form = new URLSearchParams({ _csrf: a.manager.csrfToken, comment: '', returnTo: '/approvals' }).toString();
    const res = await a.manager.request('POST', `/approvals/${approvalId}/reject`, form, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expectStatus(res, 400);
    assert.match(res.text, /role="alert"[\s\S]*Enter a comment explaining the rejection/);
    assert.equal((await a.li.get(`/api/quotes/${quote.id}`)).body.status, 'Pending approval');
  });
});
