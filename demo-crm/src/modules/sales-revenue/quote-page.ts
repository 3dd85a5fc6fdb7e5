/** The quote builder: lines, totals box, workflow actions and approval history. */
import type { FastifyRequest } from 'fastify';
import {
  actionButton, card, dateTime, detailList, errorSummary, field, formTag, html, money, pageHeader, statusBadge, type SafeHtml,
} from '../../core/html.js';
import type { AppContext } from '../../core/module.js';
import { can, canAccessRecord, type SessionUser } from '../../core/permissions.js';
import { mayDecide } from './approval-service.js';
import { LEVEL_LABEL } from './approval-rules.js';
import { formatBp } from './pricing.js';
import { quoteState } from './quote-service.js';
import {
  acceptRefusal, declineRefusal, lineEditRefusal, reviseRefusal, sendRefusal, submitRefusal,
} from './quote-workflow.js';
import { loadQuoteApprovals, loadQuoteLines, ownershipOf, type ApprovalRow, type QuoteLineRow, type QuoteRow } from './records.js';

export interface QuotePageState {
  /** field errors of the add-line form */
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** a refused action (409 / 403 field rule) shown as an alert */
  alert?: string;
}

interface ProductOption {
  id: number;
  sku: string;
  name: string;
  unit_price_cents: number;
  tax_rate_bp: number;
}

function productOptions(ctx: AppContext): ProductOption[] {
  return ctx.db.prepare('SELECT id, sku, name, unit_price_cents, tax_rate_bp FROM products WHERE active = 1 ORDER BY name').all() as ProductOption[];
}

function editLink(q: QuoteRow, l: QuoteLineRow, label: string): SafeHtml {
  return html`<a class="btn btn-secondary" href="/quotes/${q.id}/lines/${l.id}/edit">${label}</a>`;
}

function linesTable(req: FastifyRequest, ctx: AppContext, q: QuoteRow, lines: QuoteLineRow[], canEdit: boolean): SafeHtml {
  const draft = lineEditRefusal(quoteState(ctx.db, q)) === null;
  const approvedDiscountEditable = q.status === 'Approved' && ctx.faults.on('discount-editable-after-approval');
  const actionsCell = (l: QuoteLineRow): SafeHtml => {
    if (!canEdit) return html``;
    if (draft) {
      return html`${editLink(q, l, 'Edit')} ${actionButton(req, { action: `/quotes/${q.id}/lines/${l.id}/delete`, label: 'Remove', variant: 'danger' })}`;
    }
    if (q.status === 'Approved') {
      return approvedDiscountEditable
        ? editLink(q, l, 'Edit discount')
        : actionButton(req, { action: '#', label: 'Edit discount', disabled: true, disabledReason: 'The discount is locked after approval' });
    }
    return html``;
  };
  const showActions = canEdit && (draft || q.status === 'Approved');
  return html`<div class="table-wrap"><table class="data-table" data-testid="quote-lines">
    <caption>Quote lines</caption>
    <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th>
      <th scope="col" class="num">Discount</th><th scope="col" class="num">Tax rate</th><th scope="col" class="num">Net</th><th scope="col" class="num">Tax</th>
      <th scope="col" class="num">Line total</th>${showActions ? html`<th scope="col">Actions</th>` : ''}</tr></thead>
    <tbody>${lines.length
      ? lines.map((l) => html`<tr data-line-id="${l.id}">
        <th scope="row">${l.product_name}</th><td>${l.product_sku}</td>
        <td class="num" data-testid="line-quantity">${l.quantity}</td>
        <td class="num" data-testid="line-unit-price">${money(l.unit_price_cents)}</td>
        <td class="num" data-testid="line-discount">${formatBp(l.discount_bp)}%</td>
        <td class="num">${formatBp(l.tax_rate_bp)}%</td>
        <td class="num" data-testid="line-net">${money(l.net_cents)}</td>
        <td class="num" data-testid="line-tax">${money(l.tax_cents)}</td>
        <td class="num" data-testid="line-total">${money(l.total_cents)}</td>
        ${showActions ? html`<td class="row-actions">${actionsCell(l)}</td>` : ''}</tr>`)
      : html`<tr><td colspan="${showActions ? 10 : 9}" class="empty">No lines yet</td></tr>`}</tbody>
  </table></div>`;
}

function totalsBox(q: QuoteRow): SafeHtml {
  return html`<section class="card totals" aria-label="Totals"><h2>Totals</h2><dl class="metrics">
    <div class="metric"><dt>Subtotal</dt><dd data-testid="quote-subtotal">${money(q.subtotal_cents)}</dd></div>
    <div class="metric"><dt>Tax</dt><dd data-testid="quote-tax">${money(q.tax_cents)}</dd></div>
    <div class="metric"><dt>Grand total</dt><dd data-testid="quote-grand-total">${money(q.grand_total_cents)}</dd></div>
  </dl></section>`;
}

function addLineForm(req: FastifyRequest, ctx: AppContext, q: QuoteRow, s: QuotePageState): SafeHtml {
  const v = s.values ?? {};
  const options = [{ value: '', label: 'Choose a product…' }].concat(
    productOptions(ctx).map((p) => ({
      value: String(p.id),
      label: `${p.name} (${p.sku}) — ${money(p.unit_price_cents)}, tax ${formatBp(p.tax_rate_bp)}%`,
    })),
  );
  const body = html`${errorSummary(s.errors)}<div class="grid-2">
    ${field({ name: 'productId', label: 'Product', type: 'select', options, value: v.productId ?? '', error: s.errors?.productId, required: true })}
    ${field({ name: 'quantity', label: 'Quantity', type: 'number', min: '1', max: '1000000', step: '1', value: v.quantity ?? '1', error: s.errors?.quantity, required: true })}
    ${field({ name: 'discountPercent', label: 'Discount %', value: v.discountPercent ?? '0', error: s.errors?.discountPercent, hint: '0–100, up to 2 decimals. Above 10% needs approval.' })}
    ${field({ name: 'unitPrice', label: 'Unit price ($)', value: v.unitPrice ?? '', error: s.errors?.unitPrice, hint: 'Leave blank to use the price book price.' })}
  </div>`;
  return card('Add line', formTag(req, { action: `/quotes/${q.id}/lines`, body, submitLabel: 'Add line', label: 'Add line', once: true }));
}

function approvalHistory(approvals: ApprovalRow[]): SafeHtml {
  if (approvals.length === 0) return html``;
  return html`<div class="table-wrap"><table class="data-table"><caption>Approval history</caption>
    <thead><tr><th scope="col">Requested</th><th scope="col">By</th><th scope="col">Needs</th><th scope="col" class="num">Max discount</th>
      <th scope="col">Decision</th><th scope="col">Decided by</th><th scope="col">Comment</th></tr></thead>
    <tbody>${approvals.map((a) => html`<tr><td>${dateTime(a.requested_at)}</td><td>${a.requested_by_name}</td><td>${LEVEL_LABEL[a.level]}</td>
      <td class="num">${formatBp(a.max_discount_bp)}%</td><td>${statusBadge(a.status, 'approval-status')}</td><td>${a.decided_by_name ?? ''}</td><td>${a.comment ?? ''}</td></tr>`)}</tbody>
  </table></div>`;
}

function workflowActions(req: FastifyRequest, ctx: AppContext, user: SessionUser, q: QuoteRow, approvals: ApprovalRow[]): SafeHtml {
  const state = quoteState(ctx.db, q);
  const canEdit = canAccessRecord(user, 'quote', 'edit', ownershipOf(q));
  const parts: SafeHtml[] = [];
  const button = (path: string, label: string, refusal: string | null, variant: 'primary' | 'secondary' | 'danger' = 'secondary') =>
    actionButton(req, { action: `/quotes/${q.id}/${path}`, label, variant, disabled: refusal !== null, disabledReason: refusal ?? undefined });
  if (canEdit) {
    if (q.status === 'Draft') {
      if (q.approval_level !== 'none') parts.push(button('submit', 'Submit for approval', submitRefusal(state), 'primary'));
      parts.push(button('send', 'Send', sendRefusal(state), q.approval_level === 'none' ? 'primary' : 'secondary'));
    }
    if (q.status === 'Pending approval' || q.status === 'Approved') {
      parts.push(button('send', 'Send', sendRefusal(state, { allowSendWhilePending: ctx.faults.on('quote-send-while-pending') }), 'primary'));
      parts.push(button('revise', 'Reopen for editing', reviseRefusal(state)));
    }
    if (q.status === 'Sent') {
      parts.push(button('accept', 'Mark accepted', acceptRefusal(state), 'primary'));
      parts.push(button('decline', 'Mark declined', declineRefusal(state), 'danger'));
    }
  }
  const pending = approvals.find((a) => a.status === 'Pending');
  if (pending && can(user, 'approval', 'approve') && canAccessRecord(user, 'approval', 'approve', ownershipOf(pending)) && mayDecide(ctx, user, pending)) {
    parts.push(decisionButtons(req, pending, `/quotes/${q.id}`));
  }
  return html`${parts}`;
}

/** Approve / Reject dialogs for one pending request (inbox rows and the quote page). */
export function decisionButtons(req: FastifyRequest, a: ApprovalRow, returnTo: string): SafeHtml {
  const cId = `approve-${a.id}-comment`;
  const rId = `reject-${a.id}-comment`;
  return html`${actionButton(req, {
    action: `/approvals/${a.id}/approve`, label: 'Approve', variant: 'primary', fields: { returnTo },
    dialog: {
      title: `Approve quote ${a.quote_number}`,
      body: html`<p>${a.opportunity_name} · ${money(a.grand_total_cents)} · max discount ${formatBp(a.max_discount_bp)}%</p>
        <div class="field"><label for="${cId}">Comment</label><textarea id="${cId}" name="comment" rows="3" maxlength="2000"></textarea></div>`,
    },
  })} ${actionButton(req, {
    action: `/approvals/${a.id}/reject`, label: 'Reject', variant: 'danger', fields: { returnTo },
    dialog: {
      title: `Reject quote ${a.quote_number}`,
      body: html`<p>The quote goes back to Draft with your comment.</p>
        <div class="field"><label for="${rId}">Comment<span class="req" aria-hidden="true"> *</span></label><textarea id="${rId}" name="comment" rows="3" maxlength="2000" required></textarea></div>`,
    },
  })}`;
}

export function quotePageBody(req: FastifyRequest, ctx: AppContext, user: SessionUser, q: QuoteRow, s: QuotePageState = {}): SafeHtml {
  const lines = loadQuoteLines(ctx.db, q.id);
  const approvals = loadQuoteApprovals(ctx.db, q.id);
  const canEdit = canAccessRecord(user, 'quote', 'edit', ownershipOf(q));
  const order = ctx.db.prepare('SELECT id, number FROM orders WHERE quote_id = ?').get(q.id) as { id: number; number: string } | undefined;
  const subtitle = html`<a href="/opportunities/${q.opportunity_id}">${q.opportunity_name}</a> · ${q.account_name}`;
  const rejection = q.status === 'Draft' && q.rejection_comment
    ? html`<div class="message" role="note" data-testid="rejection-comment"><strong>Approval rejected:</strong> ${q.rejection_comment}</div>`
    : html``;
  return html`${pageHeader(`Quote ${q.number}`, workflowActions(req, ctx, user, q, approvals), subtitle)}
    ${s.alert ? html`<div class="error-summary" role="alert" data-testid="action-error"><p>${s.alert}</p></div>` : ''}
    <p>${statusBadge(q.status)}</p>
    ${rejection}
    ${card('Details', detailList([
      { key: 'number', label: 'Quote number', value: q.number },
      { key: 'opportunity', label: 'Opportunity', value: html`<a href="/opportunities/${q.opportunity_id}">${q.opportunity_name}</a>` },
      { key: 'account', label: 'Account', value: q.account_name },
      { key: 'owner', label: 'Owner', value: q.owner_name },
      { key: 'maxDiscount', label: 'Largest discount', value: `${formatBp(q.max_discount_bp)}%` },
      { key: 'approvalLevel', label: 'Approval needed', value: LEVEL_LABEL[q.approval_level] },
      { key: 'approvedBy', label: 'Approved by', value: q.approved_by_name ?? '—' },
      { key: 'rejectionComment', label: 'Rejection comment', value: q.rejection_comment ?? '—' },
      { key: 'order', label: 'Order', value: order ? html`<a href="/orders/${order.id}">${order.number}</a>` : '—' },
    ]))}
    ${linesTable(req, ctx, q, lines, canEdit)}
    ${totalsBox(q)}
    ${canEdit && q.status === 'Draft' ? addLineForm(req, ctx, q, s) : ''}
    ${approvalHistory(approvals)}`;
}

export interface LineFormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  alert?: string;
}

/**
 * Editing one line: quantity and discount while Draft; on an Approved quote only the discount field
 * exists, and only when the discount-editable-after-approval defect lets it through.
 */
export function lineEditBody(req: FastifyRequest, ctx: AppContext, q: QuoteRow, l: QuoteLineRow, s: LineFormState = {}): SafeHtml {
  const draft = q.status === 'Draft';
  const v = s.values ?? {};
  const body = html`${errorSummary(s.errors)}<div class="grid-2">
    ${draft ? field({ name: 'quantity', label: 'Quantity', type: 'number', min: '1', max: '1000000', step: '1', value: v.quantity ?? String(l.quantity), error: s.errors?.quantity, required: true }) : ''}
    ${field({ name: 'discountPercent', label: 'Discount %', value: v.discountPercent ?? formatBp(l.discount_bp), error: s.errors?.discountPercent, required: true, hint: '0–100, up to 2 decimals. Above 10% needs approval.' })}
  </div>`;
  const editable = draft || (q.status === 'Approved' && ctx.faults.on('discount-editable-after-approval'));
  return html`${pageHeader(`Edit line: ${l.product_name}`, undefined, html`<a href="/quotes/${q.id}">Quote ${q.number}</a> · ${statusBadge(q.status)}`)}
    ${s.alert ? html`<div class="error-summary" role="alert" data-testid="action-error"><p>${s.alert}</p></div>` : ''}
    ${editable
      ? card('Line', formTag(req, { action: `/quotes/${q.id}/lines/${l.id}`, body, submitLabel: 'Save line', label: 'Edit line' }))
      : html`<p role="alert">Lines can only be changed while the quote is Draft (it is ${q.status}).</p>`}
    <p><a href="/quotes/${q.id}">Back to quote ${q.number}</a></p>`;
}
