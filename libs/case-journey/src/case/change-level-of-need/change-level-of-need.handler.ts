import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DecisionResult, DecisionRunner } from '../../shared/decision-runner';
import { ChangeLevelOfNeedCommand } from './change-level-of-need.command';
import { changeLevelOfNeedOnStreams } from './change-level-of-need.orchestration';

@CommandHandler(ChangeLevelOfNeedCommand)
export class ChangeLevelOfNeedHandler implements ICommandHandler<ChangeLevelOfNeedCommand, DecisionResult> {
  constructor(private readonly decisions: DecisionRunner) {}

  execute({ data, context }: ChangeLevelOfNeedCommand): Promise<DecisionResult> {
    return changeLevelOfNeedOnStreams(this.decisions, data, context);
  }
}
