/**
 * How much the CRM's memory grew during a soak: the median RSS of the last window of the run against
 * the median of the first window after warm-up. Medians, not single samples, so one garbage
 * collection (or one lazy allocation) at a window's edge does not decide.
 */
export interface MemorySample {
  /** seconds since the first virtual user started */
  t: number;
  rssMiB: number;
}

export interface SoakWindows {
  /** seconds of warm-up left out: start-up, first sign-ins, caches filling */
  warmupS: number;
  /** length of the first and of the last window, in seconds */
  windowS: number;
  /** when the users stopped starting steps, in seconds: the end of the last window */
  durationS: number;
}

export interface MemoryGrowth {
  first: { fromS: number; toS: number; samples: number; medianMiB: number };
  last: { fromS: number; toS: number; samples: number; medianMiB: number };
  /** last median ÷ first median − 1: 0.1 is 10 % growth, negative when memory shrank */
  growth: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The windows must not overlap: a soak shorter than warm-up plus two windows measures nothing. */
export function checkSoakWindows(w: SoakWindows): void {
  if (!(w.warmupS >= 0 && w.windowS > 0)) throw new Error(`warm-up must be ≥ 0 s and the window > 0 s (got ${w.warmupS} s, ${w.windowS} s)`);
  if (w.durationS < w.warmupS + 2 * w.windowS) throw new Error(`a soak of ${w.durationS} s is too short for ${w.warmupS} s of warm-up and two windows of ${w.windowS} s: run at least ${w.warmupS + 2 * w.windowS} s`);
}

export function memoryGrowth(samples: readonly MemorySample[], w: SoakWindows): MemoryGrowth {
  checkSoakWindows(w);
  const windowOf = (fromS: number, toS: number) => {
    const inside = samples.filter((s) => s.t >= fromS && s.t <= toS).map((s) => s.rssMiB);
    if (inside.length === 0) throw new Error(`no memory sample between ${fromS} s and ${toS} s`);
    return { fromS, toS, samples: inside.length, medianMiB: Math.round(median(inside) * 10) / 10 };
  };
  const first = windowOf(w.warmupS, w.warmupS + w.windowS);
  const last = windowOf(w.durationS - w.windowS, w.durationS);
  return { first, last, growth: Math.round((last.medianMiB / first.medianMiB - 1) * 1000) / 1000 };
}
