import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class StartChildProtectionPlanCommand extends CaseCommandMessage<'StartChildProtectionPlan'> {
  readonly type = 'StartChildProtectionPlan';
}

@CommandHandler(StartChildProtectionPlanCommand)
export class StartChildProtectionPlanHandler extends CaseDecisionHandler<'StartChildProtectionPlan'> {}
