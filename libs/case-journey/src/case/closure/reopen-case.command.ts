import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class ReopenCaseCommand extends CaseCommandMessage<'ReopenCase'> {
  readonly type = 'ReopenCase';
}

@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler extends CaseDecisionHandler<'ReopenCase'> {}
