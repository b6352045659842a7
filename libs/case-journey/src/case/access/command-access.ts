import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@windscreen/identity';
import type { CommandContext, DomainEvent } from '../../domain/command';
import { NotFound } from '../../domain/domain-error';
import { holdsCase, professionalOf, waysIn } from '../../domain/need-to-know';
import type { Organisation } from '../../domain/organisation';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, childAggregate, EventSourced, familyAggregate } from '../../events/aggregates';
import type { ChildState } from '../../child/child.decider';
import { familyProfessionalIds, FamilyCommand, FamilyState } from '../../family/family.decider';
import type { CaseCommand } from '../case.decider';
import type { CaseState } from '../case.state';
import { assertDuties } from './separation-of-duties.decide';

export const ORGANISATION = Symbol('ORGANISATION');

/** Reads a stream as it is in the store (the DecisionRunner). */
export interface StreamReader {
  loadState<C, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    stream: string,
  ): Promise<{ state: S }>;
}

/**
 * Who may change a case or a family: need-to-know first (a 404 exactly like a read's, before any
 * rule could say what the record holds), then the separation of duties (403). Decided on the state
 * the command has already loaded; another stream is read only when that state alone does not let
 * the actor in (a family professional on a case, or a family reached through its children's cases).
 */
@Injectable()
export class CommandAccess {
  constructor(@Inject(ORGANISATION) private readonly organisation: Organisation) {}

  /** Throws unless the actor may take this command on this state; a promise only when it has to read. */
  authorise<C extends { context: CommandContext }, E extends DomainEvent<string, unknown>, S>(
    decider: EventSourced<C, E, S>,
    command: C,
    state: S,
    streams: StreamReader,
  ): void | Promise<void> {
    if ((decider as unknown) === caseAggregate)
      return this.authoriseOnCase(command as unknown as CaseCommand, state as unknown as CaseState, streams);
    if ((decider as unknown) === familyAggregate)
      return this.authoriseOnFamily(command as unknown as FamilyCommand, state as unknown as FamilyState, streams);
    if ((decider as unknown) === childAggregate)
      return this.assertMayKnowChild(command.context.actor, state as unknown as ChildState, streams);
  }

  /** A child is known to whoever may know one of the child's cases (a child not yet recorded is nobody's). */
  async assertMayKnowChild(actor: Actor, child: ChildState, streams: StreamReader): Promise<void> {
    if (!child.exists) return;
    const ways = waysIn(actor);
    if (ways === null) return;
    for (const caseId of child.caseIds) {
      const { state } = await streams.loadState(caseAggregate, streamName.case(caseId));
      try {
        await this.assertMayKnowCase(actor, state, streams);
        return;
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
      }
    }
    throw new NotFound('CHILD.NOT_FOUND', `Child ${child.childId} was not found`);
  }

  /**
   * Throws NotFound unless the actor may know the case (a case with no events is nobody's: the
   * command's own rules answer for it). Synchronous when the case's team or worker lets them in.
   */
  assertMayKnowCase(actor: Actor, state: CaseState, streams: StreamReader): void | Promise<void> {
    if (state.status === 'none') return;
    const ways = waysIn(actor);
    if (holdsCase(ways, { team: state.team, allocatedWorkerId: state.allocatedWorker?.id ?? null })) return;
    const familyId = state.familyId;
    if (ways?.userId == null || !familyId) throw caseNotFound(state.caseId);
    return streams.loadState(familyAggregate, streamName.family(familyId)).then(({ state: family }) => {
      if (!professionalOf(ways, familyProfessionalIds(family))) throw caseNotFound(state.caseId);
    });
  }

  /** A family is known to its professionals, and to whoever may know one of its children's cases (read only when needed). */
  assertMayKnowFamily(actor: Actor, family: FamilyState, streams: StreamReader): void | Promise<void> {
    if (!family.exists) return;
    const ways = waysIn(actor);
    if (professionalOf(ways, familyProfessionalIds(family))) return;
    return (async () => {
      for (const caseId of family.caseIds) {
        const { state } = await streams.loadState(caseAggregate, streamName.case(caseId));
        if (holdsCase(ways, { team: state.team, allocatedWorkerId: state.allocatedWorker?.id ?? null })) return;
      }
      throw new NotFound('FAMILY.NOT_FOUND', `Family ${family.familyId} was not found`);
    })();
  }

  private authoriseOnCase(command: CaseCommand, state: CaseState, streams: StreamReader): void | Promise<void> {
    const known = this.assertMayKnowCase(command.context.actor, state, streams);
    if (known) return known.then(() => assertDuties(command, { case: state }, this.organisation));
    if (state.status !== 'none') assertDuties(command, { case: state }, this.organisation);
  }

  private authoriseOnFamily(command: FamilyCommand, state: FamilyState, streams: StreamReader): void | Promise<void> {
    const known = this.assertMayKnowFamily(command.context.actor, state, streams);
    if (known) return known.then(() => assertDuties(command, { family: state }, this.organisation));
    if (state.exists) assertDuties(command, { family: state }, this.organisation);
  }
}

const caseNotFound = (caseId: string | null) => new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
