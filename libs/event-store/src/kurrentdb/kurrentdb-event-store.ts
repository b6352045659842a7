import { randomUUID } from 'node:crypto';
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  JSONType,
  KurrentDBClient,
  NO_STREAM,
  ReadAllOptions as ClientReadAllOptions,
  ResolvedEvent,
  START,
  AppendConsistencyViolationError,
  AppendStreamRequest,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { AppendSignal } from '../append-signal';
import { startCatchUpSubscription } from '../catch-up-subscription';
import { ConcurrencyError } from '../event-store.errors';
import { chainHash, contentHashOfNew } from '../hash-chain';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  expectationHolds,
  NewEvent,
  ReadAllOptions,
  invalidAppends,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';

/** What servers before 22.6 put in a stream read's position: they only know it when reading $all. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;
const HEAD_PAGE = 20;
const LIVE_RETRY_MS = 1000;

type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;
type StoredMetadata = EventMetadata & { schemaVersion?: number };

/**
 * The EventStoreDB / KurrentDB adapter. A position is the event's $all commit position: ordered
 * and unique per event (each event of an append has its own), not contiguous. The server writes
 * one log in order, so a reader of $all never passes over an event that shows up later.
 * System events ($-prefixed type or stream) are never returned.
 */
export class KurrentDbEventStore extends EventStore {
  private readonly client: KurrentDBClient;
  private readonly signal = new AppendSignal();
  private live: AllStreamSubscription | undefined;
  private liveRetry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    connectionString: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const { expectedRevision } = options;
    const problem = invalidAppends([{ stream, events, expectedRevision }]);
    if (problem) throw new Error(problem);
    const recordedAt = this.clock().toISOString();
    // Ids fixed once, so that a retry after losing a race repeats the same events.
    const identified = events.map((event) => ({ ...event, id: event.id ?? randomUUID() }));
    for (let attempt = 1; ; attempt++) {
      // The hash chain needs the stream's last hash, so every append is made at an exact revision.
      const last = await this.lastEventOf(stream);
      const actual = last?.revision ?? null;
      if (!expectationHolds(expectedRevision, actual)) throw new ConcurrencyError(stream, expectedRevision, actual);
      const chained = this.chain(stream, identified, recordedAt, last).map((event) => jsonEvent(event));
      let result;
      try {
        result = await this.client.appendToStream(stream, chained, { streamState: actual ?? NO_STREAM });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Another writer got in between the read and the append.
        if (typeof expectedRevision !== 'bigint' && expectedRevision !== 'no_stream' && attempt < 5) continue;
        const current = error.actualState;
        // Negative revisions are the server's markers for a missing or deleted stream.
        throw new ConcurrencyError(
          stream,
          expectedRevision,
          typeof current === 'bigint' && current >= 0n ? current : null,
        );
      }
      const revision = result.nextExpectedRevision;
      // The server leaves the position out in rare cases (e.g. some idempotent retries): read it back.
      const position =
        known(result.position?.commit) ??
        (await this.readStream(stream, { fromRevision: revision, toRevision: revision }))[0]?.position;
      if (position === undefined) throw new Error(`KurrentDB did not report the position of ${stream}@${revision}`);
      this.signal.notify(position);
      return { nextExpectedRevision: revision, position };
    }
  }

  /**
   * Several streams in one multi-stream append (server 25.1 or later): the server writes all or
   * none. Each stream is read first for its hash chain and checked against its expectation; the
   * server refuses the whole append if any stream moved meanwhile.
   */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    const problem = invalidAppends(appends);
    if (problem) throw new Error(problem);
    if (appends.length === 1) {
      const [{ stream, events, expectedRevision }] = appends;
      return [await this.append(stream, events, { expectedRevision })];
    }
    const recordedAt = this.clock().toISOString();
    const requests: AppendStreamRequest[] = [];
    for (const { stream, events, expectedRevision } of appends) {
      const last = await this.lastEventOf(stream);
      const actual = last?.revision ?? null;
      if (!expectationHolds(expectedRevision, actual)) throw new ConcurrencyError(stream, expectedRevision, actual);
      // A multi-stream append carries metadata as text values only: each value goes as its JSON.
      const chained = this.chain(stream, events, recordedAt, last).map(({ id, type, data, metadata }) =>
        jsonEvent({ id, type, data, metadata: encodeMetadata(metadata) }),
      );
      requests.push({ streamName: stream, events: chained, expectedState: actual ?? NO_STREAM });
    }
    let result;
    try {
      result = await this.client.multiStreamAppend(requests);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError || error instanceof AppendConsistencyViolationError))
        throw error;
      // Someone wrote to one of the streams since it was read: name one whose expectation fails now.
      for (const { stream, expectedRevision } of appends) {
        const actual = (await this.lastEventOf(stream))?.revision ?? null;
        if (!expectationHolds(expectedRevision, actual)) throw new ConcurrencyError(stream, expectedRevision, actual);
      }
      const [{ stream, expectedRevision }] = appends;
      throw new ConcurrencyError(stream, expectedRevision, (await this.lastEventOf(stream))?.revision ?? null);
    }
    const results: AppendResult[] = [];
    for (const { streamName, revision } of result.responses) {
      const [last] = await this.readStream(streamName, { fromRevision: revision, toRevision: revision });
      if (!last) throw new Error(`KurrentDB did not return ${streamName}@${revision} after appending it`);
      this.signal.notify(last.position);
      results.push({ nextExpectedRevision: revision, position: last.position });
    }
    return appends.map(
      ({ stream }) => results[result.responses.findIndex((response) => response.streamName === stream)],
    );
  }

  /** The events with their ids, revisions and hash chain, after the stream's `last` event. */
  private chain(stream: string, events: NewEvent[], recordedAt: string, last: RecordedEvent | undefined) {
    let previousHash = last?.metadata.hash ?? null;
    return events.map((event, i) => {
      const id = event.id ?? randomUUID();
      const revision = (last?.revision ?? -1n) + BigInt(i + 1);
      const hash = chainHash(previousHash, stream, revision, id, contentHashOfNew(event, recordedAt));
      const metadata = { ...event.metadata, recordedAt, schemaVersion: event.schemaVersion, previousHash, hash };
      previousHash = hash;
      return { id, type: event.type, data: event.data as JSONType, metadata };
    });
  }

  private async lastEventOf(stream: string): Promise<RecordedEvent | undefined> {
    try {
      for await (const resolved of this.client.readStream(stream, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        const position = positionOf(resolved);
        return toRecordedEvent(resolved, position ?? 0n);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0n;
    if (options.toRevision !== undefined && options.toRevision < from) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        fromRevision: from,
        direction: FORWARDS,
        ...(options.toRevision !== undefined && { maxCount: options.toRevision - from + 1n }),
      })) {
        const event = resolved.event;
        if (!event) continue;
        // Stream reads carry the $all position from server 22.6 on; there is no cheap way to find it
        // otherwise, and a made-up one would break readAll/subscriptions, so refuse older servers.
        const position = positionOf(resolved);
        if (position === undefined) {
          throw new Error(
            `KurrentDB did not report the position of ${stream}@${event.revision}: the adapter needs server 22.6 or later`,
          );
        }
        const recorded = toRecordedEvent(resolved, position);
        if (recorded) events.push(recorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from = options.fromPosition;
    // The server filters out system event types itself; system streams with other types are dropped
    // here, so keep reading until the limit is met or $all runs out.
    while (events.length < options.limit) {
      // The client's fromPosition is inclusive: one more, for the event at `from` itself.
      const want = options.limit - events.length + 1;
      const page = await this.readAllPage({
        fromPosition: from === 0n ? START : { commit: from, prepare: from },
        direction: FORWARDS,
        maxCount: want,
        filter: options.types ? eventTypeFilter({ regex: exactly(options.types) }) : excludeSystemEvents(),
      });
      let progressed = false;
      for (const resolved of page) {
        const position = allPositionOf(resolved);
        if (position <= from) continue;
        if (events.length === options.limit) break;
        progressed = true;
        from = position;
        const recorded = toRecordedEvent(resolved, position);
        if (recorded) events.push(recorded);
      }
      // A short page is the end of $all (the server fills pages up to maxCount).
      if (!progressed || page.length < want) break;
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.ensureLive();
    return startCatchUpSubscription(this, options);
  }

  async headPosition(): Promise<bigint> {
    let before: bigint | undefined;
    for (;;) {
      const page = await this.readAllPage({
        fromPosition: before === undefined ? END : { commit: before, prepare: before },
        direction: BACKWARDS,
        maxCount: HEAD_PAGE,
        filter: excludeSystemEvents(),
      });
      for (const resolved of page) {
        const position = allPositionOf(resolved);
        if (before !== undefined && position >= before) continue;
        if (!isSystem(resolved)) return position;
        before = position;
      }
      if (page.length < HEAD_PAGE) return 0n;
    }
  }

  waitForAppend(afterPosition: bigint, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    this.ensureLive();
    return this.signal.wait(afterPosition, timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.liveRetry);
    const live = this.live;
    this.live = undefined;
    await live?.unsubscribe().catch(() => undefined);
    this.signal.notify();
    await this.client.dispose();
  }

  /** Reads a whole page: leaving a read half consumed would keep its server stream open. */
  private async readAllPage(options: ClientReadAllOptions): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll(options)) page.push(resolved);
    return page;
  }

  /** A live subscription from the end of $all, only to wake waiters; on loss, start again later (waiters poll meanwhile). */
  private ensureLive(): void {
    if (this.live || this.closed) return;
    const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    this.live = live;
    const retry = () => {
      if (this.live !== live) return;
      this.live = undefined;
      live.unsubscribe().catch(() => undefined);
      if (!this.closed) this.liveRetry = setTimeout(() => this.ensureLive(), LIVE_RETRY_MS).unref();
    };
    live.on('data', (resolved: AllStreamResolvedEvent) => this.signal.notify(positionOf(resolved)));
    live.on('error', retry);
    live.on('end', retry);
  }
}

/** The commit position, or undefined when the server did not say. */
function positionOf(resolved: AnyResolvedEvent): bigint | undefined {
  return known(resolved.event?.position?.commit) ?? known(resolved.commitPosition);
}

/** $all reads always carry the position; without it a reader could not move on. */
function allPositionOf(resolved: AllStreamResolvedEvent): bigint {
  const position = positionOf(resolved);
  if (position === undefined) throw new Error('KurrentDB returned an $all event without a position');
  return position;
}

function known(position: bigint | undefined): bigint | undefined {
  return position === undefined || position < 0n || position === UNKNOWN_POSITION ? undefined : position;
}

function isSystem(resolved: AnyResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** Undefined for system events and for non-JSON events, which this system never writes. */
function toRecordedEvent(resolved: AnyResolvedEvent, position: bigint): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystem(resolved) || !event.isJson) return undefined;
  const { schemaVersion, ...metadata } = decodeMetadata(
    (event.metadata ?? {}) as Record<string, unknown>,
  ) as unknown as StoredMetadata;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position,
    type: event.type,
    schemaVersion: schemaVersion ?? 1,
    data: event.data,
    metadata,
  };
}

/** Marks metadata whose values are each their JSON text (multi-stream appends take text values only). */
const TEXT_VALUES = 'windscreen.textValues';

function encodeMetadata(metadata: Record<string, unknown>): Record<string, string> {
  const encoded: Record<string, string> = { [TEXT_VALUES]: 'true' };
  for (const [key, value] of Object.entries(metadata)) encoded[key] = JSON.stringify(value);
  return encoded;
}

function decodeMetadata(stored: Record<string, unknown>): Record<string, unknown> {
  if (stored[TEXT_VALUES] !== 'true') return stored;
  const decoded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) if (key !== TEXT_VALUES) decoded[key] = JSON.parse(String(value));
  return decoded;
}

/** A server-side filter regex matching exactly these event types. */
function exactly(types: readonly string[]): string {
  return `^(${types.map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}
