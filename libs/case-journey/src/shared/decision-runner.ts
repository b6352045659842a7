import { Injectable, Optional } from '@nestjs/common';
import {
  AppendResult,
  ConcurrencyError,
  DuplicateEventError,
  EventStore,
  ExpectedRevision,
  NewEvent,
} from '@windscreen/event-store';
import type { CommandContext, DomainEvent } from '../domain/command';
import type { EventEnvelope } from '../domain/decider';
import type { EventSourced } from '../events/aggregates';
import { CommandAccess } from '../case/access/command-access';
import { commandEventId } from './command-ids';
import type { StreamDecisions } from './stream-decisions';

export interface DecisionResult {
  /** Revision of the stream after the decision (its last event). */
  revision: bigint;
  /** Global position of the last event written (or of the stream's last event if none was). */
  position: bigint;
}

export interface PreparedDecision {
  /** Appends what was decided, expecting the stream still at the revision it was read at. */
  commit(): Promise<DecisionResult>;
  /** What `commitTogether` appends: the stream, the events decided (none: nothing to write), and how to remember it. */
  readonly planned: PlannedAppend;
}

interface PlannedAppend {
  stream: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
  from: LoadedStream<unknown>;
  /** Remembers the stream as this append leaves it. */
  written(result: AppendResult): DecisionResult;
  /** What this command recorded on the stream in an earlier attempt (same Idempotency-Key), if anything. */
  recordedBefore(): Promise<DecisionResult | undefined>;
}

/** A stream as read: the state its events fold to, and where it ends. */
export interface LoadedStream<S> {
  state: S;
  /** The revision of its last event; undefined when the stream has no events. */
  revision: bigint | undefined;
  /** The position of its last event (0 when there is none). */
  position: bigint;
  /** Remembered from this process's own last write rather than read: it may be out of date. */
  remembered?: boolean;
}

/** Streams whose state is remembered at once; past it, the one written longest ago is forgotten. */
const REMEMBERED_STREAMS = 10_000;

/**
 * The whole of command handling: fold the stream, decide, append with the revision it was at.
 * A concurrent writer makes the append fail with a ConcurrencyError (409).
 *
 * The state a stream reached with this process's last write to it is remembered, so that the next
 * command on it need not read and fold it again. It is only ever a hint: every append expects the
 * revision the decision was made at, so if anyone else has written since, the append is refused,
 * and the command is decided again on the stream as read (only then is a conflict a 409).
 */
@Injectable()
export class DecisionRunner implements StreamDecisions<PreparedDecision> {
  private readonly remembered = new Map<string, LoadedStream<unknown>>();

  constructor(
    private readonly store: EventStore,
    /** Need-to-know and separation of duties, checked on the state loaded, before any rule. */
    @Optional() private readonly access?: CommandAccess,
  ) {}

  /** The stream as it is in the store now. */
  async loadState<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
  ): Promise<LoadedStream<S>> {
    const recorded = await this.store.readStream(stream);
    const state = recorded.reduce(
      (current, event) => decider.evolve(current, decider.decode(event)),
      decider.initialState(),
    );
    const last = recorded[recorded.length - 1];
    return { state, revision: last?.revision, position: last?.position ?? 0n };
  }

  /**
   * The stream to decide on before appending to it: as remembered from this process's last write,
   * else as read. Only for a stream the decision is then appended to, which checks it.
   */
  async loadForDecision<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
  ): Promise<LoadedStream<S>> {
    const known = this.remembered.get(stream) as LoadedStream<S> | undefined;
    return known ? { ...known, remembered: true } : this.loadState(decider, stream);
  }

  /**
   * A stream named by an id this command has just generated: it has no events, so it is not read.
   * Should it exist after all, the append (expecting no stream) is refused.
   */
  newStream<C, E extends DomainEvent<string, unknown>, S>(decider: EventSourced<C, E, S>): LoadedStream<S> {
    return { state: decider.initialState(), revision: undefined, position: 0n };
  }

  /** Decide and append; on `loaded` when the handler has already loaded the stream. */
  async run<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<DecisionResult> {
    return (await this.prepare(decider, stream, command, loaded)).commit();
  }

  /**
   * For commands whose rules depend on the stream as a whole (R2: one open EHA per family): when
   * another writer got in first, decide again on what is now there, so the loser gets the rule's
   * refusal rather than a bare concurrency error.
   */
  async runRedecidingOnConflict<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    command: C,
    attempts = 5,
  ): Promise<DecisionResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(decider, stream, command);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
      }
    }
  }

  /**
   * Decide now, append later: for a command that writes to more than one stream, every decision
   * is made (and may be refused) before anything is written. The append expects the stream as it
   * was loaded, so deciding on a `loaded` stream loaded earlier is as safe as loading it here.
   */
  async prepare<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<PreparedDecision> {
    // A retry of a command whose events are already recorded (the answer was lost): the first result, and nothing decided again.
    if (command.context.idempotencyKey !== undefined) {
      const earlier = await this.recordedBefore(stream, command.context);
      if (earlier) return this.alreadyRecorded(stream, command.context, earlier);
    }
    const from = loaded ?? (await this.loadForDecision(decider, stream));
    let decided: E[];
    try {
      const authorising = this.access?.authorise(decider, command, from.state, this);
      if (authorising) await authorising;
      decided = decider.decide(command, from.state);
    } catch (refusal) {
      // A refusal (or a 404 of need-to-know) must rest on the stream as it is, not as this process last saw it.
      if (!from.remembered) throw refusal;
      this.remembered.delete(stream);
      return this.prepare(decider, stream, command, await this.loadState(decider, stream));
    }
    const planned = this.plan(decider, stream, command.context, from, decided);
    return {
      planned,
      commit: async () => {
        if (decided.length === 0) return { revision: from.revision ?? -1n, position: from.position };
        try {
          return planned.written(
            await this.store.append(stream, planned.events, { expectedRevision: planned.expectedRevision }),
          );
        } catch (error) {
          this.remembered.delete(stream);
          // Another attempt of this very command (same Idempotency-Key) recorded it meanwhile: answer as it did.
          if (error instanceof DuplicateEventError) {
            const recorded = await planned.recordedBefore();
            if (recorded) return recorded;
          }
          if (!(error instanceof ConcurrencyError) || !from.remembered) throw error;
          // Someone else wrote since this process did: decide again on the stream as it is.
          return (await this.prepare(decider, stream, command, await this.loadState(decider, stream))).commit();
        }
      },
    };
  }

  /**
   * Appends decisions on several streams in one all-or-none append (a new family and its first
   * case): neither stream is ever written without the other. No second decision on a conflict:
   * nothing was written, and the ConcurrencyError goes to the caller.
   */
  async commitTogether(decisions: PreparedDecision[]): Promise<DecisionResult[]> {
    const writing = decisions.filter((decision) => decision.planned.events.length > 0);
    let results: AppendResult[] = [];
    try {
      // Nothing to write when an earlier attempt of the command recorded every stream's events.
      if (writing.length > 0) results = await this.store.appendToStreams(writing.map(({ planned }) => planned));
    } catch (error) {
      for (const { planned } of writing) this.remembered.delete(planned.stream);
      if (!(error instanceof DuplicateEventError)) throw error;
      // Another attempt of this very command recorded them (all or none): answer as it did.
      const recorded = await Promise.all(decisions.map(({ planned }) => planned.recordedBefore()));
      if (recorded.some((result) => result === undefined)) throw error;
      return recorded as DecisionResult[];
    }
    return decisions.map(({ planned }) => {
      const index = writing.findIndex((decision) => decision.planned === planned);
      return index >= 0
        ? planned.written(results[index])
        : { revision: planned.from.revision ?? -1n, position: planned.from.position };
    });
  }

  private plan<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    context: CommandContext,
    from: LoadedStream<S>,
    decided: E[],
  ): PlannedAppend {
    const { actor, occurredAt, correlationId, causationId } = context;
    const metadata = {
      actor: { id: actor.id, name: actor.name, role: actor.role, agency: actor.agency, team: actor.team },
      occurredAt,
      correlationId,
      causationId,
    };
    const events: NewEvent[] = decided.map((event, index) => ({
      id: commandEventId(context, stream, index),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
    }));
    return {
      stream,
      events,
      expectedRevision: from.revision ?? 'no_stream',
      from,
      recordedBefore: () => this.recordedBefore(stream, context),
      written: (result) => {
        this.remember(stream, {
          // Folded as the store hands the events back: through JSON, ids and metadata included.
          state: events.reduce(
            (state, event) => decider.evolve(state, JSON.parse(JSON.stringify(event)) as EventEnvelope<E>),
            from.state,
          ),
          revision: result.nextExpectedRevision,
          position: result.position,
        });
        return { revision: result.nextExpectedRevision, position: result.position };
      },
    };
  }

  /**
   * With an Idempotency-Key, the events this command would append have ids derived from it: if the
   * first is on the stream, an earlier attempt recorded them all (one append), and this is what it
   * answered. Without a key, nothing to look for.
   */
  private async recordedBefore(stream: string, context: CommandContext): Promise<DecisionResult | undefined> {
    if (context.idempotencyKey === undefined) return undefined;
    const recorded = await this.store.readStream(stream);
    const byId = new Map(recorded.map((event) => [event.id, event]));
    let last;
    for (let index = 0; byId.has(commandEventId(context, stream, index)); index++)
      last = byId.get(commandEventId(context, stream, index));
    return last && { revision: last.revision, position: last.position };
  }

  /** A decision whose events an earlier attempt recorded: it writes nothing and answers as that attempt did. */
  private alreadyRecorded(stream: string, context: CommandContext, earlier: DecisionResult): PreparedDecision {
    const from: LoadedStream<unknown> = { state: undefined, revision: earlier.revision, position: earlier.position };
    return {
      planned: {
        stream,
        events: [],
        expectedRevision: earlier.revision,
        from,
        written: () => earlier,
        recordedBefore: () => this.recordedBefore(stream, context),
      },
      commit: async () => earlier,
    };
  }

  private remember(stream: string, loaded: LoadedStream<unknown>): void {
    // Re-inserted, so that the map stays ordered by last write, oldest first.
    this.remembered.delete(stream);
    this.remembered.set(stream, loaded);
    if (this.remembered.size > REMEMBERED_STREAMS) this.remembered.delete(this.remembered.keys().next().value!);
  }
}
