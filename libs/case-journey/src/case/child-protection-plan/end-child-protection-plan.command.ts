import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class EndChildProtectionPlanCommand extends CaseCommandMessage<'EndChildProtectionPlan'> {
  readonly type = 'EndChildProtectionPlan';
}

@CommandHandler(EndChildProtectionPlanCommand)
export class EndChildProtectionPlanHandler extends CaseDecisionHandler<'EndChildProtectionPlan'> {}
