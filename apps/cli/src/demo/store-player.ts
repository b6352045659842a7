import {
  caseDecider,
  CaseCommand,
  ChildCommand,
  childDecider,
  ChildState,
  DEFAULT_LA_CHILD_ID_FORMAT,
  formatLaChildId,
  CaseEvent,
  CaseState,
  CommandContext,
  EventEnvelope,
  familyDecider,
  FamilyCommand,
  FamilyEvent,
  FamilyState,
  streamName,
} from '@windscreen/case-journey/domain';
import type { EventStore, NewEvent } from '@windscreen/event-store';
import { contextOf, FamilyPlayer, PlayResult, refusalOf } from './play';
import type { DemoFamily, DemoStep } from './scenario';

interface Stream<S> {
  name: string;
  state: S;
  revision: bigint | null;
}

/**
 * Plays a family through the pure deciders and appends what they decide straight to the event
 * store: the rules are the same as through the API, without the round trips that load a stream
 * for every command. It does what the three handlers that read across streams do (opening a case
 * registers or joins the family; a step up asks whether the family has had an EHA; an EHA reads
 * the child's consent). Events are appended in batches, one append per stream, without changing
 * the order anything depends on: a family event is appended after every case event that happened
 * before it, and a case event after every family event before it; only siblings' case events
 * between two family events go in stream by stream.
 */
export class StorePlayer implements FamilyPlayer {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async play(family: DemoFamily): Promise<PlayResult> {
    const result: PlayResult = { commands: 0, events: 0, refused: [] };
    const cases = family.children.map((child): Stream<CaseState> => ({ name: streamName.case(child.caseId), state: caseDecider.initialState(), revision: null }));
    const home: Stream<FamilyState> = { name: streamName.family(family.familyId), state: familyDecider.initialState(), revision: null };
    // Waiting to be appended, per stream, in the order the streams were first written to.
    const waiting = new Map<Stream<unknown>, NewEvent[]>();
    const flush = async (streams: Stream<unknown>[]) => {
      for (const stream of streams) {
        const events = waiting.get(stream);
        if (!events) continue;
        waiting.delete(stream);
        const appended = await this.store.append(stream.name, events, { expectedRevision: stream.revision ?? 'no_stream' });
        stream.revision = appended.nextExpectedRevision;
        result.events += events.length;
      }
    };
    const record = async <S, E extends CaseEvent | FamilyEvent>(stream: Stream<S>, events: E[], evolve: (state: S, event: EventEnvelope<E>) => S, context: CommandContext) => {
      if (events.length === 0) return;
      const isFamily = (candidate: Stream<unknown>) => candidate === home;
      // The other side (family, or the cases) goes first if it has anything waiting.
      await flush([...waiting.keys()].filter((waitingStream) => isFamily(waitingStream) !== isFamily(stream as Stream<unknown>)));
      const batch = waiting.get(stream as Stream<unknown>) ?? [];
      waiting.set(stream as Stream<unknown>, batch);
      const metadata = metadataOf(context);
      for (const event of events) {
        stream.state = evolve(stream.state, { ...event, metadata } as EventEnvelope<E>);
        batch.push({ type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata });
      }
    };
    const onCase = (child: number, command: CaseCommand) => record(cases[child], caseDecider.decide(command, cases[child].state), caseDecider.evolve, command.context);
    const onFamily = (command: FamilyCommand) => record(home, familyDecider.decide(command, home.state), familyDecider.evolve, command.context);
    // A child's stream orders against nothing else: what is decided on it is appended at once.
    const children = new Map<string, Stream<ChildState>>();
    const onChild = async (command: ChildCommand) => {
      const stream = children.get(command.data.childId) ?? { name: streamName.child(command.data.childId), state: childDecider.initialState(), revision: null };
      const events = childDecider.decide(command, stream.state);
      const recorded = events.map((event) => ({ ...event, metadata: metadataOf(command.context) }));
      const appended = await this.store.append(stream.name, recorded, { expectedRevision: stream.revision ?? 'no_stream' });
      stream.state = recorded.reduce((state, event) => childDecider.evolve(state, event), stream.state);
      stream.revision = appended.nextExpectedRevision;
      children.set(command.data.childId, stream);
      result.events += events.length;
    };

    for (const step of family.steps) {
      const context = contextOf(step, this.clock());
      const caseId = family.children[step.child].caseId;
      try {
        await this.decide(step, context, caseId, family, cases, home, onCase, onFamily, onChild);
        result.commands++;
      } catch (error) {
        result.refused.push(refusalOf(family, step, error));
      }
    }
    await flush([...waiting.keys()]);
    return result;
  }

  private async decide(
    step: DemoStep,
    context: CommandContext,
    caseId: string,
    family: DemoFamily,
    cases: Stream<CaseState>[],
    home: Stream<FamilyState>,
    onCase: (child: number, command: CaseCommand) => Promise<void>,
    onFamily: (command: FamilyCommand) => Promise<void>,
    onChild: (command: ChildCommand) => Promise<void>,
  ): Promise<void> {
    const { familyId } = family;
    if (step.stream === 'child') {
      // Each demo child is the subject of one case, and named after it.
      // A person id as stable as the rest of the population: the case id with the person's place among the child's.
      const place = family.children[step.child].parentsAndCarers.indexOf(step.command.data);
      return onChild({ type: 'RecordParentOrCarer', data: { ...step.command.data, childId: caseId, personId: `${caseId.slice(0, 24)}${place.toString(16).padStart(12, '0')}` }, context });
    }
    if (step.stream === 'family') {
      if (step.command.type === 'StartEarlyHelpAssessment') {
        const child = cases[step.child].state;
        const consent = child.consents.early_help;
        return onFamily({
          type: 'StartEarlyHelpAssessment',
          data: {
            ...step.command.data,
            familyId,
            caseId,
            childCaseOpen: child.status === 'open',
            consentInForce: consent ? { decision: consent.decision, givenBy: consent.givenBy, gillickCompetent: consent.gillickCompetent } : null,
          },
          context,
        });
      }
      return onFamily({ ...step.command, data: { ...step.command.data, familyId }, context } as FamilyCommand);
    }
    const { command } = step;
    switch (command.type) {
      case 'OpenCase': {
        if (step.sameChild) return this.openAboutTheSameChild(step.child, step.sameChild.caseId, caseId, command.data, context, family, cases, onCase, onFamily, onChild);
        // As the handler: the case is decided first (a refusal writes nothing), a new family is
        // registered before the case is recorded, a sibling joins the family after it.
        // Each demo child is the subject of one case, and named after it.
        const childId = caseId;
        const laChildId = formatLaChildId(DEFAULT_LA_CHILD_ID_FORMAT, childId);
        const openCase: CaseCommand = { type: 'OpenCase', data: { ...command.data, caseId, familyId, childId, laChildId }, context };
        caseDecider.decide(openCase, cases[step.child].state);
        await onChild({ type: 'RegisterChild', data: { childId, laChildId, familyId, details: command.data.child, firstCaseId: caseId }, context });
        const joining = home.state.exists;
        if (!joining) await onFamily({ type: 'RegisterFamily', data: { familyId, area: command.data.area, firstCaseId: caseId }, context });
        await onCase(step.child, openCase);
        if (joining) await onFamily({ type: 'AddChildToFamily', data: { familyId, caseId }, context });
        return;
      }
      case 'ChangeLevelOfNeed':
        return onCase(step.child, {
          type: 'ChangeLevelOfNeed',
          data: { ...command.data, caseId, familyHasEarlyHelpAssessment: home.state.earlyHelpAssessments.length > 0 },
          context,
        });
      default:
        return onCase(step.child, { ...command, data: { ...command.data, caseId }, context } as CaseCommand);
    }
  }

  /** As the handler for a contact about a child already recorded: a new case, linked to the child (R40) and joining the child's family. */
  private async openAboutTheSameChild(
    child: number,
    newCaseId: string,
    childId: string,
    data: Extract<DemoStep, { stream: 'case' }>['command']['data'],
    context: CommandContext,
    family: DemoFamily,
    cases: Stream<CaseState>[],
    onCase: (child: number, command: CaseCommand) => Promise<void>,
    onFamily: (command: FamilyCommand) => Promise<void>,
    onChild: (command: ChildCommand) => Promise<void>,
  ): Promise<void> {
    const earlier = cases[child].state;
    const laChildId = formatLaChildId(DEFAULT_LA_CHILD_ID_FORMAT, childId);
    const openData = data as Extract<CaseCommand, { type: 'OpenCase' }>['data'];
    const openCase: CaseCommand = {
      type: 'OpenCase',
      data: { ...openData, caseId: newCaseId, familyId: family.familyId, childId, laChildId, ...(earlier.referrals.length > 0 && { childReferralsBefore: earlier.referrals }) },
      context,
    };
    const next: Stream<CaseState> = { name: streamName.case(newCaseId), state: caseDecider.initialState(), revision: null };
    caseDecider.decide(openCase, next.state);
    await onChild({ type: 'LinkCaseToChild', data: { childId, caseId: newCaseId, openCaseIds: earlier.status === 'open' ? [childId] : [] }, context });
    cases[child] = next;
    await onCase(child, openCase);
    await onFamily({ type: 'AddChildToFamily', data: { familyId: family.familyId, caseId: newCaseId }, context });
  }
}

function metadataOf({ actor, occurredAt, correlationId, causationId }: CommandContext) {
  return { actor: { id: actor.id, name: actor.name, role: actor.role, agency: actor.agency, team: actor.team }, occurredAt, correlationId, causationId };
}

