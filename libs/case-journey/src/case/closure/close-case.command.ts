import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class CloseCaseCommand extends CaseCommandMessage<'CloseCase'> {
  readonly type = 'CloseCase';
}

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler extends CaseDecisionHandler<'CloseCase'> {}
