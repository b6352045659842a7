import type { Capability } from '../../shared/capability';
import { ChildProtectionPlanHttpController } from './child-protection-plan.http.controller';
import { EndChildProtectionPlanHandler } from './end-child-protection-plan.command';
import { StartChildProtectionPlanHandler } from './start-child-protection-plan.command';
import { RecordCoreGroupMeetingHandler } from './record-core-group-meeting.command';
import { RecordReviewConferenceHandler } from './record-review-conference.command';

export const childProtectionPlanCapability: Capability = {
  controllers: [ChildProtectionPlanHttpController],
  providers: [
    EndChildProtectionPlanHandler,
    StartChildProtectionPlanHandler,
    RecordCoreGroupMeetingHandler,
    RecordReviewConferenceHandler,
  ],
};
