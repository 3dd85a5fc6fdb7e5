/**
 * A ticket action posted by a form (staff page or portal): success → 303 + toast; invalid input →
 * the page again with 400 and the field errors renamed to the form's field names; a refused step
 * (409) → the page again with the reason as an alert. Denials (403) go to core's Access denied page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, redirectWithToast, ValidationError } from '../../core/http.js';
import type { TicketState } from './ticket-store.js';

export interface Rerender {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  problem?: string;
  status: number;
}

export function formFields(req: FastifyRequest): Record<string, string> {
  return (req.body ?? {}) as Record<string, string>;
}

export function runFormAction(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    run: () => TicketState;
    redirectTo: string;
    toast: (s: TicketState) => string;
    fieldNames?: Record<string, string>;
    rerender: (r: Rerender) => FastifyReply;
  },
): FastifyReply {
  try {
    const s = o.run();
    return redirectWithToast(reply, req, o.redirectTo, o.toast(s));
  } catch (e) {
    if (e instanceof ValidationError) {
      const errors = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [o.fieldNames?.[k] ?? k, v]));
      return o.rerender({ errors, values: formFields(req), status: 400 });
    }
    if (e instanceof HttpError && e.status === 409) return o.rerender({ problem: String(e.body.message), status: 409 });
    throw e;
  }
}
