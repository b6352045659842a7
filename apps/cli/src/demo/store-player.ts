import {
  caseAggregate,
  changeLevelOfNeedOnStreams,
  childAggregate,
  DecisionResult,
  EventSourced,
  familyAggregate,
  LoadedStream,
  openCaseOnStreams,
  PendingDecision,
  startEarlyHelpAssessmentOnStreams,
  StreamDecisions,
} from '@windscreen/case-journey';
import {
  CaseCommand,
  CommandContext,
  DEFAULT_LA_CHILD_ID_FORMAT,
  DomainEvent,
  FamilyCommand,
  streamName,
} from '@windscreen/case-journey/domain';
import type { EventStore, NewEvent } from '@windscreen/event-store';
import { contextOf, FamilyPlayer, PlayResult, refusalOf } from './play';
import type { DemoFamily, DemoStep } from './scenario';

interface Stream {
  name: string;
  state: unknown;
  /** The revision appended so far (null: nothing appended yet). */
  revision: bigint | null;
  /** Decided, folded into `state`, not yet appended. */
  waiting: NewEvent[];
}

/** A decision of the store player: its events are folded and batched when committed. */
interface PlayedDecision extends PendingDecision {
  readonly stream: Stream;
  readonly events: NewEvent[];
  /** The stream's state with this decision's events folded in. */
  readonly foldInto: (state: unknown) => unknown;
}

/**
 * One family's streams, kept in memory and appended in batches, one append per stream, behind the
 * same port as the DecisionRunner: the cross-stream commands run the handlers' own orchestration.
 * The batching keeps the order anything depends on: a family event is appended after every case
 * event that happened before it, and a case event after every family event before it; only
 * siblings' case events between two family events go in stream by stream.
 */
class BatchedStreams implements StreamDecisions<PlayedDecision> {
  private readonly streams = new Map<string, Stream>();
  events = 0;

  constructor(
    private readonly store: EventStore,
    private readonly familyStream: string,
  ) {}

  stream(name: string): Stream {
    let stream = this.streams.get(name);
    if (!stream) this.streams.set(name, (stream = { name, state: undefined, revision: null, waiting: [] }));
    return stream;
  }

  async loadState<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    name: string,
  ): Promise<LoadedStream<S>> {
    const stream = this.stream(name);
    return {
      state: (stream.state as S | undefined) ?? decider.initialState(),
      revision: this.revisionOf(stream) ?? undefined,
      position: 0n,
    };
  }

  loadForDecision<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    name: string,
  ): Promise<LoadedStream<S>> {
    return this.loadState(decider, name);
  }

  newStream<C, E extends DomainEvent<string, unknown>, S>(decider: EventSourced<C, E, S>): LoadedStream<S> {
    return { state: decider.initialState(), revision: undefined, position: 0n };
  }

  async prepare<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    name: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<PlayedDecision> {
    const stream = this.stream(name);
    const from = loaded ?? (await this.loadState(decider, name));
    const { actor, occurredAt, correlationId, causationId } = command.context;
    const metadata = {
      actor: { id: actor.id, name: actor.name, role: actor.role, agency: actor.agency, team: actor.team },
      occurredAt,
      correlationId,
      causationId,
    };
    const decided = decider.decide(command, from.state);
    const events: NewEvent[] = decided.map((event) => ({
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
    }));
    // The decided events themselves, typed, with the metadata evolve reads: as the store would hand them back.
    const foldInto = (state: unknown) =>
      decided.reduce(
        (next, event) => decider.evolve(next, { ...event, metadata }),
        (state as S | undefined) ?? decider.initialState(),
      );
    const decision: PlayedDecision = { stream, events, foldInto, commit: () => this.record(decision) };
    return decision;
  }

  async commitTogether(decisions: PlayedDecision[]): Promise<DecisionResult[]> {
    const writing = decisions.filter(({ events }) => events.length > 0);
    await this.flush([...this.streams.values()]);
    if (writing.length > 0) {
      const appended = await this.store.appendToStreams(
        writing.map(({ stream, events }) => ({
          stream: stream.name,
          events,
          expectedRevision: stream.revision ?? 'no_stream',
        })),
      );
      writing.forEach(({ stream, events, foldInto }, index) => {
        stream.state = foldInto(stream.state);
        stream.revision = appended[index].nextExpectedRevision;
        this.events += events.length;
      });
    }
    return decisions.map(({ stream }) => this.resultOf(stream));
  }

  run<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    name: string,
    command: C,
    loaded?: LoadedStream<S>,
  ): Promise<DecisionResult> {
    return this.prepare(decider, name, command, loaded).then((decision) => decision.commit());
  }

  /** One writer per family: nobody else can get in first. */
  runRedecidingOnConflict<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    name: string,
    command: C,
  ): Promise<DecisionResult> {
    return this.run(decider, name, command);
  }

  async flushAll(): Promise<void> {
    await this.flush([...this.streams.values()]);
  }

  private async record({ stream, events, foldInto }: PlayedDecision): Promise<DecisionResult> {
    if (events.length > 0) {
      const isFamily = (candidate: Stream) => candidate.name === this.familyStream;
      // The other side (family, or the cases) goes first if it has anything waiting.
      await this.flush([...this.streams.values()].filter((other) => isFamily(other) !== isFamily(stream)));
      stream.state = foldInto(stream.state);
      stream.waiting.push(...events);
    }
    return this.resultOf(stream);
  }

  private async flush(streams: Stream[]): Promise<void> {
    for (const stream of streams) {
      if (stream.waiting.length === 0) continue;
      const events = stream.waiting;
      stream.waiting = [];
      const appended = await this.store.append(stream.name, events, {
        expectedRevision: stream.revision ?? 'no_stream',
      });
      stream.revision = appended.nextExpectedRevision;
      this.events += events.length;
    }
  }

  private revisionOf(stream: Stream): bigint | null {
    const waiting = BigInt(stream.waiting.length);
    return stream.revision === null ? (waiting > 0n ? waiting - 1n : null) : stream.revision + waiting;
  }

  /** Positions are known only once a batch is appended; the player does not need them. */
  private resultOf(stream: Stream): DecisionResult {
    return { revision: this.revisionOf(stream) ?? -1n, position: 0n };
  }
}

/**
 * Plays a family through the pure deciders and appends what they decide straight to the event
 * store: the rules are the same as through the API, without the round trips that load a stream
 * for every command. The commands that read across streams (opening a case registers or links the
 * child and registers or joins the family; a step up asks whether the family has had an EHA; an EHA
 * reads the child's consent) run the same orchestration functions as their handlers.
 */
export class StorePlayer implements FamilyPlayer {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async play(family: DemoFamily): Promise<PlayResult> {
    const result: PlayResult = { commands: 0, events: 0, refused: [] };
    const streams = new BatchedStreams(this.store, streamName.family(family.familyId));
    // Each child is named after their first case; a second contact about them opens a case of its own.
    const currentCases = family.children.map((child) => child.caseId);
    for (const step of family.steps) {
      const context = contextOf(step, this.clock());
      try {
        await this.decide(streams, step, context, family, currentCases);
        result.commands++;
      } catch (error) {
        result.refused.push(refusalOf(family, step, error));
      }
    }
    await streams.flushAll();
    result.events = streams.events;
    return result;
  }

  private async decide(
    streams: BatchedStreams,
    step: DemoStep,
    context: CommandContext,
    family: DemoFamily,
    currentCases: string[],
  ): Promise<unknown> {
    const { familyId } = family;
    const childId = family.children[step.child].caseId;
    const caseId = currentCases[step.child];
    const familyStream = streamName.family(familyId);
    if (step.stream === 'child') {
      // A person id as stable as the rest of the population: the child's id with the person's place among the child's.
      const place = family.children[step.child].parentsAndCarers.indexOf(step.command.data);
      const personId = `${childId.slice(0, 24)}${place.toString(16).padStart(12, '0')}`;
      return streams.run(childAggregate, streamName.child(childId), {
        type: 'RecordParentOrCarer',
        data: { ...step.command.data, childId, personId },
        context,
      });
    }
    if (step.stream === 'family') {
      const { command } = step;
      if (command.type === 'StartEarlyHelpAssessment') {
        const { ehaId, leadProfessional } = command.data;
        return startEarlyHelpAssessmentOnStreams(streams, { caseId, ehaId, leadProfessional, context });
      }
      return streams.run(familyAggregate, familyStream, {
        ...command,
        data: { ...command.data, familyId },
        context,
      } as FamilyCommand);
    }
    const { command } = step;
    switch (command.type) {
      case 'OpenCase': {
        const { child, ...contact } = command.data;
        const joining = (await streams.loadState(familyAggregate, familyStream)).state.exists;
        const request = step.sameChild ? { ...contact, childId } : { ...command.data, ...(joining && { familyId }) };
        const opened = await openCaseOnStreams(streams, {
          caseId: step.sameChild?.caseId ?? caseId,
          newChildId: childId,
          newFamilyId: familyId,
          laChildIdFormat: DEFAULT_LA_CHILD_ID_FORMAT,
          request,
          context,
          // The demo records as the service itself: every child of the population is its own.
          assertMayKnowCase: () => undefined,
        });
        currentCases[step.child] = opened.caseId;
        return opened;
      }
      case 'ChangeLevelOfNeed':
        return changeLevelOfNeedOnStreams(streams, { ...command.data, caseId }, context);
      default:
        return streams.run(caseAggregate, streamName.case(caseId), {
          ...command,
          data: { ...command.data, caseId },
          context,
        } as CaseCommand);
    }
  }
}
