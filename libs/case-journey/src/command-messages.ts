/**
 * Every command the CommandBus carries, for tools that drive the domain through the same handlers
 * as the API without going through HTTP (the demo data generator).
 */
export { AllocateCaseCommand } from './case/allocation/allocate-case.command';
export { ChangeLevelOfNeedCommand } from './case/change-level-of-need/change-level-of-need.command';
export { EndChildInNeedPlanCommand } from './case/child-in-need-plan/end-child-in-need-plan.command';
export { StartChildInNeedPlanCommand } from './case/child-in-need-plan/start-child-in-need-plan.command';
export { EndChildProtectionPlanCommand } from './case/child-protection-plan/end-child-protection-plan.command';
export { StartChildProtectionPlanCommand } from './case/child-protection-plan/start-child-protection-plan.command';
export { CloseCaseCommand } from './case/closure/close-case.command';
export { ReopenCaseCommand } from './case/closure/reopen-case.command';
export { RecordConsentCommand } from './case/consent/record-consent.command';
export { CorrectEntryCommand } from './case/correction/correct-entry.command';
export { EscalateFurtherCommand } from './case/escalation/escalate-further.command';
export { RaiseEscalationCommand } from './case/escalation/raise-escalation.command';
export { RecordEscalationDiscussionCommand } from './case/escalation/record-escalation-discussion.command';
export { ResolveEscalationCommand } from './case/escalation/resolve-escalation.command';
export { WithdrawEscalationCommand } from './case/escalation/withdraw-escalation.command';
export {
  RecordInformationSentCommand,
  RecordInformationSharingDecisionCommand,
} from './case/information-sharing/record-information-sharing-decision.command';
export { ApplyBragRatingCommand } from './case/mash/apply-brag-rating.command';
export { RecordMashDecisionCommand } from './case/mash/record-mash-decision.command';
export { RecordReferrerNotifiedCommand } from './case/mash/record-referrer-notified.command';
export { RecordWrittenFollowUpCommand } from './case/mash/record-written-follow-up.command';
export { OpenCaseCommand } from './case/open-case/open-case.command';
export type { OpenCaseResult } from './case/open-case/open-case.command';
export { CompleteSection17AssessmentCommand } from './case/section-17/complete-section-17-assessment.command';
export { OpenSection17AssessmentCommand } from './case/section-17/open-section-17-assessment.command';
export { EndSection20AccommodationCommand } from './case/section-20/end-section-20-accommodation.command';
export { StartSection20AccommodationCommand } from './case/section-20/start-section-20-accommodation.command';
export { RecordCareOrderStepCommand } from './case/section-31/record-care-order-step.command';
export { ConcludeSection47EnquiryCommand } from './case/section-47/conclude-section-47-enquiry.command';
export { OpenSection47EnquiryCommand } from './case/section-47/open-section-47-enquiry.command';
export { RecordStrategyDiscussionCommand } from './case/section-47/record-strategy-discussion.command';
export { RecordInitialChildProtectionConferenceCommand } from './case/section-47/record-initial-conference.command';
export { RecordCoreGroupMeetingCommand } from './case/child-protection-plan/record-core-group-meeting.command';
export { RecordReviewConferenceCommand } from './case/child-protection-plan/record-review-conference.command';
export { RecordChildInNeedPlanReviewCommand } from './case/child-in-need-plan/record-child-in-need-plan-review.command';
export { ChangeLeadProfessionalCommand } from './family/early-help/change-lead-professional.command';
export { AddTeamAroundFamilyMemberCommand } from './family/early-help/add-team-around-family-member.command';
export { CloseEarlyHelpAssessmentCommand } from './family/early-help/close-early-help-assessment.command';
export { CompleteEarlyHelpAssessmentCommand } from './family/early-help/complete-early-help-assessment.command';
export { ConveneTeamAroundFamilyCommand } from './family/early-help/convene-team-around-family.command';
export { EndKeepInTouchCommand } from './family/early-help/end-keep-in-touch.command';
export { RecordEarlyHelpHubDecisionCommand } from './family/early-help/record-early-help-hub-decision.command';
export { RecordNeedAndStrengthCommand } from './family/early-help/record-need-and-strength.command';
export { RecordTeamAroundFamilyReviewCommand } from './family/early-help/record-team-around-family-review.command';
export { StartEarlyHelpAssessmentCommand } from './family/early-help/start-early-help-assessment.command';
export type { EarlyHelpAssessmentStartedResult } from './family/early-help/start-early-help-assessment.command';
export { StartKeepInTouchCommand } from './family/early-help/start-keep-in-touch.command';
export {
  CorrectChildDetailsCommand,
  CorrectParentOrCarerCommand,
  RecordChildDeathCommand,
  RecordParentOrCarerCommand,
} from './child/record-on-child/record-on-child.commands';
export { commandScopedId } from './shared/command-ids';
export { RecordChildVisitCommand } from './case/visits/record-child-visit.command';
