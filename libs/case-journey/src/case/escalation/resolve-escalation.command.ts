import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class ResolveEscalationCommand extends CaseCommandMessage<'ResolveEscalation'> {
  readonly type = 'ResolveEscalation';
}

@CommandHandler(ResolveEscalationCommand)
export class ResolveEscalationHandler extends CaseDecisionHandler<'ResolveEscalation'> {}
