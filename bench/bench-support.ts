import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres } from '@windscreen/database';
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

/** The smallest query the event log could ever need: one row into a table shaped like `events`. */
export const RAW_EVENTS_TABLE = 'raw_events';
const SAMPLE_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Creates `raw_events` beside `events` (same columns, defaults, constraints and indexes). */
export async function createRawEventsTable(db: Queryable): Promise<void> {
  await db.query(`create table ${RAW_EVENTS_TABLE} (like events including defaults including constraints including indexes)`);
  await db.query(`alter table ${RAW_EVENTS_TABLE} alter column position set default nextval('events_position_seq')`);
}

/** One bare single-row INSERT of an event-sized row: the raw ceiling the benchmarks compare with. */
export async function insertRawEvent(db: Queryable, data: unknown, metadata: unknown): Promise<void> {
  await db.query(
    `insert into ${RAW_EVENTS_TABLE} (transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at, content_hash, hash)
     values (pg_current_xact_id(), $1, 0, gen_random_uuid(), 'SteppedUp', 1, $2, $3, now(), $4, $4)`,
    [`raw-${Math.random()}`, JSON.stringify(data), JSON.stringify(metadata), SAMPLE_HASH],
  );
}

/**
 * Where a benchmark makes its databases: `DATABASE_URL`'s server when set, else a fresh embedded
 * PostgreSQL in `scratch`, a new temporary folder (removed with the server).
 */
export async function benchServer(name: string): Promise<{ scratch: string; url: string; stop(): Promise<void> }> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `windscreen-bench-${name}-`));
  const server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: scratch, temporary: true, postgresFlags: ['-c', 'max_connections=200'] });
  return { scratch, url: server.url, stop: () => server.stop() };
}
