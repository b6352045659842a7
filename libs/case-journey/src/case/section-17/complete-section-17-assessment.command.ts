import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class CompleteSection17AssessmentCommand extends CaseCommandMessage<'CompleteSection17Assessment'> {
  readonly type = 'CompleteSection17Assessment';
}

@CommandHandler(CompleteSection17AssessmentCommand)
export class CompleteSection17AssessmentHandler extends CaseDecisionHandler<'CompleteSection17Assessment'> {}
