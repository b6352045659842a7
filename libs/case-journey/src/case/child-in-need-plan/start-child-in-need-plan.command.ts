import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class StartChildInNeedPlanCommand extends CaseCommandMessage<'StartChildInNeedPlan'> {
  readonly type = 'StartChildInNeedPlan';
}

@CommandHandler(StartChildInNeedPlanCommand)
export class StartChildInNeedPlanHandler extends CaseDecisionHandler<'StartChildInNeedPlan'> {}
