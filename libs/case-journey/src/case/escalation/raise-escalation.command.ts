import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RaiseEscalationCommand extends CaseCommandMessage<'RaiseEscalation'> {
  readonly type = 'RaiseEscalation';
}

@CommandHandler(RaiseEscalationCommand)
export class RaiseEscalationHandler extends CaseDecisionHandler<'RaiseEscalation'> {}
