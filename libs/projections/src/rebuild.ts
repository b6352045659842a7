import type { Pool } from 'pg';
import { restoreReadIndexes, setAsideReadIndexes } from '@windscreen/database';
import { EventStore, RecordedEvent } from '@windscreen/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { WrittenKeys } from './written-keys';

/**
 * Events per batch in a rebuild. Large, because a batch costs one write per read-model row it
 * touches: the more of a case's events fall in one batch, the fewer times its row is written.
 */
const REBUILD_BATCH = 20_000;

export interface RebuildReport {
  projection: string;
  events: number;
  /** Time spent applying this projection's batches (reading the log is shared, and not in it). */
  seconds: number;
  eventsPerSecond: number;
}

export interface RebuildAllReport {
  projections: RebuildReport[];
  /** Wall-clock time for all of them together, reading and vacuuming included. */
  seconds: number;
}

/**
 * Rebuilds projections from position 0: each one's tables are emptied and its checkpoint reset
 * under its lock, so a live runner elsewhere simply continues from the new checkpoint. The log is
 * then read once, a batch ahead, and every batch applied to all of them side by side, each in
 * its own transactions with its own checkpoint; the fold in Node and the writes in PostgreSQL
 * overlap; each projection is told which keys it has written (`WrittenKeys`), so it looks up
 * only those. The indexes only readers use are dropped meanwhile and built once at the end (also when
 * the replay fails). Finally their tables are vacuumed and analysed.
 */
export async function rebuildProjections(
  pool: Pool,
  store: EventStore,
  projections: readonly Projection[],
  onProgress: (projection: string, eventsDone: number, position: bigint) => void = () => undefined,
  batchSize = REBUILD_BATCH,
): Promise<RebuildAllReport> {
  const runner = new ProjectionRunner(pool, store, projections);
  await runner.ensureCheckpoints();
  for (const projection of projections) await runner.reset(projection);
  // Each projection's tables are empty now: what its batches write is all they hold.
  const written = projections.map(() => WrittenKeys.sinceEmptied());

  const started = process.hrtime.bigint();
  const done = projections.map((projection) => ({ projection: projection.name, events: 0, nanoseconds: 0n }));
  const read = (from: bigint) => {
    const batch = store.readAll({ fromPosition: from, limit: batchSize });
    batch.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
    return batch;
  };
  await setAsideReadIndexes(
    pool,
    projections.flatMap((projection) => projection.readIndexes ?? []),
  );
  try {
    let from = 0n;
    let next = read(from);
    for (;;) {
      const events: RecordedEvent[] = await next;
      if (events.length === 0) break;
      const last = events[events.length - 1].position;
      next = read(last);
      await Promise.all(
        projections.map(async (projection, i) => {
          const t0 = process.hrtime.bigint();
          const result = await runner.applyRead(projection, from, events, written[i]);
          done[i].nanoseconds += process.hrtime.bigint() - t0;
          done[i].events += result.events;
          onProgress(projection.name, done[i].events, last);
        }),
      );
      from = last;
    }
  } finally {
    await restoreReadIndexes(pool);
  }
  // Every row was just written again: without this the planner works from the statistics of the
  // emptied tables, and index-only scans visit the heap for every row.
  for (const projection of projections) {
    for (const table of projection.tables) await pool.query(`vacuum analyze "${table}"`);
  }
  return {
    projections: done.map(({ projection, events, nanoseconds }) => {
      const seconds = Number(nanoseconds) / 1e9;
      return { projection, events, seconds, eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events };
    }),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** Rebuilds one projection (see rebuildProjections). */
export async function rebuildProjection(
  pool: Pool,
  store: EventStore,
  projection: Projection,
  onProgress: (eventsDone: number, position: bigint) => void = () => undefined,
): Promise<RebuildReport> {
  const report = await rebuildProjections(pool, store, [projection], (_, eventsDone, position) =>
    onProgress(eventsDone, position),
  );
  return report.projections[0];
}
