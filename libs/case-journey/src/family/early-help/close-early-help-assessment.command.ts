import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class CloseEarlyHelpAssessmentCommand extends FamilyCommandMessage<'CloseEarlyHelpAssessment'> {
  readonly type = 'CloseEarlyHelpAssessment';
}

@CommandHandler(CloseEarlyHelpAssessmentCommand)
export class CloseEarlyHelpAssessmentHandler extends FamilyDecisionHandler<'CloseEarlyHelpAssessment'> {}
