/** Small timing helpers shared by the benchmarks. */

export interface LoadResult {
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

/** Runs `workers` loops of `operation` for `durationMs`, timing every call. */
export async function runLoad(
  workers: number,
  durationMs: number,
  operation: (worker: number, iteration: number) => Promise<number | void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let operations = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let iteration = 0; Date.now() < until; iteration++) {
        const t0 = process.hrtime.bigint();
        try {
          const count = await operation(worker, iteration);
          operations += typeof count === 'number' ? count : 1;
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { operations, seconds, perSecond: operations / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors };
}

export const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
