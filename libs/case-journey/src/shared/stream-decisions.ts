import type { CommandContext, DomainEvent } from '../domain/command';
import type { EventSourced } from '../events/aggregates';
import type { DecisionResult, LoadedStream } from './decision-runner';

/** A decision made and not yet written. */
export interface PendingDecision {
  /** Appends what was decided, on its own. */
  commit(): Promise<DecisionResult>;
}

/**
 * What an orchestration of a command across streams needs: read streams, decide on them, append.
 * The DecisionRunner is the one the command handlers use; the demo's store player keeps its streams
 * in memory and batches appends. A command written once against this port behaves the same in both.
 */
export interface StreamDecisions<P extends PendingDecision = PendingDecision> {
  /** The stream as it is in the store now. */
  loadState<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
  ): Promise<LoadedStream<S>>;
  /** The stream to decide on before appending to it (it may be remembered rather than read). */
  loadForDecision<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
  ): Promise<LoadedStream<S>>;
  /** A stream named by an id this command has just generated: it has no events. */
  newStream<C, E extends DomainEvent<string, unknown>, S>(decider: EventSourced<C, E, S>): LoadedStream<S>;
  /** Decide now (a refusal throws), append later. */
  prepare<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<P>;
  /** Appends decisions on several streams all or none. */
  commitTogether(decisions: P[]): Promise<DecisionResult[]>;
  /** Decide and append; when another writer got in first, decide again on what is now there. */
  runRedecidingOnConflict<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    command: C,
  ): Promise<DecisionResult>;
  /** Decide and append. */
  run<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<DecisionResult>;
}
