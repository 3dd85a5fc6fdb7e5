/** Route parameters and list query strings. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, parseInput } from '../../core/http.js';
import { listParamsSchema, type ListParams } from '../../core/list.js';
import type { ListFilters } from './lists.js';

/** Anything but a positive integer id is simply "no such record". */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const raw = (req.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^[1-9]\d{0,15}$/.test(raw)) notFound('No such record');
  return Number(raw);
}

const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive('Must be a record id').optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional());

const filterSchema = z.object({
  status: optionalText,
  opportunityId: optionalId,
  accountId: optionalId,
  invoiceId: optionalId,
  invoiced: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['yes', 'no'], { error: 'Use yes or no' }).optional()),
  method: optionalText,
});

export function listQuery(req: FastifyRequest): { params: ListParams; filters: ListFilters; raw: Record<string, string | undefined> } {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const params = parseInput(listParamsSchema, query);
  const filters = parseInput(filterSchema, query);
  const raw: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(filters)) raw[k] = v === undefined ? undefined : String(v);
  return { params, filters, raw };
}
