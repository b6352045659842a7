import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class RecordTeamAroundFamilyReviewCommand extends FamilyCommandMessage<'RecordTeamAroundFamilyReview'> {
  readonly type = 'RecordTeamAroundFamilyReview';
}

@CommandHandler(RecordTeamAroundFamilyReviewCommand)
export class RecordTeamAroundFamilyReviewHandler extends FamilyDecisionHandler<'RecordTeamAroundFamilyReview'> {}
