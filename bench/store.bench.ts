import * as os from 'node:os';
import { Pool } from 'pg';
import { migrate } from '@windscreen/database';
import { NewEvent, PostgresEventStore } from '@windscreen/event-store';
import { benchServer, createRawEventsTable, fmt, insertRawEvent, LoadResult, runLoad } from './bench-support';

/**
 * npm run bench:store — the PostgreSQL event store against the raw ceiling of the same server,
 * measured in the same run: appends at 1, 8 and 32 concurrent appenders (1 and 10 events per
 * append), and catch-up reads over 1M events. Uses a fresh embedded PostgreSQL (fsync on), or
 * DATABASE_URL's server when set (a scratch database is created there and dropped).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STREAMS = 100_000;
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 1_000_000);

const payload = {
  level: 'complex',
  reason: 'Needs are escalating: school reports missed meals and poor attendance over the last term',
};
const metadata = {
  actor: { id: 'bench', name: 'Bench Worker', role: 'case_worker', agency: 'Early Help', team: 'north' },
  occurredAt: '2026-03-02T09:15:00.000Z',
  correlationId: '00000000-0000-4000-8000-000000000000',
  causationId: '00000000-0000-4000-8000-000000000000',
};
const SAMPLE_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const newEvent = (): NewEvent => ({ type: 'SteppedUp', schemaVersion: 1, data: payload, metadata });

async function main(): Promise<void> {
  const server = await benchServer('store');
  const databaseName = `windscreen_bench_${Date.now()}`;
  const url = await server.createDatabase(databaseName);
  await migrate(url);
  const pool = new Pool({ connectionString: url, max: 40 });
  pool.on('error', () => undefined); // connections end when the server stops at the end
  const store = new PostgresEventStore(pool, url);
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };

  try {
    await createRawEventsTable(pool);
    const version = (await pool.query('show server_version')).rows[0].server_version;
    const fsync = (await pool.query('show fsync')).rows[0].fsync;
    say(
      `Windscreen event store benchmark — PostgreSQL ${version} (fsync ${fsync}), ${os.cpus().length} cores, ${SECONDS} s per figure`,
    );
    say('');
    say('appends (random stream among 100k, expected revision checked)');
    say('  clients  events/append   events/s    p50 ms   p99 ms   raw INSERT/s   ratio');

    const revisions = new Map<number, bigint>();
    for (const perAppend of [1, 10]) {
      for (const clients of [1, 8, 32]) {
        const raw = await runLoad(clients, SECONDS * 1000, () => insertRawEvent(pool, payload, metadata));
        const ours = await runLoad(clients, SECONDS * 1000, async (worker) => {
          // Each worker owns the streams congruent to it, so no two workers race on one stream.
          const stream = worker + clients * Math.floor((Math.random() * STREAMS) / clients);
          const expected = revisions.get(stream);
          const events = Array.from({ length: perAppend }, newEvent);
          const result = await store.append(`bench-${stream}`, events, { expectedRevision: expected ?? 'no_stream' });
          revisions.set(stream, result.nextExpectedRevision);
          return perAppend;
        });
        say(
          `  ${String(clients).padStart(7)}  ${String(perAppend).padStart(13)}  ${fmt(ours.perSecond).padStart(9)}  ${fmt(ours.p50Ms, 2).padStart(8)} ${fmt(ours.p99Ms, 2).padStart(8)}  ${fmt(raw.perSecond).padStart(13)}  ${ratio(ours, raw)}` +
            (ours.errors ? `  (${ours.errors} errors)` : ''),
        );
      }
    }

    say('');
    const existing = Number((await pool.query('select count(*) from events')).rows[0].count);
    const toAdd = Math.max(0, READ_EVENTS - existing);
    process.stderr.write(`preparing ${fmt(toAdd)} more events for the catch-up read...\n`);
    // Setup only: bulk rows in the events table's own shape, so the read measures reading.
    for (let done = 0; done < toAdd; done += 200_000) {
      const n = Math.min(200_000, toAdd - done);
      await pool.query(
        `insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at, content_hash, hash)
         select (pg_current_xact_id()::text::bigint << 20) + i, pg_current_xact_id(), 'bulk-' || (i % 100000), (i / 100000) + $3::bigint, gen_random_uuid(), 'SteppedUp', 1, $1::jsonb, $2::jsonb, now(), '${SAMPLE_HASH}', '${SAMPLE_HASH}'
           from generate_series(0, $4::bigint - 1) as i`,
        [JSON.stringify(payload), JSON.stringify(metadata), done * 10, n],
      );
    }
    await pool.query('vacuum analyze events');
    const total = Number((await pool.query('select count(*) from events')).rows[0].count);

    const readBatch = 1000;
    const readAllOnce = async (): Promise<number> => {
      let read = 0;
      for (let position = 0n; ;) {
        const batch = await store.readAll({ fromPosition: position, limit: readBatch });
        if (batch.length === 0) return read;
        read += batch.length;
        position = batch[batch.length - 1].position;
      }
    };
    const bareSelectOnce = async (): Promise<number> => {
      let read = 0;
      for (let position = '0'; ;) {
        const { rows } = await pool.query(
          `select position, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, hash, previous_hash
             from events where position > $1 order by position limit $2`,
          [position, readBatch],
        );
        if (rows.length === 0) return read;
        read += rows.length;
        position = rows[rows.length - 1].position;
      }
    };
    // Alternated, twice each, best of two: whichever runs first would otherwise pay for a cold cache.
    const best = { ours: 0, bare: 0 };
    for (let round = 0; round < 2; round++) {
      best.ours = Math.max(best.ours, await eventsPerSecond(readAllOnce));
      best.bare = Math.max(best.bare, await eventsPerSecond(bareSelectOnce));
    }
    say(`catch-up read of ${fmt(total)} events, ${readBatch} per batch`);
    say(
      `  readAll: ${fmt(best.ours)} events/s   bare batched SELECT: ${fmt(best.bare)} events/s   ratio ${((best.ours / best.bare) * 100).toFixed(0)}%   (best of two runs each, alternated)`,
    );
    say('');
    say('targets: appends at 32 clients >= 70% of raw INSERT; catch-up read >= 80% of bare SELECT');
  } finally {
    await store.close();
    await pool.end();
    await server.stop();
  }
}

async function eventsPerSecond(readEverything: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const events = await readEverything();
  return events / (Number(process.hrtime.bigint() - started) / 1e9);
}

function ratio(ours: LoadResult, raw: LoadResult): string {
  return `${((ours.perSecond / raw.perSecond) * 100).toFixed(0)}%`;
}

main().catch((error) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
