import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ConcurrencyError, EventStore, NewEvent, RecordedEvent } from '@windscreen/event-store';
import type { CommandContext, DomainEvent } from '../domain/command';
import type { Decider, EventEnvelope } from '../domain/decider';

export interface DecisionResult {
  /** Revision of the stream after the decision (its last event). */
  revision: bigint;
  /** Global position of the last event written (or of the stream's last event if none was). */
  position: bigint;
}

export interface PreparedDecision {
  /** Appends what was decided, expecting the stream still at the revision it was read at. */
  commit(): Promise<DecisionResult>;
}

/** A stream as read: its events, and the state they fold to. */
export interface LoadedStream<S> {
  state: S;
  recorded: RecordedEvent[];
}

/** Published on the in-process EventBus only after the events are safely in the store. */
export class EventsRecorded {
  constructor(readonly streamId: string, readonly position: bigint) {}
}

/**
 * The whole of command handling: read the stream, fold it, decide, append with the revision
 * that was read. A concurrent writer makes the append fail with a ConcurrencyError (409).
 */
@Injectable()
export class DecisionRunner {
  constructor(
    private readonly store: EventStore,
    private readonly eventBus: EventBus,
  ) {}

  async loadState<C, E extends DomainEvent<string, unknown>, S>(decider: Decider<C, E, S>, stream: string): Promise<LoadedStream<S>> {
    const recorded = await this.store.readStream(stream);
    const state = recorded.reduce((current, event) => decider.evolve(current, event as unknown as EventEnvelope<E>), decider.initialState());
    return { state, recorded };
  }

  /**
   * A stream named by an id this command has just generated: it has no events, so it is not read.
   * Should it exist after all, the append (expecting no stream) is refused.
   */
  newStream<C, E extends DomainEvent<string, unknown>, S>(decider: Decider<C, E, S>): LoadedStream<S> {
    return { state: decider.initialState(), recorded: [] };
  }

  /** Decide and append; on `loaded` when the handler has already read the stream. */
  async run<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: Decider<C, E, S>,
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
    decider: Decider<C, E, S>,
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
   * was read, so deciding on a `loaded` stream read earlier is as safe as reading it here.
   */
  async prepare<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<PreparedDecision> {
    const { state, recorded } = loaded ?? (await this.loadState(decider, stream));
    const decided = decider.decide(command, state);
    const last = recorded[recorded.length - 1];
    return {
      commit: async () => {
        if (decided.length === 0) return { revision: last?.revision ?? -1n, position: last?.position ?? 0n };
        const { actor, occurredAt, correlationId, causationId } = command.context;
        const metadata = {
          actor: { id: actor.id, name: actor.name, role: actor.role, agency: actor.agency, team: actor.team },
          occurredAt,
          correlationId,
          causationId,
        };
        const toAppend: NewEvent[] = decided.map((event) => ({ type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata }));
        const result = await this.store.append(stream, toAppend, { expectedRevision: last ? last.revision : 'no_stream' });
        this.eventBus.publish(new EventsRecorded(stream, result.position));
        return { revision: result.nextExpectedRevision, position: result.position };
      },
    };
  }
}
