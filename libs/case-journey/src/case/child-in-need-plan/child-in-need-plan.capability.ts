import type { Capability } from '../../shared/capability';
import { ChildInNeedPlanHttpController } from './child-in-need-plan.http.controller';
import { EndChildInNeedPlanHandler } from './end-child-in-need-plan.command';
import { StartChildInNeedPlanHandler } from './start-child-in-need-plan.command';
import { RecordChildInNeedPlanReviewHandler } from './record-child-in-need-plan-review.command';

export const childInNeedPlanCapability: Capability = {
  controllers: [ChildInNeedPlanHttpController],
  providers: [EndChildInNeedPlanHandler, StartChildInNeedPlanHandler, RecordChildInNeedPlanReviewHandler],
};
