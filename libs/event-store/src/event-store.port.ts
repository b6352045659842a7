/**
 * The one way the system records and reads events. Two adapters implement it:
 * PostgreSQL (the default) and EventStoreDB/KurrentDB. Both pass the same contract suite.
 */

/** What a writer expects of the stream: absent, present, anything, or exactly at this revision. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** Who did it: always taken from the authenticated token, never from a request body. */
export interface EventActor {
  id: string;
  name: string;
  /** The role the actor acted in. */
  role: string;
  agency: string;
  team: string;
}

export interface EventMetadata {
  actor: EventActor;
  /** When it happened in the world: comes from the command, may be earlier than recordedAt. */
  occurredAt: string;
  /** When the store recorded it (server clock at append). */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  /** Tamper evidence (see hash-chain.ts): set by the store, over the content and the previous hash. */
  hash?: string;
  previousHash?: string | null;
}

/** An event ready to append: the store adds stream, revision, position and recordedAt. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A uuid; generated when absent. A fixed id makes a retried append detectable. */
  id?: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: Omit<EventMetadata, 'recordedAt'>;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  streamId: string;
  /** 0 for the first event of a stream. */
  revision: bigint;
  /** Global position in commit order; strictly increasing, not necessarily contiguous. */
  position: bigint;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

export interface AppendResult {
  /** The revision of the last event appended: pass it as expectedRevision next time. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  position: bigint;
}

/** One stream's share of an `appendToStreams`. */
export interface StreamAppend {
  stream: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

/** Whether a stream at `actual` (null: no stream) meets an append's expectation. */
export function expectationHolds(expected: ExpectedRevision, actual: bigint | null): boolean {
  if (expected === 'no_stream') return actual === null;
  if (expected === 'stream_exists') return actual !== null;
  return expected === 'any' || actual === expected;
}

/** Why these appends cannot be made at all (a programming error, not a conflict), or undefined. */
export function invalidAppends(appends: StreamAppend[], maxEventsPerAppend = Infinity): string | undefined {
  if (appends.length === 0) return 'appendToStreams needs at least one stream';
  const streams = new Set<string>();
  for (const { stream, events } of appends) {
    if (events.length === 0) return 'append needs at least one event';
    if (events.length > maxEventsPerAppend) return `an append holds at most ${maxEventsPerAppend} events`;
    if (streams.has(stream)) return `appendToStreams names ${stream} twice`;
    streams.add(stream);
  }
  return undefined;
}

export interface ReadStreamOptions {
  fromRevision?: bigint;
  toRevision?: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. 0n reads from the start. */
  fromPosition: bigint;
  limit: number;
  /**
   * Only events of these types (the limit counts those): a reader that folds a few kinds of event
   * over the whole log (a statutory return) is not sent the rest. Absent: every event.
   */
  types?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive, as for readAll. */
  fromPosition: bigint;
  batchSize?: number;
  /** Called with each batch in position order; the next batch waits for it. */
  onEvents: (events: RecordedEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
  /** Called whenever it has read everything there is after `position` and waits live for more. */
  onCaughtUp?: (position: bigint) => void;
}

export interface Subscription {
  /** Stops reading; resolves once the batch being handled (if any) is done. */
  stop(): Promise<void>;
  /** The position of the last event handed to onEvents. */
  readonly position: bigint;
}

export abstract class EventStore {
  abstract append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Appends to several streams at once, all or none: every expectation holds and every event is
   * recorded, or a ConcurrencyError names a stream whose expectation does not hold and nothing is
   * written. Results come in the order of `appends`.
   */
  abstract appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]>;
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events in commit order; never skips an event that commits later with a lower position. */
  abstract readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: replays from a position, then goes live without a gap or a duplicate. */
  abstract subscribeToAll(options: SubscribeOptions): Subscription;
  /** The position of the last event a reader can see now (0n when empty). */
  abstract headPosition(): Promise<bigint>;
  /**
   * The highest position of any committed event, even one a reader cannot see yet because an
   * earlier position is still being written: no command has returned a position above it.
   */
  async lastCommittedPosition(): Promise<bigint> {
    return this.headPosition();
  }
  /**
   * Waits, up to `timeoutMs`, until a reader sees every event committed before the call: for a
   * whole-log read (a statutory return) that must include everything recorded before it was asked.
   * Resolves false when the time is up.
   */
  async waitUntilAllCommittedAreVisible(timeoutMs: number): Promise<boolean> {
    const committed = await this.lastCommittedPosition();
    const deadline = Date.now() + timeoutMs;
    while ((await this.headPosition()) < committed) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }
  /**
   * How many events a reader can see after `position`: how far behind a reader at that position
   * is. Positions are ordered and unique but not contiguous, so this counts; adapters that can
   * count without reading the events override it.
   */
  async countEventsAfter(position: bigint): Promise<number> {
    let count = 0;
    for (let from = position; ;) {
      const page = await this.readAll({ fromPosition: from, limit: 1000 });
      if (page.length === 0) return count;
      count += page.length;
      from = page[page.length - 1].position;
    }
  }
  /**
   * Resolves when an event after `afterPosition` may have become readable, or after `timeoutMs`.
   * A wake-up hint only: callers re-read to find out.
   */
  abstract waitForAppend(afterPosition: bigint, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  abstract close(): Promise<void>;
}
