import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class EndChildInNeedPlanCommand extends CaseCommandMessage<'EndChildInNeedPlan'> {
  readonly type = 'EndChildInNeedPlan';
}

@CommandHandler(EndChildInNeedPlanCommand)
export class EndChildInNeedPlanHandler extends CaseDecisionHandler<'EndChildInNeedPlan'> {}
