import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class CorrectEntryCommand extends CaseCommandMessage<'CorrectEntry'> {
  readonly type = 'CorrectEntry';
}

@CommandHandler(CorrectEntryCommand)
export class CorrectEntryHandler extends CaseDecisionHandler<'CorrectEntry'> {}
