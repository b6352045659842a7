import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordChildInNeedPlanReviewCommand extends CaseCommandMessage<'RecordChildInNeedPlanReview'> {
  readonly type = 'RecordChildInNeedPlanReview';
}

@CommandHandler(RecordChildInNeedPlanReviewCommand)
export class RecordChildInNeedPlanReviewHandler extends CaseDecisionHandler<'RecordChildInNeedPlanReview'> {}
