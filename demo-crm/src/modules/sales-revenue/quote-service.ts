/**
 * Quotes: creation on an open opportunity, lines, pricing and the status workflow up to acceptance.
 * Every multi-row write is one transaction; a thrown error rolls all of it back.
 */
import type { FastifyRequest } from 'fastify';
import type { Database } from 'better-sqlite3';
import { audit, diffChanges } from '../../core/audit.js';
import { crashPoint } from '../../core/crash-point.js';
import { claimSubmission } from '../../core/submissions.js';
import { authorize, authorizeRecord } from '../../core/auth.js';
import { nowIso } from '../../core/clock.js';
import type { AppContext } from '../../core/module.js';
import { conflict, HttpError, notFound, ValidationError } from '../../core/http.js';
import type { SessionUser } from '../../core/permissions.js';
import { closeOpportunityWon } from '../sales-crm/opportunity-close.js';
import {
  approvalLevelFor, FAULTY_NO_APPROVAL_MAX_BP, NO_APPROVAL_MAX_BP, OPEN_QUOTE_STATUSES, type QuoteStatus,
} from './approval-rules.js';
import { documentNumber } from './invoice-rules.js';
import { formatBp, MAX_AMOUNT_CENTS, priceQuote, toCents, withinAmountLimit, type PricingOptions } from './pricing.js';
import {
  loadQuote, loadQuoteLines, nextSeq, ownershipOf, type QuoteLineRow, type QuoteRow,
} from './records.js';
import type { AddLineInput, UpdateLineInput } from './schemas.js';
import {
  acceptRefusal, declineRefusal, isOpenOpportunityStage, lineEditRefusal, reviseRefusal, sendRefusal, submitRefusal,
  type QuoteState,
} from './quote-workflow.js';
import { notifyApprovers } from './notices.js';
import { money } from '../../core/html.js';

export function pricingOptions(ctx: AppContext): PricingOptions {
  return {
    truncateLines: ctx.faults.on('quote-line-rounding-truncates'),
    taxOnGross: ctx.faults.on('quote-tax-on-gross'),
  };
}

export function noApprovalMaxBp(ctx: AppContext): number {
  return ctx.faults.on('approval-threshold-20') ? FAULTY_NO_APPROVAL_MAX_BP : NO_APPROVAL_MAX_BP;
}

export function quoteState(db: Database, q: QuoteRow): QuoteState {
  const lineCount = (db.prepare('SELECT COUNT(*) AS n FROM quote_lines WHERE quote_id = ?').get(q.id) as { n: number }).n;
  return {
    status: q.status, approvalLevel: q.approval_level, maxDiscountBp: q.max_discount_bp, lineCount,
    opportunityStage: q.opportunity_stage,
  };
}

function refuseIf(reason: string | null): void {
  if (reason) conflict(reason);
}

/** Role check first (403 whether or not the quote exists), then 404, then ownership. */
export function authorizedQuote(req: FastifyRequest, ctx: AppContext, id: number, action: 'view' | 'edit'): { user: SessionUser; quote: QuoteRow } {
  authorize(req, 'quote', action);
  const quote = loadQuote(ctx.db, id);
  const user = authorizeRecord(req, 'quote', action, ownershipOf(quote), id);
  return { user, quote };
}

interface OpportunityFacts {
  id: number;
  name: string;
  stage: string;
  owner_id: number;
  owner_team: string | null;
  account_id: number;
}

export function createQuote(req: FastifyRequest, ctx: AppContext, opportunityId: number): QuoteRow {
  authorize(req, 'quote', 'create');
  const opp = ctx.db
    .prepare(`SELECT op.id, op.name, op.stage, op.owner_id, u.team AS owner_team, op.account_id
              FROM opportunities op JOIN users u ON u.id = op.owner_id WHERE op.id = ?`)
    .get(opportunityId) as OpportunityFacts | undefined;
  if (!opp) notFound('Opportunity not found');
  const user = authorizeRecord(req, 'quote', 'create', { ownerId: opp.owner_id, ownerTeam: opp.owner_team }, `opportunity:${opp.id}`);
  if (!isOpenOpportunityStage(opp.stage)) conflict(`Quotes can only be created on an open opportunity; this one is ${opp.stage}`);
  const at = nowIso(req);
  const id = ctx.db.transaction(() => {
    const seq = nextSeq(ctx.db, 'quotes');
    const number = documentNumber('Q', seq);
    const info = ctx.db
      .prepare(`INSERT INTO quotes (seq, number, opportunity_id, status, created_by, created_at, updated_at)
                VALUES (?, ?, ?, 'Draft', ?, ?, ?)`)
      .run(seq, number, opp.id, user.id, at, at);
    const quoteId = Number(info.lastInsertRowid);
    audit(req, { action: 'create', object: 'quote', recordId: quoteId, summary: `${number} on opportunity "${opp.name}"` });
    return quoteId;
  })();
  return loadQuote(ctx.db, id);
}

/**
 * Recomputes every line and the quote totals from the stored quantities, prices and rates, under the
 * current pricing switches. Refuses (400, field `quantity`) when an amount would exceed what the CRM
 * stores exactly; the caller's transaction then rolls the change back.
 */
export function repriceQuote(ctx: AppContext, quoteId: number, at: string): void {
  const lines = loadQuoteLines(ctx.db, quoteId);
  const amounts = priceQuote(
    lines.map((l) => ({ quantity: l.quantity, unitPriceCents: l.unit_price_cents, discountBp: l.discount_bp, taxRateBp: l.tax_rate_bp })),
    pricingOptions(ctx),
  );
  if (!withinAmountLimit(amounts)) {
    throw new ValidationError({
      quantity: `This change would take the quote above ${money(MAX_AMOUNT_CENTS)}, the largest amount the CRM stores exactly`,
    });
  }
  const updateLine = ctx.db.prepare('UPDATE quote_lines SET net_cents = ?, tax_cents = ?, total_cents = ? WHERE id = ?');
  lines.forEach((l, i) => {
    const a = amounts.lines[i];
    if (a) updateLine.run(toCents(a.netCents), toCents(a.taxCents), toCents(a.totalCents), l.id);
  });
  ctx.db
    .prepare(`UPDATE quotes SET subtotal_cents = ?, tax_cents = ?, grand_total_cents = ?, max_discount_bp = ?, approval_level = ?,
              updated_at = ? WHERE id = ?`)
    .run(
      toCents(amounts.subtotalCents), toCents(amounts.taxCents), toCents(amounts.grandTotalCents), amounts.maxDiscountBp,
      approvalLevelFor(amounts.maxDiscountBp, noApprovalMaxBp(ctx)), at, quoteId,
    );
}

interface ProductFacts {
  id: number;
  sku: string;
  name: string;
  unit_price_cents: number;
  tax_rate_bp: number;
  active: number;
}

export function addLine(req: FastifyRequest, ctx: AppContext, quoteId: number, input: AddLineInput): QuoteLineRow {
  const { quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  refuseIf(lineEditRefusal(quoteState(ctx.db, quote)));
  const product = ctx.db.prepare('SELECT id, sku, name, unit_price_cents, tax_rate_bp, active FROM products WHERE id = ?').get(input.productId) as
    | ProductFacts
    | undefined;
  if (!product || product.active !== 1) throw new ValidationError({ productId: 'Choose an active product from the price book' });
  const at = nowIso(req);
  const unitPrice = input.unitPriceCents ?? product.unit_price_cents;
  const write = () => {
    const info = ctx.db
      .prepare(`INSERT INTO quote_lines (quote_id, product_id, product_sku, product_name, quantity, unit_price_cents, discount_bp,
                tax_rate_bp, net_cents, tax_cents, total_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`)
      .run(quote.id, product.id, product.sku, product.name, input.quantity, unitPrice, input.discountPercent, product.tax_rate_bp, at);
    crashPoint(req, 'quote-line');
    repriceQuote(ctx, quote.id, at);
    audit(req, {
      action: 'update', object: 'quote', recordId: quote.id,
      summary: `${quote.number}: added line ${product.sku} × ${input.quantity} at ${money(unitPrice)}, discount ${formatBp(input.discountPercent)}%`,
    });
    claimSubmission(req, `/quotes/${quote.id}`);
    return Number(info.lastInsertRowid);
  };
  // Defect switch quote-line-split-write: no transaction, so the line is committed before the totals.
  const lineId = (ctx.faults.on('quote-line-split-write') ? write : ctx.db.transaction(write))();
  return ctx.db.prepare('SELECT * FROM quote_lines WHERE id = ?').get(lineId) as QuoteLineRow;
}

function loadLine(ctx: AppContext, quoteId: number, lineId: number): QuoteLineRow {
  const line = ctx.db.prepare('SELECT * FROM quote_lines WHERE id = ? AND quote_id = ?').get(lineId, quoteId) as QuoteLineRow | undefined;
  return line ?? notFound('Quote line not found');
}

/**
 * Field rule: once a quote is approved nobody changes its discount (the approval was given for it);
 * the attempt is a 403 with an audit entry. Defect switch discount-editable-after-approval lets the
 * new discount through while the quote stays Approved.
 */
export function updateLine(req: FastifyRequest, ctx: AppContext, quoteId: number, lineId: number, input: UpdateLineInput): QuoteLineRow {
  const { quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  const line = loadLine(ctx, quote.id, lineId);
  const discountChanges = input.discountPercent !== undefined && input.discountPercent !== line.discount_bp;
  const otherChanges =
    (input.quantity !== undefined && input.quantity !== line.quantity) ||
    (input.unitPriceCents !== undefined && input.unitPriceCents !== line.unit_price_cents);
  const approvedDiscountEdit = quote.status === 'Approved' && discountChanges && !otherChanges;
  if (approvedDiscountEdit && !ctx.faults.on('discount-editable-after-approval')) {
    audit(req, { action: 'permission_denied', object: 'quote', recordId: quote.id, summary: `${quote.number}: discount is locked after approval` });
    throw new HttpError(403, {
      error: 'forbidden', field: 'discountPercent',
      message: 'The discount of an approved quote is locked; reopen the quote for editing and submit it for approval again',
    });
  }
  if (!approvedDiscountEdit) refuseIf(lineEditRefusal(quoteState(ctx.db, quote)));
  const at = nowIso(req);
  const after = {
    quantity: input.quantity ?? line.quantity,
    unit_price_cents: input.unitPriceCents ?? line.unit_price_cents,
    discount_bp: input.discountPercent ?? line.discount_bp,
  };
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE quote_lines SET quantity = ?, unit_price_cents = ?, discount_bp = ? WHERE id = ?').run(
      after.quantity, after.unit_price_cents, after.discount_bp, line.id,
    );
    repriceQuote(ctx, quote.id, at);
    audit(req, {
      action: 'update', object: 'quote', recordId: quote.id, summary: `${quote.number}: changed line ${line.product_sku}`,
      changes: diffChanges(line as unknown as Record<string, unknown>, after),
    });
  })();
  return loadLine(ctx, quote.id, line.id);
}

export function removeLine(req: FastifyRequest, ctx: AppContext, quoteId: number, lineId: number): void {
  const { quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  // Defect switch quote-line-remove-unguarded: the removal forgets the Draft-only rule the edits keep.
  if (!ctx.faults.on('quote-line-remove-unguarded')) refuseIf(lineEditRefusal(quoteState(ctx.db, quote)));
  const line = loadLine(ctx, quote.id, lineId);
  const at = nowIso(req);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM quote_lines WHERE id = ?').run(line.id);
    repriceQuote(ctx, quote.id, at);
    audit(req, { action: 'update', object: 'quote', recordId: quote.id, summary: `${quote.number}: removed line ${line.product_sku} × ${line.quantity}` });
  })();
}

function setStatus(req: FastifyRequest, ctx: AppContext, quote: QuoteRow, to: QuoteStatus, extraSql = '', extraParams: unknown[] = []): void {
  ctx.db.prepare(`UPDATE quotes SET status = ?, updated_at = ?${extraSql} WHERE id = ?`).run(to, nowIso(req), ...extraParams, quote.id);
  audit(req, { action: 'update', object: 'quote', recordId: quote.id, summary: `${quote.number}: ${quote.status} → ${to}`, changes: { status: { from: quote.status, to } } });
}

export function submitQuote(req: FastifyRequest, ctx: AppContext, quoteId: number): QuoteRow {
  const { user, quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  refuseIf(submitRefusal(quoteState(ctx.db, quote)));
  const at = nowIso(req);
  ctx.db.transaction(() => {
    setStatus(req, ctx, quote, 'Pending approval', ', rejection_comment = NULL');
    const info = ctx.db
      .prepare(`INSERT INTO approvals (quote_id, level, status, max_discount_bp, grand_total_cents, requested_by, requested_at)
                VALUES (?, ?, 'Pending', ?, ?, ?, ?)`)
      .run(quote.id, quote.approval_level, quote.max_discount_bp, quote.grand_total_cents, user.id, at);
    notifyApprovers(ctx.db, { ...quote, approvalId: Number(info.lastInsertRowid) }, at);
  })();
  return loadQuote(ctx.db, quote.id);
}

export function sendQuote(req: FastifyRequest, ctx: AppContext, quoteId: number): QuoteRow {
  const { quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  refuseIf(sendRefusal(quoteState(ctx.db, quote), { allowSendWhilePending: ctx.faults.on('quote-send-while-pending') }));
  ctx.db.transaction(() => setStatus(req, ctx, quote, 'Sent', ', sent_at = ?', [nowIso(req)]))();
  return loadQuote(ctx.db, quote.id);
}

export function declineQuote(req: FastifyRequest, ctx: AppContext, quoteId: number): QuoteRow {
  const { quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  refuseIf(declineRefusal(quoteState(ctx.db, quote)));
  ctx.db.transaction(() => setStatus(req, ctx, quote, 'Declined', ', decided_at = ?', [nowIso(req)]))();
  return loadQuote(ctx.db, quote.id);
}

/** Back to Draft: a pending request is withdrawn, an approval is dropped (lines change → approve again). */
export function reviseQuote(req: FastifyRequest, ctx: AppContext, quoteId: number): QuoteRow {
  const { quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  refuseIf(reviseRefusal(quoteState(ctx.db, quote)));
  const at = nowIso(req);
  ctx.db.transaction(() => {
    ctx.db.prepare(`UPDATE approvals SET status = 'Withdrawn', decided_at = ? WHERE quote_id = ? AND status = 'Pending'`).run(at, quote.id);
    setStatus(req, ctx, quote, 'Draft', ', approved_by = NULL, approved_at = NULL');
  })();
  return loadQuote(ctx.db, quote.id);
}

export interface AcceptResult {
  quote: QuoteRow;
  orderId: number;
  orderNumber: string;
  declinedQuoteIds: number[];
}

/**
 * Accepting a Sent quote, in one transaction: quote Accepted, an Order with the quote's lines and
 * totals, the opportunity Closed Won with amount = grand total, every other open quote of the
 * opportunity Declined (their pending approvals withdrawn).
 */
export function acceptQuote(req: FastifyRequest, ctx: AppContext, quoteId: number): AcceptResult {
  const { user, quote } = authorizedQuote(req, ctx, quoteId, 'edit');
  refuseIf(acceptRefusal(quoteState(ctx.db, quote)));
  const at = nowIso(req);
  const result = ctx.db.transaction(() => {
    setStatus(req, ctx, quote, 'Accepted', ', decided_at = ?', [at]);
    const seq = nextSeq(ctx.db, 'orders');
    const orderNumber = documentNumber('ORD', seq);
    const info = ctx.db
      .prepare(`INSERT INTO orders (seq, number, quote_id, opportunity_id, account_id, subtotal_cents, tax_cents, total_cents, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(seq, orderNumber, quote.id, quote.opportunity_id, quote.account_id, quote.subtotal_cents, quote.tax_cents, quote.grand_total_cents, user.id, at);
    const orderId = Number(info.lastInsertRowid);
    ctx.db
      .prepare(`INSERT INTO order_lines (order_id, product_id, product_sku, product_name, quantity, unit_price_cents, discount_bp, tax_rate_bp,
                net_cents, tax_cents, total_cents)
                SELECT ?, product_id, product_sku, product_name, quantity, unit_price_cents, discount_bp, tax_rate_bp, net_cents, tax_cents, total_cents
                FROM quote_lines WHERE quote_id = ? ORDER BY id`)
      .run(orderId, quote.id);
    audit(req, { action: 'create', object: 'order', recordId: orderId, summary: `${orderNumber} from quote ${quote.number}, total ${money(quote.grand_total_cents)}` });
    if (!ctx.faults.on('opportunity-not-closed-on-accept')) {
      closeOpportunityWon(req, ctx.db, quote.opportunity_id, quote.grand_total_cents);
    }
    const placeholders = OPEN_QUOTE_STATUSES.map(() => '?').join(', ');
    const siblings = ctx.db
      .prepare(`SELECT id, number, status FROM quotes WHERE opportunity_id = ? AND id <> ? AND status IN (${placeholders})`)
      .all(quote.opportunity_id, quote.id, ...OPEN_QUOTE_STATUSES) as { id: number; number: string; status: QuoteStatus }[];
    for (const s of siblings) {
      ctx.db.prepare(`UPDATE quotes SET status = 'Declined', decided_at = ?, updated_at = ? WHERE id = ?`).run(at, at, s.id);
      ctx.db.prepare(`UPDATE approvals SET status = 'Withdrawn', decided_at = ? WHERE quote_id = ? AND status = 'Pending'`).run(at, s.id);
      audit(req, {
        action: 'update', object: 'quote', recordId: s.id, summary: `${s.number}: ${s.status} → Declined (quote ${quote.number} accepted)`,
        changes: { status: { from: s.status, to: 'Declined' } },
      });
    }
    return { orderId, orderNumber, declinedQuoteIds: siblings.map((s) => s.id) };
  })();
  return { quote: loadQuote(ctx.db, quote.id), ...result };
}
