/**
 * Crash points (test mode only). A write that must be all-or-nothing marks the moment between its
 * first and its last statement with `crashPoint(req, '<write>')`. A request carrying
 * `X-Test-Hold-Write: <write>` stops there: the CRM prints one line saying so and holds the whole
 * process, in the middle of the write's transaction, so a recovery test can kill it (SIGKILL) at the
 * worst moment and see what a restart on the same database keeps. Without the header it is nothing.
 */
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';

export const HOLD_WRITE_HEADER = 'x-test-hold-write';
export const WRITE_POINTS = ['quote-line', 'payment', 'ticket-reply', 'import'] as const;
export type WritePoint = (typeof WRITE_POINTS)[number];

/** Long enough for any test to kill the process; a hold nobody ends lets the write finish. */
const HOLD_MS = 120_000;

function holdProcess(point: WritePoint): void {
  // written synchronously: the line must be out before the process stops
  fs.writeSync(1, `Test hold: the ${point} write is held in the middle of its transaction (pid ${process.pid})\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLD_MS);
}

/** What a held crash point does; the CRM's own tests replace it with a throw (the process dying there). */
export const crashPointAction: { hold: (point: WritePoint) => void } = { hold: holdProcess };

export function crashPoint(req: FastifyRequest, point: WritePoint): void {
  if (req.server.crm.config.testMode && req.headers[HOLD_WRITE_HEADER] === point) crashPointAction.hold(point);
}
