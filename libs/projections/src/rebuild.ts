import { DataSource } from 'typeorm';
import { EventStore } from '@windscreen/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

export interface RebuildReport {
  projection: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * Empties a projection's tables and replays the whole log into them, then vacuums and analyses
 * them (not counted in its events/s). The reset happens under the projection's lock, so a live
 * runner elsewhere simply continues from the new checkpoint.
 */
export async function rebuildProjection(
  dataSource: DataSource,
  store: EventStore,
  projection: Projection,
  onProgress: (eventsDone: number, position: bigint) => void = () => undefined,
): Promise<RebuildReport> {
  const runner = new ProjectionRunner(dataSource, store, [projection], undefined, 2000);
  await runner.ensureCheckpoints();
  await dataSource.transaction(async (manager) => {
    await manager.query(`select pg_advisory_xact_lock(hashtext('projection:' || $1))`, [projection.name]);
    // Truncated rather than deleted: no dead rows are left behind, and no row triggers fire for rows about to be replayed.
    await manager.query(`truncate table ${projection.tables.map((table) => `"${table}"`).join(', ')}`);
    await manager.query(`update projection_checkpoints set position = 0, updated_at = now() where name = $1`, [projection.name]);
  });
  const started = process.hrtime.bigint();
  let events = 0;
  await runner.catchUp(projection, (batch) => {
    events += batch.events;
    onProgress(events, batch.position);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Every row was just deleted and written again: without this the planner works from the
  // statistics of the emptied tables and index-only scans visit the heap for every row.
  for (const table of projection.tables) await dataSource.query(`vacuum analyze "${table}"`);
  return { projection: projection.name, events, seconds, eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events };
}

export interface RebuildAllReport {
  projections: RebuildReport[];
  /** Wall-clock time for all of them together. */
  seconds: number;
}

/**
 * Rebuilds several projections at once. Each has its own lock, checkpoint and transactions, so
 * they are independent; run side by side, the fold in Node and the writes in PostgreSQL overlap.
 */
export async function rebuildProjections(
  dataSource: DataSource,
  store: EventStore,
  projections: readonly Projection[],
  onProgress: (projection: string, eventsDone: number, position: bigint) => void = () => undefined,
): Promise<RebuildAllReport> {
  const started = process.hrtime.bigint();
  const reports = await Promise.all(
    projections.map((projection) => rebuildProjection(dataSource, store, projection, (events, position) => onProgress(projection.name, events, position))),
  );
  return { projections: reports, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
