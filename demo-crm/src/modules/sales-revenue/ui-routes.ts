/**
 * Server-rendered screens and their form posts. Every action calls the same service function as the
 * API (same checks); a refused submit re-renders the screen (400 with field errors, 409 with the
 * sentence in an alert) and writes nothing; success is a 303 with a toast.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, requireUser } from '../../core/auth.js';
import { HttpError, notFound, parseInput, redirectWithToast, sendPage, ValidationError } from '../../core/http.js';
import { answerResend } from '../../core/submissions.js';
import type { SafeHtml } from '../../core/html.js';
import type { AppContext } from '../../core/module.js';
import type { SessionUser } from '../../core/permissions.js';
import { approve, authorizedApproval, listApprovals, reject } from './approval-service.js';
import { invoicePageBody, orderPageBody, type PaymentFormState } from './billing-pages.js';
import { authorizedInvoice, authorizedOrder, issueInvoice, recordPayment } from './billing-service.js';
import { approvalsListBody, invoicesListBody, ordersListBody, paymentsListBody, quotesListBody } from './list-pages.js';
import { listInvoices, listOrders, listPayments, listQuotes } from './lists.js';
import { idParam, listQuery } from './params.js';
import { lineEditBody, quotePageBody, type LineFormState, type QuotePageState } from './quote-page.js';
import { loadQuoteLines } from './records.js';
import {
  acceptQuote, addLine, authorizedQuote, createQuote, declineQuote, removeLine, reviseQuote, sendQuote, submitQuote, updateLine,
} from './quote-service.js';
import { money } from '../../core/html.js';
import { addLineSchema, decisionSchema, dollarsToCents, paymentSchema, rejectSchema, updateLineSchema } from './schemas.js';

type Form = Record<string, string | undefined>;
const formOf = (req: FastifyRequest): Form => (req.body ?? {}) as Form;

/** Runs a form action; business refusals come back to `rerender` instead of an error page. */
function formAction(
  req: FastifyRequest,
  reply: FastifyReply,
  run: () => { url: string; toast: string },
  rerender: (status: number, s: { errors?: Record<string, string>; alert?: string }) => FastifyReply,
): FastifyReply {
  try {
    const done = run();
    return redirectWithToast(reply, req, done.url, done.toast);
  } catch (e) {
    if (e instanceof ValidationError) return rerender(400, { errors: e.fields });
    if (e instanceof HttpError && e.status === 409) return rerender(409, { alert: String(e.body.message ?? 'This action is not allowed now') });
    throw e;
  }
}

function renameFields(fields: Record<string, string> | undefined, names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields ?? {})) out[names[k] ?? k] = v;
  return out;
}

/** Dollars typed in a form → cents for the API schema; a malformed amount becomes a field error. */
function centsFromForm(value: string | undefined, fieldName: string, label: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const cents = dollarsToCents(value);
  if (cents === null) throw new ValidationError({ [fieldName]: `${label}: enter an amount in dollars, e.g. 1234.50` });
  return cents;
}

function isSupportRole(user: SessionUser | null): boolean {
  return user?.role === 'support_agent' || user?.role === 'support_manager';
}

export function registerUiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) => sendPage(reply, req, { title, body, status });

  const renderQuote = (req: FastifyRequest, reply: FastifyReply, id: number, status: number, s: QuotePageState) => {
    const { user, quote } = authorizedQuote(req, ctx, id, 'view');
    return page(req, reply, `Quote ${quote.number}`, quotePageBody(req, ctx, user, quote, s), status);
  };

  // Quotes
  app.get('/quotes', async (req, reply) => {
    const user = authorize(req, 'quote', 'list');
    const { params, filters, raw } = listQuery(req);
    return page(req, reply, 'Quotes', quotesListBody(listQuotes(user, ctx, params, filters), raw));
  });
  app.get('/quotes/:id', async (req, reply) => renderQuote(req, reply, idParam(req), 200, {}));
  app.post('/opportunities/:id/quotes', async (req, reply) => {
    const quote = createQuote(req, ctx, idParam(req));
    return redirectWithToast(reply, req, `/quotes/${quote.id}`, `Quote ${quote.number} created`);
  });
  app.post('/quotes/:id/lines', async (req, reply) => {
    const id = idParam(req);
    authorizedQuote(req, ctx, id, 'edit');
    const resent = answerResend(req, reply);
    if (resent) return resent;
    const form = formOf(req);
    return formAction(req, reply, () => {
      const unitPriceCents = centsFromForm(form.unitPrice, 'unitPrice', 'Unit price');
      const input = parseInput(addLineSchema, { productId: form.productId, quantity: form.quantity, discountPercent: form.discountPercent, unitPriceCents });
      const line = addLine(req, ctx, id, input);
      return { url: `/quotes/${id}`, toast: `Line added: ${line.product_name} × ${line.quantity}` };
    }, (status, s) => renderQuote(req, reply, id, status, { ...s, errors: renameFields(s.errors, { unitPriceCents: 'unitPrice' }), values: form as Record<string, string> }));
  });
  const renderLineEdit = (req: FastifyRequest, reply: FastifyReply, id: number, lineId: number, status: number, s: LineFormState) => {
    const { quote } = authorizedQuote(req, ctx, id, 'edit');
    const line = loadQuoteLines(ctx.db, quote.id).find((l) => l.id === lineId) ?? notFound('Quote line not found');
    return page(req, reply, `Edit line: ${line.product_name}`, lineEditBody(req, ctx, quote, line, s), status);
  };
  app.get('/quotes/:id/lines/:lineId/edit', async (req, reply) => renderLineEdit(req, reply, idParam(req), idParam(req, 'lineId'), 200, {}));
  app.post('/quotes/:id/lines/:lineId', async (req, reply) => {
    const id = idParam(req);
    const lineId = idParam(req, 'lineId');
    authorizedQuote(req, ctx, id, 'edit');
    const form = formOf(req);
    return formAction(req, reply, () => {
      const line = updateLine(req, ctx, id, lineId, parseInput(updateLineSchema, { quantity: form.quantity, discountPercent: form.discountPercent }));
      return { url: `/quotes/${id}`, toast: `Line updated: ${line.product_name}` };
    }, (status, s) => renderLineEdit(req, reply, id, lineId, status, { ...s, values: form as Record<string, string> }));
  });
  app.post('/quotes/:id/lines/:lineId/delete', async (req, reply) => {
    const id = idParam(req);
    return formAction(req, reply, () => {
      removeLine(req, ctx, id, idParam(req, 'lineId'));
      return { url: `/quotes/${id}`, toast: 'Line removed' };
    }, (status, s) => renderQuote(req, reply, id, status, s));
  });
  const workflow: [string, (req: FastifyRequest, id: number) => string][] = [
    ['submit', (req, id) => `Quote ${submitQuote(req, ctx, id).number} submitted for approval`],
    ['send', (req, id) => `Quote ${sendQuote(req, ctx, id).number} sent`],
    ['decline', (req, id) => `Quote ${declineQuote(req, ctx, id).number} marked declined`],
    ['revise', (req, id) => `Quote ${reviseQuote(req, ctx, id).number} reopened for editing`],
    ['accept', (req, id) => {
      const r = acceptQuote(req, ctx, id);
      return `Quote ${r.quote.number} accepted; order ${r.orderNumber} created`;
    }],
  ];
  for (const [action, run] of workflow) {
    app.post(`/quotes/:id/${action}`, async (req, reply) => {
      const id = idParam(req);
      return formAction(req, reply, () => ({ url: `/quotes/${id}`, toast: run(req, id) }), (status, s) => renderQuote(req, reply, id, status, s));
    });
  }

  // Approvals inbox
  const renderInbox = (req: FastifyRequest, reply: FastifyReply, status: number, alert?: string) => {
    const user = authorize(req, 'approval', 'list');
    const { params } = listQuery(req);
    const statusFilter = (req.query as { status?: string }).status || 'Pending';
    const list = listApprovals(req, ctx, { ...params, status: statusFilter });
    return page(req, reply, 'Approvals', approvalsListBody(req, ctx, user, list, statusFilter, alert), status);
  };
  app.get('/approvals', async (req, reply) => renderInbox(req, reply, 200));
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/approvals/:id/${decision}`, async (req, reply) => {
      const id = idParam(req);
      authorizedApproval(req, ctx, id, 'approve');
      const form = formOf(req);
      const back = form.returnTo && /^\/(approvals|quotes\/\d+)$/.test(form.returnTo) ? form.returnTo : '/approvals';
      return formAction(req, reply, () => {
        const a = decision === 'approve'
          ? approve(req, ctx, id, parseInput(decisionSchema, form).comment)
          : reject(req, ctx, id, parseInput(rejectSchema, form).comment);
        return { url: back, toast: `Quote ${a.quote_number} ${decision === 'approve' ? 'approved' : 'rejected'}` };
      }, (status, s) => {
        const alert = s.alert ?? Object.values(s.errors ?? {}).join('. ');
        return back.startsWith('/quotes/') ? renderQuote(req, reply, Number(back.split('/')[2]), status, { alert }) : renderInbox(req, reply, status, alert);
      });
    });
  }

  // Orders
  app.get('/orders', async (req, reply) => {
    const user = authorize(req, 'order', 'list');
    const { params, filters, raw } = listQuery(req);
    return page(req, reply, 'Orders', ordersListBody(listOrders(user, ctx, params, filters), raw));
  });
  const renderOrder = (req: FastifyRequest, reply: FastifyReply, id: number, status: number, alert?: string) => {
    const { user, order } = authorizedOrder(req, ctx, id);
    return page(req, reply, `Order ${order.number}`, orderPageBody(req, ctx, user, order, alert), status);
  };
  app.get('/orders/:id', async (req, reply) => renderOrder(req, reply, idParam(req), 200));
  app.post('/orders/:id/invoice', async (req, reply) => {
    const id = idParam(req);
    return formAction(req, reply, () => {
      const inv = issueInvoice(req, ctx, id);
      return { url: `/invoices/${inv.id}`, toast: `Invoice ${inv.number} issued for ${money(inv.total_cents)}` };
    }, (status, s) => renderOrder(req, reply, id, status, s.alert));
  });

  // Invoices and payments
  app.get('/invoices', async (req, reply) => {
    // Defect switch invoices-url-open-to-support: the page only checks for a signed-in user when a
    // support role asks, and lists everything (the menu entry stays hidden, the API stays protected).
    const leaky = ctx.faults.on('invoices-url-open-to-support') && isSupportRole(req.user);
    const user = leaky ? requireUser(req) : authorize(req, 'invoice', 'list');
    const listAs: SessionUser = leaky ? { ...user, role: 'finance' } : user;
    const { params, filters, raw } = listQuery(req);
    return page(req, reply, 'Invoices', invoicesListBody(req, listInvoices(req, listAs, ctx, params, filters), raw));
  });
  const renderInvoice = (req: FastifyRequest, reply: FastifyReply, id: number, status: number, s: PaymentFormState & { alert?: string }) => {
    const { user, invoice } = authorizedInvoice(req, ctx, id);
    return page(req, reply, `Invoice ${invoice.number}`, invoicePageBody(req, ctx, user, invoice, s), status);
  };
  app.get('/invoices/:id', async (req, reply) => renderInvoice(req, reply, idParam(req), 200, {}));
  app.post('/invoices/:id/payments', async (req, reply) => {
    const id = idParam(req);
    authorize(req, 'payment', 'create');
    const resent = answerResend(req, reply);
    if (resent) return resent;
    const form = formOf(req);
    return formAction(req, reply, () => {
      const amountCents = centsFromForm(form.amount, 'amount', 'Amount') ?? null;
      if (amountCents === null) throw new ValidationError({ amount: 'Enter the amount received, e.g. 1234.50' });
      const input = parseInput(paymentSchema, { amountCents, paidOn: form.paidOn, method: form.method, reference: form.reference });
      const { invoice } = recordPayment(req, ctx, id, input);
      return { url: `/invoices/${id}`, toast: `Payment of ${money(input.amountCents)} recorded on ${invoice.number}` };
    }, (status, s) => renderInvoice(req, reply, id, status, { ...s, errors: renameFields(s.errors, { amountCents: 'amount' }), values: form as Record<string, string> }));
  });
  app.get('/payments', async (req, reply) => {
    const user = authorize(req, 'payment', 'list');
    const { params, filters, raw } = listQuery(req);
    return page(req, reply, 'Payments', paymentsListBody(listPayments(user, ctx, params, filters), raw));
  });
}
