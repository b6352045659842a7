import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { inTransaction, SqlTransaction } from '@windscreen/database';
import { EventStore, RecordedEvent } from '@windscreen/event-store';
import type { Projection } from './projection';
import { WrittenKeys } from './written-keys';

const IDLE_WAIT_MS = 1000;
/** A live batch at least this long says the log is busy (appends arrive faster than a batch takes). */
const BUSY_BATCH_EVENTS = 32;
/** While the log is busy, a live batch starts at most this often. */
const BUSY_BATCH_INTERVAL_MS = 150;

/**
 * How long to wait before the next live batch. While the log is busy, the next batch waits until
 * the interval since this one began has passed: a case's commands then land in one batch more
 * often, and its rows are written once rather than once per event (read models cost most of what
 * the database spends per command). A quiet log (short batches) or a backlog (full batches) goes
 * on at once, so read-your-writes waits only grow when the log is busy, and by at most the interval.
 */
export function delayBeforeNextBatch(batch: {
  events: number;
  batchSize: number;
  startedAt: number;
  now: number;
}): number {
  const busy = batch.events >= BUSY_BATCH_EVENTS && batch.events < batch.batchSize;
  return busy ? Math.max(0, batch.startedAt + BUSY_BATCH_INTERVAL_MS - batch.now) : 0;
}

export interface BatchResult {
  /** Events read from the log in this batch (0: the projection is at the head). */
  events: number;
  position: bigint;
}

/**
 * The log as the projections last read it, shared between them: live, they move along the same
 * stretch of the log at about the same time, and each reading it again would read it three times.
 * What was read is the whole log in its range: a reader only ever sees events of transactions older
 * than every running one, so an event that becomes visible later lies beyond that range.
 */
class SharedLogReads {
  private latest: { from: bigint; events: Promise<RecordedEvent[]> } | undefined;

  constructor(private readonly store: EventStore) {}

  /** Events after `from` (at most `limit`): from the latest read when it covers them, else read. */
  async read(from: bigint, limit: number): Promise<RecordedEvent[]> {
    const latest = this.latest;
    if (latest && from >= latest.from) {
      const events = await latest.events.catch(() => []);
      const last = events[events.length - 1];
      if (last && from < last.position) {
        const unseen = events.filter((event) => event.position > from);
        return unseen.length > limit ? unseen.slice(0, limit) : unseen;
      }
    }
    const events = this.store.readAll({ fromPosition: from, limit });
    this.latest = { from, events };
    return events;
  }
}

/**
 * Moves projections along the event log. One batch = one transaction: take the projection's
 * lock, read its checkpoint, read the next events, apply them, write the checkpoint, commit.
 * Several runners (api and projector, or a rebuild) can run at once: the lock serialises them.
 */
export class ProjectionRunner {
  private running = false;
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];
  private keepAlive: NodeJS.Timeout | undefined;
  private readonly reads: SharedLogReads;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly onError: (projection: string, error: unknown) => void = () => undefined,
    private readonly batchSize = 500,
  ) {
    this.reads = new SharedLogReads(store);
  }

  /**
   * Adds the checkpoints that are missing. Those already there are not touched: an insert that
   * met one would wait for a runner elsewhere that holds it in an open batch.
   */
  async ensureCheckpoints(): Promise<void> {
    const names = this.projections.map((projection) => projection.name);
    const { rows: existing } = await this.pool.query<{ name: string }>(
      `select name from projection_checkpoints where name = any($1)`,
      [names],
    );
    const known = new Set(existing.map((row) => row.name));
    for (const name of names.filter((candidate) => !known.has(candidate))) {
      await this.pool.query(`insert into projection_checkpoints (name) values ($1) on conflict do nothing`, [name]);
    }
  }

  async runBatch(projection: Projection, batchSize = this.batchSize): Promise<BatchResult> {
    return inTransaction(this.pool, async (sql) => {
      const from = await this.lockCheckpoint(projection, sql);
      const events = await this.reads.read(from, batchSize);
      return this.applyAndMove(projection, sql, from, events);
    });
  }

  /**
   * Applies events read beforehand, from the log after `readFrom` (a rebuild reads each batch
   * once for several projections). Under the projection's lock, as runBatch: events at or below
   * its checkpoint are skipped, since another runner applied them meanwhile (and `written` no
   * longer knows what is stored). A checkpoint below `readFrom` means these events do not follow
   * it (the projection was reset elsewhere): refused.
   */
  async applyRead(
    projection: Projection,
    readFrom: bigint,
    events: RecordedEvent[],
    written: WrittenKeys = WrittenKeys.UNKNOWN,
  ): Promise<BatchResult> {
    return inTransaction(this.pool, async (sql) => {
      const checkpoint = await this.lockCheckpoint(projection, sql);
      if (checkpoint < readFrom) {
        throw new Error(
          `${projection.name} is at position ${checkpoint}, before the events read from ${readFrom}: it was reset meanwhile`,
        );
      }
      if (checkpoint !== readFrom) written.forget();
      const unseen = checkpoint === readFrom ? events : events.filter((event) => event.position > checkpoint);
      return this.applyAndMove(projection, sql, checkpoint, unseen, written);
    });
  }

  /**
   * Takes the projection's lock for this transaction and returns its checkpoint. An advisory lock
   * rather than FOR UPDATE: it takes no transaction id, so it does not hold back what the event
   * log lets readers see.
   */
  private async lockCheckpoint(projection: Projection, sql: SqlTransaction): Promise<bigint> {
    await this.lock(projection, sql);
    const {
      rows: [checkpoint],
    } = await sql.query<{ position: string }>(`select position from projection_checkpoints where name = $1`, [
      projection.name,
    ]);
    if (!checkpoint) throw new Error(`No checkpoint for projection ${projection.name}: run ensureCheckpoints first`);
    return BigInt(checkpoint.position);
  }

  private async lock(projection: Projection, sql: SqlTransaction): Promise<void> {
    await sql.query(`select pg_advisory_xact_lock(hashtext('projection:' || $1))`, [projection.name]);
  }

  /**
   * Empties the projection's tables and moves its checkpoint to the start, under its lock: a live
   * runner elsewhere simply continues from there.
   */
  async reset(projection: Projection): Promise<void> {
    await inTransaction(this.pool, async (sql) => {
      await this.lock(projection, sql);
      // Truncated rather than deleted: no dead rows are left behind, and no row triggers fire for rows about to be replayed.
      await sql.query(`truncate table ${projection.tables.map((table) => `"${table}"`).join(', ')}`);
      await sql.query(`update projection_checkpoints set position = 0, updated_at = now() where name = $1`, [
        projection.name,
      ]);
    });
  }

  /** The read model's changes and the checkpoint, in the one transaction. */
  private async applyAndMove(
    projection: Projection,
    sql: SqlTransaction,
    from: bigint,
    events: RecordedEvent[],
    written: WrittenKeys = WrittenKeys.UNKNOWN,
  ): Promise<BatchResult> {
    if (events.length === 0) return { events: 0, position: from };
    await projection.apply(events, sql, written);
    const position = events[events.length - 1].position;
    await sql.query(`update projection_checkpoints set position = $2, updated_at = now() where name = $1`, [
      projection.name,
      position.toString(),
    ]);
    return { events: events.length, position };
  }

  /** Runs until the projection has read everything in the log now. */
  async catchUp(projection: Projection, onBatch?: (result: BatchResult) => void): Promise<void> {
    for (;;) {
      const result = await this.runBatch(projection);
      if (result.events === 0) return;
      onBatch?.(result);
    }
  }

  /** Keeps every projection live: catch up, then wait for appends. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.ensureCheckpoints();
    // The loops wait on unref'd timers; when the database goes away, so do their sockets, and
    // nothing else may hold the process open (the projector): it would exit with status 0, silently.
    this.keepAlive = setInterval(() => undefined, 60_000);
    this.loops = this.projections.map((projection) => this.loop(projection));
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.keepAlive);
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private async loop(projection: Projection): Promise<void> {
    while (this.running) {
      try {
        const startedAt = Date.now();
        const result = await this.runBatch(projection);
        const delay = delayBeforeNextBatch({
          events: result.events,
          batchSize: this.batchSize,
          startedAt,
          now: Date.now(),
        });
        // Cut short by stop(): the abort rejects the wait.
        if (delay > 0 && this.running)
          await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => undefined);
        if (result.events === 0 && this.running) {
          await this.store.waitForAppend(result.position, IDLE_WAIT_MS, this.abort.signal);
        }
      } catch (error) {
        if (!this.running) return;
        this.onError(projection.name, error);
        await new Promise((resolve) => setTimeout(resolve, IDLE_WAIT_MS));
      }
    }
  }
}
