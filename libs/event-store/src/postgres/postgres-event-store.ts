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
const UNIQUE_VIOLATION = '23505';
const NOTIFY_INTERVAL_MS = 10;
/** A position is `(transaction id << 20) + index in the append`. */
const MAX_EVENTS_PER_APPEND = 1 << 20;

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

// The reads every command and every projection batch make are named statements: parsed and
// planned once per connection rather than on every call.
const READ_STREAM = `
  select ${SELECT_COLUMNS} from events
   where stream_id = $1 and stream_revision >= $2 and ($3::bigint is null or stream_revision <= $3)
   order by stream_revision`;
const READ_ALL = `
  select ${SELECT_COLUMNS} from events
   where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
   order by position
   limit $2`;

/** The link of one event of the append, as `chainHash` in hash-chain.ts computes it. */
const link = (previousHash: string, revision: string, item: string) =>
  `encode(sha256(convert_to(coalesce(${previousHash}, '') || '|' || $1 || '|' || ${revision} || '|' || (${item} ->> 'id')::uuid || '|' || (${item} ->> 'contentHash'), 'UTF8')), 'hex')`;

/**
 * An append in one statement (its own transaction): the stream's last event (revision and hash)
 * is read, the expectation checked (no row comes back when it does not hold), and each event
 * inserted with its hash chained to the one before (R22). `unique (stream_id, stream_revision)`
 * stops a writer that raced past the check. Positions are `(transaction id << 20) + index`:
 * readers only pass rows of transactions older than every running one, so a position taken this
 * way can never land below one already read (see migration 1767000000015).
 * $1 stream, $2 'no_stream' | 'stream_exists' | 'exact' | 'any', $3 exact revision, $4 the events
 * as a JSON array, $5 recordedAt.
 */
const APPEND_EVENTS = `
  with recursive
  last_event as materialized (
    select stream_revision, hash from events where stream_id = $1 order by stream_revision desc limit 1
  ),
  expected as (
    select last_event.stream_revision as current_revision, last_event.hash as previous_hash
      from (select) as one left join last_event on true
     where case $2::text when 'no_stream' then last_event.stream_revision is null
                         when 'stream_exists' then last_event.stream_revision is not null
                         when 'exact' then last_event.stream_revision = $3::bigint
                         else true end
  ),
  chain (i, revision, item, previous_hash, hash) as (
    select 0, coalesce(current_revision, -1) + 1, $4::jsonb -> 0, previous_hash,
           ${link('previous_hash', 'coalesce(current_revision, -1) + 1', '($4::jsonb -> 0)')}
      from expected
    union all
    select i + 1, revision + 1, $4::jsonb -> (i + 1), hash, ${link('hash', 'revision + 1', '($4::jsonb -> (i + 1))')}
      from chain where i + 1 < jsonb_array_length($4::jsonb)
  )
  insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata,
                      recorded_at, content_hash, previous_hash, hash)
  select (pg_current_xact_id()::text::bigint << 20) + i, pg_current_xact_id(), $1, revision, (item ->> 'id')::uuid, item ->> 'type',
         (item ->> 'schemaVersion')::int, item -> 'data', item -> 'metadata', $5::timestamptz, item ->> 'contentHash', previous_hash, hash
    from chain
  returning position, stream_revision`;

/**
 * The PostgreSQL adapter. An append is one statement (above); readAll only passes rows whose
 * transaction is older than every transaction still running, so a reader can never step over an
 * event that commits later with a lower position.
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
    if (events.length > MAX_EVENTS_PER_APPEND) throw new Error(`an append holds at most ${MAX_EVENTS_PER_APPEND} events`);
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
      let rows: { position: string; stream_revision: string }[];
      try {
        // A named statement is parsed and planned once per connection.
        rows = (await this.pool.query({ name: 'windscreen_append_events', text: APPEND_EVENTS, values: parameters })).rows;
      } catch (error) {
        const code = (error as { code?: string }).code;
        // Another write took this stream's revision (or this event id) first.
        if (code !== UNIQUE_VIOLATION) throw error;
        await this.explainCollision(stream, ids, expectedRevision);
        if (attempt < 5) continue; // 'any' lost a race it does not care about: try again
        throw error;
      }
      if (rows.length === 0) {
        const current = await this.streamRevision(stream);
        throw new ConcurrencyError(stream, expectedRevision, current);
      }
      // RETURNING promises no order: the last event is the one with the highest revision (and position).
      const last = rows.reduce((highest, row) => (BigInt(row.stream_revision) > BigInt(highest.stream_revision) ? row : highest));
      const position = BigInt(last.position);
      this.announce(position);
      return { nextExpectedRevision: BigInt(last.stream_revision), position };
    }
  }

  /** A collided append: a repeated event id, or another writer took the revision first. */
  private async explainCollision(stream: string, ids: string[], expectedRevision: ExpectedRevision): Promise<void> {
    const duplicate = await this.pool.query<{ event_id: string }>('select event_id from events where event_id = any($1::uuid[]) limit 1', [ids]);
    if (duplicate.rows[0]) throw new DuplicateEventError(duplicate.rows[0].event_id);
    if (expectedRevision === 'any') return;
    throw new ConcurrencyError(stream, expectedRevision, await this.streamRevision(stream));
  }

  private async streamRevision(stream: string): Promise<bigint | null> {
    const current = await this.pool.query<{ revision: string | null }>('select max(stream_revision) as revision from events where stream_id = $1', [
      stream,
    ]);
    const revision = current.rows[0].revision;
    return revision === null ? null : BigInt(revision);
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
    const result = await this.pool.query<EventRow>({
      name: 'windscreen_read_stream',
      text: READ_STREAM,
      values: [stream, (options.fromRevision ?? 0n).toString(), options.toRevision?.toString() ?? null],
    });
    return result.rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>({
      name: 'windscreen_read_all',
      text: READ_ALL,
      values: [options.fromPosition.toString(), options.limit],
    });
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

  override async countEventsAfter(position: bigint): Promise<number> {
    const result = await this.pool.query<{ count: string }>(
      `select count(*) as count from events where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
      [position.toString()],
    );
    return Number(result.rows[0].count);
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
