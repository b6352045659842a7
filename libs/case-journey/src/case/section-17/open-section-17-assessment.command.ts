import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class OpenSection17AssessmentCommand extends CaseCommandMessage<'OpenSection17Assessment'> {
  readonly type = 'OpenSection17Assessment';
}

@CommandHandler(OpenSection17AssessmentCommand)
export class OpenSection17AssessmentHandler extends CaseDecisionHandler<'OpenSection17Assessment'> {}
