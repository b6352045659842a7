import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { AppendSignal } from '../append-signal';
import { startCatchUpSubscription } from '../catch-up-subscription';
import { ConcurrencyError, DuplicateEventError } from '../event-store.errors';
import { contentHashOfNew } from '../hash-chain';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';

export const EVENTS_CHANNEL = 'windscreen_events';
const SERIALIZATION_FAILURE = '40001';
const UNIQUE_VIOLATION = '23505';
const NOTIFY_INTERVAL_MS = 10;

interface EventRow {
  position: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  hash: string;
  previous_hash: string | null;
}

const SELECT_COLUMNS = 'position, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, hash, previous_hash';

/**
 * The PostgreSQL adapter. Appends go through the `append_events` function (see the event store
 * migration): one round trip, atomic, the expected revision checked and backed by the
 * unique (stream_id, stream_revision) key.
 * readAll only passes rows whose transaction is older than every transaction still running,
 * so a reader can never step over an event that commits later with a lower position.
 */
export class PostgresEventStore extends EventStore {
  private readonly signal = new AppendSignal();
  private listener: Client | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private closed = false;
  private announcing = false;
  private latestAnnounced = 0n;

  constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const { expectedRevision } = options;
    const recordedAt = this.clock().toISOString();
    const ids = events.map((event) => event.id ?? randomUUID());
    // One JSON document for all events: cheaper to send and parse than parallel arrays.
    const document = JSON.stringify(
      events.map((event, i) => ({
        id: ids[i],
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { ...event.metadata, recordedAt },
        contentHash: contentHashOfNew(event, recordedAt),
      })),
    );
    const parameters = [
      stream,
      typeof expectedRevision === 'bigint' ? 'exact' : expectedRevision,
      typeof expectedRevision === 'bigint' ? expectedRevision.toString() : null,
      document,
      recordedAt,
    ];
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      // pg-pool listens for a connection's errors only while it is idle. A server shutting down
      // may end this one between its query's answer and its release (both in one read from the
      // socket): unheard, that 'error' event would crash the process.
      client.on('error', ignoreConnectionError);
      const release = (destroy?: boolean) => {
        client.removeListener('error', ignoreConnectionError);
        client.release(destroy);
      };
      let row: { appended: boolean; last_revision: string | null; last_position: string | null };
      try {
        // A named statement is parsed and planned once per connection.
        const result = await client.query({
          name: 'windscreen_append_events',
          text: 'select appended, last_revision, last_position from append_events($1, $2, $3, $4::jsonb, $5)',
          values: parameters,
        });
        row = result.rows[0];
        release();
      } catch (error) {
        // The function holds a session-level lock while it inserts; never hand back a connection that might keep it.
        const unlocked = await client.query('select pg_advisory_unlock_all()').then(
          () => true,
          () => false,
        );
        release(!unlocked);
        const code = (error as { code?: string }).code;
        // Both mean another write took this stream's revision (or this event id) first.
        if (code !== UNIQUE_VIOLATION && code !== SERIALIZATION_FAILURE) throw error;
        await this.explainCollision(stream, ids, expectedRevision);
        if (attempt < 5) continue; // 'any' lost a race it does not care about: try again
        throw error;
      }
      if (!row.appended) {
        throw new ConcurrencyError(stream, expectedRevision, row.last_revision === null ? null : BigInt(row.last_revision));
      }
      const position = BigInt(row.last_position!);
      this.announce(position);
      return { nextExpectedRevision: BigInt(row.last_revision!), position };
    }
  }

  /** A collided append: a repeated event id, or another writer took the revision first. */
  private async explainCollision(stream: string, ids: string[], expectedRevision: ExpectedRevision): Promise<void> {
    const duplicate = await this.pool.query<{ event_id: string }>('select event_id from events where event_id = any($1::uuid[]) limit 1', [ids]);
    if (duplicate.rows[0]) throw new DuplicateEventError(duplicate.rows[0].event_id);
    if (expectedRevision === 'any') return;
    const current = await this.pool.query<{ revision: string | null }>(
      'select max(stream_revision) as revision from events where stream_id = $1',
      [stream],
    );
    const revision = current.rows[0].revision;
    throw new ConcurrencyError(stream, expectedRevision, revision === null ? null : BigInt(revision));
  }

  /**
   * Wakes subscribers: in this process at once, in others through NOTIFY. NOTIFY commits hold a
   * cluster-wide lock, so there is at most one every NOTIFY_INTERVAL_MS, announcing the latest
   * position; appends in between ride along.
   */
  private announce(position: bigint): void {
    this.signal.notify(position);
    if (position > this.latestAnnounced) this.latestAnnounced = position;
    if (this.announcing || this.closed) return;
    this.announcing = true;
    setTimeout(() => {
      const announced = this.latestAnnounced;
      this.pool
        .query('select pg_notify($1, $2)', [EVENTS_CHANNEL, announced.toString()])
        .catch(() => undefined) // a missed wake-up only costs other processes their poll interval
        .finally(() => {
          this.announcing = false;
          if (this.latestAnnounced > announced) this.announce(this.latestAnnounced);
        });
    }, NOTIFY_INTERVAL_MS).unref();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>(
      `select ${SELECT_COLUMNS} from events
        where stream_id = $1 and stream_revision >= $2 and ($3::bigint is null or stream_revision <= $3)
        order by stream_revision`,
      [stream, (options.fromRevision ?? 0n).toString(), options.toRevision?.toString() ?? null],
    );
    return result.rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>(
      `select ${SELECT_COLUMNS} from events
        where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by position
        limit $2`,
      [options.fromPosition.toString(), options.limit],
    );
    return result.rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.ensureListening();
    return startCatchUpSubscription(this, options);
  }

  async headPosition(): Promise<bigint> {
    const result = await this.pool.query<{ position: string | null }>(
      `select max(position) as position from events where transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
    );
    return BigInt(result.rows[0].position ?? 0);
  }

  waitForAppend(afterPosition: bigint, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    this.ensureListening();
    return this.signal.wait(afterPosition, timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.listenerRetry);
    this.signal.notify();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** LISTEN on a dedicated connection; on loss, reconnect later (waiters fall back to polling meanwhile). */
  private ensureListening(): void {
    if (this.listener || this.closed) return;
    const client = new Client({ connectionString: this.connectionString });
    this.listener = client;
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.closed) this.listenerRetry = setTimeout(() => this.ensureListening(), 1000).unref();
    };
    client.on('notification', (message) => {
      this.signal.notify(message.payload ? BigInt(message.payload) : undefined);
    });
    client.on('error', retry);
    client.on('end', retry);
    client
      .connect()
      .then(() => client.query(`listen ${EVENTS_CHANNEL}`))
      .catch(retry);
  }
}


/** A broken connection is noticed by the query that needs it; pg-pool then discards it. */
function ignoreConnectionError(): void {}

function toRecordedEvent(row: EventRow): RecordedEvent {
  // The row's metadata was parsed for this row alone, so it is completed in place: copying it
  // with a spread cost more than the rest of the mapping together (a third of catch-up reads).
  const metadata = row.metadata;
  metadata.hash = row.hash;
  metadata.previousHash = row.previous_hash;
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    position: BigInt(row.position),
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata,
  };
}
