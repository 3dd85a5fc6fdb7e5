import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Reading CPU time and memory of processes from Linux's /proc, for `npm run bench` and `npm run load`.
 *
 * Two ways to count the CPU of a whole process tree, each a lower bound:
 *  - the kernel's account of waited-for children (cutime + cstime in /proc/self/stat, the same as
 *    getrusage(RUSAGE_CHILDREN) and /usr/bin/time): a child's figure includes every descendant it
 *    or its descendants reaped, but not a process that was orphaned (re-parented to init) and so
 *    never reaped inside the tree;
 *  - sampling each descendant's own utime + stime while it runs: misses what a process burns after
 *    the last sample before it exits, and processes shorter than one sampling interval.
 * `TreeSampler` records both; the bench reports the larger and says which it was.
 */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcStat {
  pid: number;
  ppid: number;
  /** user + system CPU seconds of the process itself */
  cpuSeconds: number;
  /** user + system CPU seconds of its waited-for children (and their reaped descendants) */
  childrenCpuSeconds: number;
  /** resident set size in bytes */
  rssBytes: number;
}

const PAGE_SIZE = 4096;

export function readStat(pid: number | 'self'): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // the command name (field 2) is in parentheses and may hold spaces: split after the last ')'
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); field n is fields[n - 3]
  const num = (n: number) => Number(fields[n - 3]);
  return {
    pid: pid === 'self' ? process.pid : pid,
    ppid: num(4),
    cpuSeconds: (num(14) + num(15)) / CLOCK_TICKS,
    childrenCpuSeconds: (num(16) + num(17)) / CLOCK_TICKS,
    rssBytes: num(24) * PAGE_SIZE,
  };
}

/** VmRSS and VmHWM (peak) from /proc/<pid>/status, in bytes. */
export function readMemory(pid: number): { rssBytes: number; peakRssBytes: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** What a process of a bench run is, from its command line. */
export function kindOf(command: string): string {
  // by the executable, not the arguments: `--project=chromium` or `--executable …/chromium` are not browsers
  const executable = command.split(' ')[0] ?? '';
  if (/chrom(e|ium)/i.test(executable)) return 'browser';
  if (command.includes('bench/raw-lead-to-cash')) return 'script';
  if (command.includes('demo-crm/src/') || command.includes('demo-crm/start.js')) return 'crm';
  if (/playwright\/lib\/(common\/process|worker|runner\/processHost)|workerMain|process\.js/.test(command)) return 'worker';
  if (/playwright|npx|npm/.test(command)) return 'runner';
  return 'other';
}

/** The pids of every live descendant of `root`, from one pass over /proc. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const c of children.get(pid) ?? []) {
      found.push(c);
      queue.push(c);
    }
  }
  return found;
}

/**
 * Samples the CPU of a child process and all its descendants every `intervalMs` while it runs. Every
 * process seen once stays tracked (even if re-parented to init when its parent exits first).
 */
export class TreeSampler {
  private readonly seen = new Map<number, { kind: string; cpuSeconds: number }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly childrenCpuBefore = readStat('self')!.childrenCpuSeconds;

  constructor(
    private readonly root: number,
    private readonly intervalMs = 250,
  ) {}

  start(): this {
    this.sample();
    // a sampling clock, not a wait: each tick reads /proc once
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  sample(): void {
    const pids = [this.root, ...descendantsOf(this.root), ...this.seen.keys()];
    for (const pid of new Set(pids)) {
      const stat = readStat(pid);
      if (!stat) continue;
      const known = this.seen.get(pid);
      if (known) known.cpuSeconds = Math.max(known.cpuSeconds, stat.cpuSeconds);
      else this.seen.set(pid, { kind: kindOf(cmdline(pid)), cpuSeconds: stat.cpuSeconds });
    }
  }

  /** Call after the child has exited (and been reaped): both counts, and the sampled one per kind of process. */
  stop(): { rusageCpuSeconds: number; sampledCpuSeconds: number; byKind: Record<string, number>; processes: number } {
    if (this.timer) clearInterval(this.timer);
    const byKind: Record<string, number> = {};
    for (const { kind, cpuSeconds } of this.seen.values()) byKind[kind] = round((byKind[kind] ?? 0) + cpuSeconds);
    const sampled = [...this.seen.values()].reduce((s, p) => s + p.cpuSeconds, 0);
    return {
      rusageCpuSeconds: round(readStat('self')!.childrenCpuSeconds - this.childrenCpuBefore),
      sampledCpuSeconds: round(sampled),
      byKind,
      processes: this.seen.size,
    };
  }
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarise(values: number[]): { median: number; min: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median, 3), min: round(sorted[0] ?? NaN, 3), max: round(sorted.at(-1) ?? NaN, 3), n: sorted.length };
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
