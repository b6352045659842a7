import type { RecordedEvent } from '@windscreen/event-store';
import { caseDecider, CaseCommand } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';
import type { CaseState } from '../case/case.state';
import { childDecider, ChildCommand, ChildEvent, ChildState } from '../child/child.decider';
import type { DomainEvent } from '../domain/command';
import type { Decider, EventEnvelope } from '../domain/decider';
import { familyDecider, FamilyCommand, FamilyEvent, FamilyState } from '../family/family.decider';
import { decodeCaseEvent, decodeChildEvent, decodeFamilyEvent } from './decode';

/** A decider with the decoding of its stream's stored events: what command handling folds a stream with. */
export interface EventSourced<C, E extends DomainEvent<string, unknown>, S> extends Decider<C, E, S> {
  decode(stored: RecordedEvent): EventEnvelope<E>;
}

export const caseAggregate: EventSourced<CaseCommand, CaseEvent, CaseState> = {
  ...caseDecider,
  decode: decodeCaseEvent,
};
export const familyAggregate: EventSourced<FamilyCommand, FamilyEvent, FamilyState> = {
  ...familyDecider,
  decode: decodeFamilyEvent,
};
export const childAggregate: EventSourced<ChildCommand, ChildEvent, ChildState> = {
  ...childDecider,
  decode: decodeChildEvent,
};
