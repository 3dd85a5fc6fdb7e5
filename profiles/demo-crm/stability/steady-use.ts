import { execFileSync } from 'node:child_process';
import { readMemory } from '../../../bench/proc.js';
import type { MemorySample } from '../../../fixtures/stability/memory-growth.js';
import catalogue from '../acceptance/catalogue.js';
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

/** AC-STAB-07's margin of memory growth: the test fails, and the acceptance report judges, against this one number. */
export const STEADY_USE_MARGIN = (() => {
  const max = catalogue.find((c) => c.id === 'AC-STAB-07')?.threshold?.max;
  if (max === undefined) throw new Error('the acceptance catalogue has no threshold for AC-STAB-07');
  return max;
})();

/**
 * The resident memory of the CRM process, in MiB: from Linux's /proc (as `npm run load` reads it), else
 * from `ps` (macOS and other Unix systems).
 */
export function residentMemoryOf(crm: OwnCrm): () => number {
  return () => {
    const pid = crm.pid;
    if (pid === undefined) throw new Error(`the CRM on port ${crm.port} is not running: no memory to read`);
    const bytes = readMemory(pid)?.rssBytes ?? 1024 * Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    if (!(bytes > 0)) throw new Error(`the resident memory of process ${pid} could not be read`);
    return Math.round((bytes / 2 ** 20) * 10) / 10;
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
