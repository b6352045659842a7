import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class CompleteEarlyHelpAssessmentCommand extends FamilyCommandMessage<'CompleteEarlyHelpAssessment'> {
  readonly type = 'CompleteEarlyHelpAssessment';
}

@CommandHandler(CompleteEarlyHelpAssessmentCommand)
export class CompleteEarlyHelpAssessmentHandler extends FamilyDecisionHandler<'CompleteEarlyHelpAssessment'> {}
