import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordReviewConferenceCommand extends CaseCommandMessage<'RecordReviewConference'> {
  readonly type = 'RecordReviewConference';
}

@CommandHandler(RecordReviewConferenceCommand)
export class RecordReviewConferenceHandler extends CaseDecisionHandler<'RecordReviewConference'> {}
