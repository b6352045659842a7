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
  StreamAppend,
  SubscribeOptions,
  Subscription,
  expectationHolds,
  invalidAppends,
} from '../event-store.port';

export const EVENTS_CHANNEL = 'windscreen_events';
const UNIQUE_VIOLATION = '23505';
const NOTIFY_INTERVAL_MS = 10;
/** A position is `(transaction id << 20) + index in the append`. */
const MAX_EVENTS_PER_APPEND = 1 << 20;
/** Group commit: batches written at once; appends arriving meanwhile wait for the next batch. */
const MAX_BATCHES_IN_FLIGHT = 2;
/** A batch takes waiting appends until it holds this many events (one append may hold more). */
const MAX_EVENTS_PER_BATCH = 1000;

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

const SELECT_COLUMNS =
  'position, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, hash, previous_hash';

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

const READ_ALL_OF_TYPES = `
  select ${SELECT_COLUMNS} from events
   where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot()) and event_type = any($3::text[])
   order by position
   limit $2`;

/** The link of one event, as `chainHash` in hash-chain.ts computes it. */
const link = (previousHash: string, stream: string, revision: string, item: string) =>
  `encode(sha256(convert_to(coalesce(${previousHash}, '') || '|' || ${stream} || '|' || ${revision} || '|' || (${item} ->> 'id')::uuid || '|' || (${item} ->> 'contentHash'), 'UTF8')), 'hex')`;

/** In SQL, `expectationHolds` of the port: whether a stream at `current` (null: no stream) meets an append's expectation (`expected`, `revision`). */
const expectationHoldsInSql = (current: string, expected: string, revision: string) =>
  `case ${expected} when 'no_stream' then ${current} is null
                   when 'stream_exists' then ${current} is not null
                   when 'exact' then ${current} = ${revision}
                   else true end`;

const INSERT_EVENTS = `insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data,
                                           metadata, recorded_at, content_hash, previous_hash, hash)`;

/**
 * One append in one statement (its own transaction): the stream's last event (revision and hash)
 * is read, the expectation checked (no row comes back when it does not hold), and each event
 * inserted with its hash chained to the one before (R22). `unique (stream_id, stream_revision)`
 * stops a writer that raced past the check. Positions are `(transaction id << 20) + index`:
 * readers only pass rows of transactions older than every running one, so a position taken this
 * way can never land below one already read (see migration 1767000000015).
 * $1 stream, $2 'no_stream' | 'stream_exists' | 'exact' | 'any', $3 exact revision, $4 the events
 * as a JSON array, $5 recordedAt. APPEND_BATCH does the same for several; this one, without
 * unpacking a list of appends, is the faster for one.
 */
const APPEND_ONE = `
  with recursive
  last_event as materialized (
    select stream_revision, hash from events where stream_id = $1 order by stream_revision desc limit 1
  ),
  expected as (
    select last_event.stream_revision as current_revision, last_event.hash as previous_hash
      from (select) as one left join last_event on true
     where ${expectationHoldsInSql('last_event.stream_revision', '$2::text', '$3::bigint')}
  ),
  chain (i, revision, item, previous_hash, hash) as (
    select 0, coalesce(current_revision, -1) + 1, $4::jsonb -> 0, previous_hash,
           ${link('previous_hash', '$1', 'coalesce(current_revision, -1) + 1', '($4::jsonb -> 0)')}
      from expected
    union all
    select i + 1, revision + 1, $4::jsonb -> (i + 1), hash, ${link('hash', '$1', 'revision + 1', '($4::jsonb -> (i + 1))')}
      from chain where i + 1 < jsonb_array_length($4::jsonb)
  )
  ${INSERT_EVENTS}
  select (pg_current_xact_id()::text::bigint << 20) + i, pg_current_xact_id(), $1, revision, (item ->> 'id')::uuid, item ->> 'type',
         (item ->> 'schemaVersion')::int, item -> 'data', item -> 'metadata', $5::timestamptz, item ->> 'contentHash', previous_hash, hash
    from chain
  returning stream_id, position, stream_revision`;

/**
 * Several appends to different streams in one statement (group commit): one transaction and one
 * commit for all of them. Each is checked against its own expectation as in APPEND_ONE; one that
 * does not hold inserts nothing, nor does any other append of its group (the streams of one
 * `appendToStreams`), and leaves the other groups be. Positions are numbered through the whole
 * batch in its order. $1: the appends as a JSON array of
 * `{ stream, expected, revision, recordedAt, events, group }`.
 */
const APPEND_BATCH = `
  with recursive
  appends as materialized (
    select (ordinality - 1)::int as a, value ->> 'stream' as stream, value ->> 'expected' as expected,
           (value ->> 'revision')::bigint as expected_revision, (value ->> 'recordedAt')::timestamptz as recorded_at,
           value -> 'events' as events, (value ->> 'group')::int as grp
      from jsonb_array_elements($1::jsonb) with ordinality
  ),
  checked as materialized (
    select appends.*, last_event.stream_revision as current_revision, last_event.hash as previous_hash,
           ${expectationHoldsInSql('last_event.stream_revision', 'expected', 'expected_revision')} as holds
      from appends left join lateral (
             select stream_revision, hash from events where stream_id = appends.stream order by stream_revision desc limit 1
           ) as last_event on true
  ),
  accepted as materialized (
    select * from checked as c where not exists (select from checked as other where other.grp = c.grp and not other.holds)
  ),
  chain (a, i, stream, revision, events, recorded_at, item, previous_hash, hash) as (
    select a, 0, stream, coalesce(current_revision, -1) + 1, events, recorded_at, events -> 0, previous_hash,
           ${link('previous_hash', 'stream', 'coalesce(current_revision, -1) + 1', '(events -> 0)')}
      from accepted
    union all
    select a, i + 1, stream, revision + 1, events, recorded_at, events -> (i + 1), hash,
           ${link('hash', 'stream', 'revision + 1', '(events -> (i + 1))')}
      from chain where i + 1 < jsonb_array_length(events)
  )
  ${INSERT_EVENTS}
  select (pg_current_xact_id()::text::bigint << 20) + row_number() over (order by a, i) - 1, pg_current_xact_id(), stream, revision,
         (item ->> 'id')::uuid, item ->> 'type', (item ->> 'schemaVersion')::int, item -> 'data', item -> 'metadata', recorded_at,
         item ->> 'contentHash', previous_hash, hash
    from chain
  returning stream_id, position, stream_revision`;

interface AppendedRow {
  stream_id: string;
  position: string;
  stream_revision: string;
}

/** RETURNING promises no order: a stream's last event is its row with the highest revision. */
function lastOfEachStream(rows: AppendedRow[]): Map<string, AppendResult> {
  const last = new Map<string, AppendResult>();
  for (const row of rows) {
    const revision = BigInt(row.stream_revision);
    const known = last.get(row.stream_id);
    if (!known || revision > known.nextExpectedRevision)
      last.set(row.stream_id, { nextExpectedRevision: revision, position: BigInt(row.position) });
  }
  return last;
}

/** One stream's part of an append, ready to send. */
interface StreamPart {
  stream: string;
  expectedRevision: ExpectedRevision;
  recordedAt: string;
  events: { id: string; type: string; schemaVersion: number; data: unknown; metadata: unknown; contentHash: string }[];
}

/** An append waiting for its batch: one stream's, or several streams' written all or none. */
interface PendingAppend {
  parts: StreamPart[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

const expectationOf = (expected: ExpectedRevision) => (typeof expected === 'bigint' ? 'exact' : expected);
const revisionOf = (expected: ExpectedRevision) => (typeof expected === 'bigint' ? expected.toString() : null);

/**
 * The PostgreSQL adapter. An append is one statement (APPEND_ONE), or shares one (APPEND_BATCH)
 * with the appends that arrived with it (group commit, see `append`); readAll only passes rows
 * whose transaction is older than every transaction still running, so a reader can never step
 * over an event that commits later with a lower position.
 */
export class PostgresEventStore extends EventStore {
  private readonly signal = new AppendSignal();
  private listener: Client | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private closed = false;
  private announcing = false;
  private latestAnnounced = 0n;
  private readonly waiting: PendingAppend[] = [];
  /** Streams in the batches being written. */
  private readonly writing = new Set<string>();
  private batchesInFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  /**
   * Group commit: while MAX_BATCHES_IN_FLIGHT batches are being written, appends wait and go
   * together in the next one, one transaction for all; with nothing in flight, an append goes at
   * once. Each is answered only once its batch has committed, and each keeps its own expectation.
   * Two appends to one stream never share or overlap batches: the later one waits.
   */
  async append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const [result] = await this.appendToStreams([{ stream, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  /** As `append`, for several streams at once: they go in one batch, and are written all or none. */
  appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    const problem = invalidAppends(appends, MAX_EVENTS_PER_APPEND);
    if (problem) return Promise.reject(new Error(problem));
    const recordedAt = this.clock().toISOString();
    const parts = appends.map(({ stream, events, expectedRevision }) => ({
      stream,
      expectedRevision,
      recordedAt,
      events: events.map((event) => ({
        id: event.id ?? randomUUID(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { ...event.metadata, recordedAt },
        contentHash: contentHashOfNew(event, recordedAt),
      })),
    }));
    return new Promise((resolve, reject) => {
      this.waiting.push({ parts, resolve, reject });
      this.writeWaiting();
    });
  }

  private writeWaiting(): void {
    while (this.batchesInFlight < MAX_BATCHES_IN_FLIGHT && this.waiting.length > 0) {
      const batch: PendingAppend[] = [];
      let eventCount = 0;
      for (let i = 0; i < this.waiting.length;) {
        const pending = this.waiting[i];
        if (pending.parts.some((part) => this.writing.has(part.stream))) {
          i++; // one of its streams is being written: it waits for that batch
          continue;
        }
        const events = pending.parts.reduce((count, part) => count + part.events.length, 0);
        if (batch.length > 0 && eventCount + events > MAX_EVENTS_PER_BATCH) break;
        this.waiting.splice(i, 1);
        for (const part of pending.parts) this.writing.add(part.stream);
        batch.push(pending);
        eventCount += events;
      }
      if (batch.length === 0) return;
      this.batchesInFlight++;
      void this.writeBatch(batch).finally(() => {
        this.batchesInFlight--;
        for (const pending of batch) for (const part of pending.parts) this.writing.delete(part.stream);
        this.writeWaiting();
      });
    }
  }

  /** Writes one batch and answers each of its appends; never rejects. */
  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    if (batch.length === 1) {
      await this.appendAlone(batch[0]).then(batch[0].resolve, batch[0].reject);
      return;
    }
    let written: Map<string, AppendResult>;
    try {
      written = await this.send(batch);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      // Another writer (or a repeated event id) collided with one of them: each alone tells which.
      await Promise.all(batch.map((pending) => this.appendAlone(pending).then(pending.resolve, pending.reject)));
      return;
    }
    await Promise.all(batch.map((pending) => this.answer(pending, written).then(pending.resolve, pending.reject)));
  }

  /** One append on its own: a collision is explained, and an append expecting 'any' tries again. */
  private async appendAlone(pending: PendingAppend): Promise<AppendResult[]> {
    for (let attempt = 1; ; attempt++) {
      let written: Map<string, AppendResult>;
      try {
        written = await this.send([pending]);
      } catch (error) {
        // Another write took one of its streams' revisions (or one of its event ids) first.
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        for (const part of pending.parts) {
          await this.explainCollision(
            part.stream,
            part.events.map((event) => event.id),
            part.expectedRevision,
          );
        }
        if (attempt < 5) continue; // 'any' lost a race it does not care about: try again
        throw error;
      }
      return this.answer(pending, written);
    }
  }

  /**
   * Each stream's result once all of the append's streams were written; else (an expectation did
   * not hold, and nothing of the append was written) a ConcurrencyError naming a stream whose
   * expectation does not hold now (the first stream, should another write have moved them all).
   */
  private async answer(pending: PendingAppend, written: Map<string, AppendResult>): Promise<AppendResult[]> {
    const results = pending.parts.map((part) => written.get(part.stream));
    if (results.every((result) => result !== undefined)) return results;
    const current = await Promise.all(pending.parts.map((part) => this.streamRevision(part.stream)));
    const refused = pending.parts.findIndex((part, i) => !expectationHolds(part.expectedRevision, current[i]));
    const part = pending.parts[Math.max(0, refused)];
    throw new ConcurrencyError(part.stream, part.expectedRevision, current[Math.max(0, refused)]);
  }

  /** The statement itself; wakes subscribers for what it wrote. */
  private async send(appends: PendingAppend[]): Promise<Map<string, AppendResult>> {
    // One JSON document for the events: cheaper to send and parse than parallel arrays. Named
    // statements are parsed and planned once per connection.
    const parts = appends.flatMap((pending, group) => pending.parts.map((part) => ({ part, group })));
    // Inserted in stream order: two processes' batches then take their rows' unique keys in the
    // same order, so neither can wait on the other while holding what the other waits for.
    parts.sort((a, b) => (a.part.stream < b.part.stream ? -1 : a.part.stream > b.part.stream ? 1 : 0));
    const [{ part: one }] = parts;
    const query =
      parts.length === 1
        ? {
            name: 'windscreen_append_one',
            text: APPEND_ONE,
            values: [
              one.stream,
              expectationOf(one.expectedRevision),
              revisionOf(one.expectedRevision),
              JSON.stringify(one.events),
              one.recordedAt,
            ],
          }
        : {
            name: 'windscreen_append_batch',
            text: APPEND_BATCH,
            values: [
              JSON.stringify(
                parts.map(({ part, group }) => ({
                  stream: part.stream,
                  expected: expectationOf(part.expectedRevision),
                  revision: revisionOf(part.expectedRevision),
                  recordedAt: part.recordedAt,
                  events: part.events,
                  group,
                })),
              ),
            ],
          };
    const written = lastOfEachStream((await this.pool.query<AppendedRow>(query)).rows);
    let highest = 0n;
    for (const result of written.values()) if (result.position > highest) highest = result.position;
    if (highest > 0n) this.announce(highest);
    return written;
  }

  /** A collided append: a repeated event id, or another writer took the revision first. */
  private async explainCollision(stream: string, ids: string[], expectedRevision: ExpectedRevision): Promise<void> {
    const duplicate = await this.pool.query<{ event_id: string }>(
      'select event_id from events where event_id = any($1::uuid[]) limit 1',
      [ids],
    );
    if (duplicate.rows[0]) throw new DuplicateEventError(duplicate.rows[0].event_id);
    if (expectedRevision === 'any') return;
    throw new ConcurrencyError(stream, expectedRevision, await this.streamRevision(stream));
  }

  private async streamRevision(stream: string): Promise<bigint | null> {
    const current = await this.pool.query<{ revision: string | null }>(
      'select max(stream_revision) as revision from events where stream_id = $1',
      [stream],
    );
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
    const result = await this.pool.query<EventRow>(
      options.types
        ? {
            name: 'windscreen_read_all_of_types',
            text: READ_ALL_OF_TYPES,
            values: [options.fromPosition.toString(), options.limit, options.types],
          }
        : { name: 'windscreen_read_all', text: READ_ALL, values: [options.fromPosition.toString(), options.limit] },
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

  override async lastCommittedPosition(): Promise<bigint> {
    const result = await this.pool.query<{ position: string | null }>(`select max(position) as position from events`);
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
