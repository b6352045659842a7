import { Injectable } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { streamName } from '../domain/stream-name';
import { familyAggregate } from '../events/aggregates';
import type { FamilyCommand } from '../family/family.decider';
import { DecisionMessage } from './decision-message';
import { DecisionResult, DecisionRunner } from './decision-runner';

export abstract class FamilyCommandMessage<T extends FamilyCommand['type']> extends DecisionMessage<
  Extract<FamilyCommand, { type: T }>
> {}

/** Family rules look at the family as a whole, so a lost race is decided again on the winner's events. */
@Injectable()
export abstract class FamilyDecisionHandler<T extends FamilyCommand['type']> implements ICommandHandler<
  FamilyCommandMessage<T>,
  DecisionResult
> {
  constructor(private readonly decisions: DecisionRunner) {}

  execute(message: FamilyCommandMessage<T>): Promise<DecisionResult> {
    return this.decisions.runRedecidingOnConflict(
      familyAggregate,
      streamName.family(message.data.familyId),
      message.toCommand(),
    );
  }
}
