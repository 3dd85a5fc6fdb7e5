import type { FastifyRequest } from 'fastify';

export const CLOCK_HEADER = 'x-test-clock-offset-ms';

/**
 * The one clock for business time (SLA, due dates, overdue, "this month"). In test mode a request may
 * shift it with X-Test-Clock-Offset-Ms, per request, so one test moving time never affects another.
 * Sessions and lockouts deliberately use real time (Date.now()).
 */
export function now(req: FastifyRequest): Date {
  return new Date(Date.now() + (req.testOffsetMs ?? 0));
}

export function nowIso(req: FastifyRequest): string {
  return now(req).toISOString();
}
