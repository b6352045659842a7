import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseSummaryRow } from './case/get-case/case-summary.entity';
import { CaseSummaryProjection } from './case/get-case/case-summary.projection';
import { ChangeLevelOfNeedHandler } from './case/change-level-of-need/change-level-of-need.handler';
import { ChangeLevelOfNeedHttpController } from './case/change-level-of-need/change-level-of-need.http.controller';
import { ChildInNeedPlanHttpController } from './case/child-in-need-plan/child-in-need-plan.http.controller';
import { EndChildInNeedPlanHandler } from './case/child-in-need-plan/end-child-in-need-plan.command';
import { StartChildInNeedPlanHandler } from './case/child-in-need-plan/start-child-in-need-plan.command';
import { ChildProtectionPlanHttpController } from './case/child-protection-plan/child-protection-plan.http.controller';
import { EndChildProtectionPlanHandler } from './case/child-protection-plan/end-child-protection-plan.command';
import { StartChildProtectionPlanHandler } from './case/child-protection-plan/start-child-protection-plan.command';
import { CloseCaseHandler } from './case/closure/close-case.command';
import { ClosureHttpController } from './case/closure/closure.http.controller';
import { ReopenCaseHandler } from './case/closure/reopen-case.command';
import { RecordConsentHandler } from './case/consent/record-consent.command';
import { RecordConsentHttpController } from './case/consent/record-consent.http.controller';
import { CorrectEntryHandler } from './case/correction/correct-entry.command';
import { CorrectionHttpController } from './case/correction/correction.http.controller';
import { EscalateFurtherHandler } from './case/escalation/escalate-further.command';
import { EscalationHttpController } from './case/escalation/escalation.http.controller';
import { RaiseEscalationHandler } from './case/escalation/raise-escalation.command';
import { GetOpenEscalationsHandler } from './case/escalation/get-open-escalations.query';
import { RecordEscalationDiscussionHandler } from './case/escalation/record-escalation-discussion.command';
import { ResolveEscalationHandler } from './case/escalation/resolve-escalation.command';
import { WithdrawEscalationHandler } from './case/escalation/withdraw-escalation.command';
import { GetCaseHistoryHandler } from './case/get-case-history/get-case-history.handler';
import { GetCaseHistoryHttpController } from './case/get-case-history/get-case-history.http.controller';
import { GetCaseHandler } from './case/get-case/get-case.handler';
import { GetCaseHttpController } from './case/get-case/get-case.http.controller';
import { InformationSharingHttpController } from './case/information-sharing/information-sharing.http.controller';
import { RecordInformationSentHandler, RecordInformationSharingDecisionHandler } from './case/information-sharing/record-information-sharing-decision.command';
import { ApplyBragRatingHandler } from './case/mash/apply-brag-rating.command';
import { MashHttpController } from './case/mash/mash.http.controller';
import { RecordMashDecisionHandler } from './case/mash/record-mash-decision.command';
import { RecordReferrerNotifiedHandler } from './case/mash/record-referrer-notified.command';
import { RecordWrittenFollowUpHandler } from './case/mash/record-written-follow-up.command';
import { OpenCaseHandler } from './case/open-case/open-case.handler';
import { OpenCaseHttpController } from './case/open-case/open-case.http.controller';
import { CompleteSection17AssessmentHandler } from './case/section-17/complete-section-17-assessment.command';
import { OpenSection17AssessmentHandler } from './case/section-17/open-section-17-assessment.command';
import { Section17HttpController } from './case/section-17/section-17.http.controller';
import { EndSection20AccommodationHandler } from './case/section-20/end-section-20-accommodation.command';
import { Section20HttpController } from './case/section-20/section-20.http.controller';
import { StartSection20AccommodationHandler } from './case/section-20/start-section-20-accommodation.command';
import { RecordCareOrderStepHandler } from './case/section-31/record-care-order-step.command';
import { Section31HttpController } from './case/section-31/section-31.http.controller';
import { ConcludeSection47EnquiryHandler } from './case/section-47/conclude-section-47-enquiry.command';
import { OpenSection47EnquiryHandler } from './case/section-47/open-section-47-enquiry.command';
import { RecordStrategyDiscussionHandler } from './case/section-47/record-strategy-discussion.command';
import { RecordInitialChildProtectionConferenceHandler } from './case/section-47/record-initial-conference.command';
import { RecordCoreGroupMeetingHandler } from './case/child-protection-plan/record-core-group-meeting.command';
import { RecordReviewConferenceHandler } from './case/child-protection-plan/record-review-conference.command';
import { RecordChildInNeedPlanReviewHandler } from './case/child-in-need-plan/record-child-in-need-plan-review.command';
import { Section47HttpController } from './case/section-47/section-47.http.controller';
import { StrategyDiscussionHttpController } from './case/section-47/strategy-discussion.http.controller';
import { ChangeLeadProfessionalHandler } from './family/early-help/change-lead-professional.command';
import { AddTeamAroundFamilyMemberHandler } from './family/early-help/add-team-around-family-member.command';
import { CloseEarlyHelpAssessmentHandler } from './family/early-help/close-early-help-assessment.command';
import { CompleteEarlyHelpAssessmentHandler } from './family/early-help/complete-early-help-assessment.command';
import { ConveneTeamAroundFamilyHandler } from './family/early-help/convene-team-around-family.command';
import { EarlyHelpHttpController } from './family/early-help/early-help.http.controller';
import { EndKeepInTouchHandler } from './family/early-help/end-keep-in-touch.command';
import { RecordEarlyHelpHubDecisionHandler } from './family/early-help/record-early-help-hub-decision.command';
import { RecordNeedAndStrengthHandler } from './family/early-help/record-need-and-strength.command';
import { RecordTeamAroundFamilyReviewHandler } from './family/early-help/record-team-around-family-review.command';
import { StartEarlyHelpAssessmentHandler } from './family/early-help/start-early-help-assessment.command';
import { StartKeepInTouchHandler } from './family/early-help/start-keep-in-touch.command';
import { DecisionRunner } from './shared/decision-runner';
import { InformationSharingAuditHttpController } from './audit/information-sharing/information-sharing-audit.http.controller';
import { InformationSharingAuditProjection } from './audit/information-sharing/information-sharing-audit.projection';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogInterceptor } from './audit/access-log/access-log.interceptor';
import { AccessLogWriter } from './audit/access-log/access-log.writer';
import { GetAccessLogHttpController } from './audit/access-log/get-access-log.http.controller';
import { GetChronologyHttpController } from './case/chronology/get-chronology.http.controller';
import { CaseReplay } from './case/replay/case-replay';
import { CaseAccess } from './case/access/case-access';
import { CommandAccess, ORGANISATION } from './case/access/command-access';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import type { Organisation } from './domain/organisation';
import { AllocateCaseHandler } from './case/allocation/allocate-case.command';
import { AllocationHttpController } from './case/allocation/allocation.http.controller';
import { CaseloadHttpController } from './case/caseload/caseload.http.controller';
import { GetCaseloadHandler } from './case/caseload/get-caseload.query';
import { TimelinessHttpController } from './case/timeliness/timeliness.http.controller';
import { GetTimelinessHandler } from './case/timeliness/get-timeliness.query';
import { VerifyChainHttpController } from './audit/verify-chain/verify-chain.http.controller';
import { CheckpointsHttpController } from './audit/checkpoints/checkpoints.http.controller';
import { VerifyCaseChainHandler, VerifyLogHandler } from './audit/verify-chain/verify-chain.query';
import { TrendReportsProjection } from './reports/trend-reports.projection';
import { TrendReportsHttpController } from './reports/trend-reports.http.controller';
import { GetTrendReportHandler } from './reports/trend-report.handler';

/** Every projection of the case journey, for the api (inline) and the projector. */
export const CASE_JOURNEY_PROJECTIONS = [CaseSummaryProjection, InformationSharingAuditProjection, TrendReportsProjection];

/** Read-model entities, for TypeORM in any process that reads or writes them. */
export const CASE_JOURNEY_ENTITIES = [CaseSummaryRow];

@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(CASE_JOURNEY_ENTITIES)],
  controllers: [
    TrendReportsHttpController,
    CaseloadHttpController,
    TimelinessHttpController,
    AllocationHttpController,
    InformationSharingAuditHttpController,
    GetAccessLogHttpController,
    GetChronologyHttpController,
    VerifyChainHttpController,
    CheckpointsHttpController,
    ChangeLevelOfNeedHttpController,
    ChildInNeedPlanHttpController,
    ChildProtectionPlanHttpController,
    ClosureHttpController,
    RecordConsentHttpController,
    CorrectionHttpController,
    EscalationHttpController,
    GetCaseHistoryHttpController,
    GetCaseHttpController,
    InformationSharingHttpController,
    MashHttpController,
    OpenCaseHttpController,
    Section17HttpController,
    Section20HttpController,
    Section31HttpController,
    Section47HttpController,
    StrategyDiscussionHttpController,
    EarlyHelpHttpController,
  ],
  providers: [
    DecisionRunner,
    GetTrendReportHandler,
    AllocateCaseHandler,
    AccessLogWriter,
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
    CaseReplay,
    CaseAccess,
    CommandAccess,
    ReadYourWritesInterceptor,
    { provide: ORGANISATION, inject: [APP_CONFIG], useFactory: ({ teams, mashTeams }: AppConfig): Organisation => ({ teams, mashTeams }) },
    GetCaseloadHandler,
    GetOpenEscalationsHandler,
    GetTimelinessHandler,
    VerifyCaseChainHandler,
    VerifyLogHandler,
    ChangeLevelOfNeedHandler,
    EndChildInNeedPlanHandler,
    StartChildInNeedPlanHandler,
    EndChildProtectionPlanHandler,
    StartChildProtectionPlanHandler,
    CloseCaseHandler,
    ReopenCaseHandler,
    RecordConsentHandler,
    CorrectEntryHandler,
    EscalateFurtherHandler,
    RaiseEscalationHandler,
    RecordEscalationDiscussionHandler,
    ResolveEscalationHandler,
    WithdrawEscalationHandler,
    GetCaseHistoryHandler,
    GetCaseHandler,
    RecordInformationSharingDecisionHandler,
    RecordInformationSentHandler,
    ApplyBragRatingHandler,
    RecordMashDecisionHandler,
    RecordReferrerNotifiedHandler,
    RecordWrittenFollowUpHandler,
    OpenCaseHandler,
    CompleteSection17AssessmentHandler,
    OpenSection17AssessmentHandler,
    EndSection20AccommodationHandler,
    StartSection20AccommodationHandler,
    RecordCareOrderStepHandler,
    ConcludeSection47EnquiryHandler,
    OpenSection47EnquiryHandler,
    RecordStrategyDiscussionHandler,
    RecordInitialChildProtectionConferenceHandler,
    RecordCoreGroupMeetingHandler,
    RecordReviewConferenceHandler,
    RecordChildInNeedPlanReviewHandler,
    ChangeLeadProfessionalHandler,
    AddTeamAroundFamilyMemberHandler,
    CloseEarlyHelpAssessmentHandler,
    CompleteEarlyHelpAssessmentHandler,
    ConveneTeamAroundFamilyHandler,
    EndKeepInTouchHandler,
    RecordEarlyHelpHubDecisionHandler,
    RecordNeedAndStrengthHandler,
    RecordTeamAroundFamilyReviewHandler,
    StartEarlyHelpAssessmentHandler,
    StartKeepInTouchHandler,
  ],
})
export class CaseJourneyModule {}
