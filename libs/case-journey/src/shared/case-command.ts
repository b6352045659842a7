import { Injectable } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { caseDecider, CaseCommand } from '../case/case.decider';
import { caseStream } from '../case/case.events';
import { DecisionMessage } from './decision-message';
import { DecisionResult, DecisionRunner } from './decision-runner';

export abstract class CaseCommandMessage<T extends CaseCommand['type']> extends DecisionMessage<Extract<CaseCommand, { type: T }>> {}

/** The handler of a command on the case's own stream: load, decide, append. */
@Injectable()
export abstract class CaseDecisionHandler<T extends CaseCommand['type']> implements ICommandHandler<CaseCommandMessage<T>, DecisionResult> {
  constructor(private readonly decisions: DecisionRunner) {}

  execute(message: CaseCommandMessage<T>): Promise<DecisionResult> {
    return this.decisions.run(caseDecider, caseStream(message.data.caseId), message.toCommand());
  }
}
