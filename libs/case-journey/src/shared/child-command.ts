import { Injectable } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import type { ChildCommand } from '../child/child.decider';
import { streamName } from '../domain/stream-name';
import { childAggregate } from '../events/aggregates';
import { DecisionMessage } from './decision-message';
import { DecisionResult, DecisionRunner } from './decision-runner';

export abstract class ChildCommandMessage<T extends ChildCommand['type']> extends DecisionMessage<
  Extract<ChildCommand, { type: T }>
> {}

/** The handler of a command on the child's own stream: load, decide (need-to-know through the child's cases), append. */
@Injectable()
export abstract class ChildDecisionHandler<T extends ChildCommand['type']> implements ICommandHandler<
  ChildCommandMessage<T>,
  DecisionResult
> {
  constructor(private readonly decisions: DecisionRunner) {}

  execute(message: ChildCommandMessage<T>): Promise<DecisionResult> {
    return this.decisions.run(childAggregate, streamName.child(message.data.childId), message.toCommand());
  }
}
