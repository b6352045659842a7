import { Injectable } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand } from '../case/case.decider';
import { streamName } from '../domain/stream-name';
import { caseAggregate } from '../events/aggregates';
import { DecisionMessage } from './decision-message';
import { DecisionResult, DecisionRunner } from './decision-runner';

export abstract class CaseCommandMessage<T extends CaseCommand['type']> extends DecisionMessage<
  Extract<CaseCommand, { type: T }>
> {}

/** The handler of a command on the case's own stream: load, decide, append. */
@Injectable()
export abstract class CaseDecisionHandler<T extends CaseCommand['type']> implements ICommandHandler<
  CaseCommandMessage<T>,
  DecisionResult
> {
  constructor(private readonly decisions: DecisionRunner) {}

  execute(message: CaseCommandMessage<T>): Promise<DecisionResult> {
    return this.decisions.run(caseAggregate, streamName.case(message.data.caseId), message.toCommand());
  }
}
