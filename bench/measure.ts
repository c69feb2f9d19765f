/** Small measuring helpers: timings, percentiles, formatting. */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a sample (milliseconds). */
export function summarize(samples: number[]): Summary {
  const xs = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    xs.length ? xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]! : NaN;
  return {
    n: xs.length,
    min: xs[0] ?? NaN,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: xs[xs.length - 1] ?? NaN,
    mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN,
  };
}

/** Runs `fn` warmup times unmeasured, then `runs` times one after another. */
export async function timeSequential(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

/** Like timeSequential for several functions, run in turn in each round: one Summary each. */
export async function timeInterleaved(
  runs: number,
  warmup: number,
  fns: (() => Promise<unknown>)[],
): Promise<Summary[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      samples[k]!.push(performance.now() - t);
    }
  }
  return samples.map(summarize);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

const started = performance.now();

export function log(message: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${message}`);
}
