import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class WithdrawEscalationCommand extends CaseCommandMessage<'WithdrawEscalation'> {
  readonly type = 'WithdrawEscalation';
}

@CommandHandler(WithdrawEscalationCommand)
export class WithdrawEscalationHandler extends CaseDecisionHandler<'WithdrawEscalation'> {}
