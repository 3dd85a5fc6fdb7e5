import fs from 'node:fs';
import type { MemorySample } from '../../../fixtures/stability/memory-growth.js';
import type { Actor } from '../actor.js';
import type { OwnCrm } from '../migration/own-crm.js';
import type { RoleKey } from '../roles.js';

/**
 * What each person opens again and again in the regression's steady-use check: the screens and API
 * lists of their daily work, read-only, so the database stays as it is and only the CRM's own memory
 * can grow.
 */
export const STEADY_USE = [
  { role: 'salesRep', paths: ['/', '/leads', '/accounts', '/opportunities', '/api/leads?pageSize=25'] },
  { role: 'supportAgent', paths: ['/', '/tickets', '/api/tickets?pageSize=25'] },
  { role: 'finance', paths: ['/', '/invoices', '/orders'] },
] as const satisfies readonly { role: RoleKey; paths: readonly string[] }[];

/** The resident memory of the CRM process (Linux /proc, as `npm run load` reads it), in MiB. */
export function residentMemoryOf(crm: OwnCrm): () => number {
  return () => {
    const pid = crm.pid;
    if (pid === undefined) throw new Error(`the CRM on port ${crm.port} is not running: no memory to read`);
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (!kib) throw new Error(`/proc/${pid}/status has no VmRSS line`);
    return Math.round((Number(kib) / 1024) * 10) / 10;
  };
}

/**
 * Each person opens their paths in turn, all at once, until `answers` answers have been served; every
 * answer must be 200. The memory is read every `sampleEvery` answers, `t` counting the answers served.
 */
export async function serveSteadily(people: readonly { person: Actor; paths: readonly string[] }[], o: { answers: number; sampleEvery: number; memoryMiB: () => number }): Promise<MemorySample[]> {
  const samples: MemorySample[] = [];
  let served = 0;
  await Promise.all(people.map(async ({ person, paths }) => {
    for (let i = 0; served < o.answers; i++) {
      const path = paths[i % paths.length]!;
      const answer = await person.page.request.get(path);
      if (answer.status() !== 200) throw new Error(`${person.name}: GET ${path} answered ${answer.status()}, not 200`);
      await answer.body();
      served += 1;
      if (served % o.sampleEvery === 0) samples.push({ t: served, rssMiB: o.memoryMiB() });
    }
  }));
  return samples;
}
