import type { LevelOfNeedChanged } from './change-level-of-need/change-level-of-need.decide';
import type { ChildProtectionPlanEvent } from './child-protection-plan/child-protection-plan.decide';
import type { CaseClosed, CaseReopened, ContactClosed } from './closure/closure.decide';
import type { InitialChildProtectionConferenceHeld } from './section-47/initial-conference.decide';
import type { ConsentRecorded } from './consent/consent.decide';
import type { BragRatingApplied } from './mash/mash.decide';
import type { CaseOpened } from './open-case/open-case.decide';
import type { Section47EnquiryConcluded, Section47EnquiryOpened } from './section-47/section-47.decide';
import type { StrategyDiscussionHeld } from './section-47/strategy-discussion.decide';
import type { MashDecisionRecorded, ReferrerNotified, WrittenFollowUpReceived } from './mash/mash.decide';
import type { Section17AssessmentCompleted, Section17AssessmentOpened } from './section-17/section-17.decide';
import type { ChildInNeedPlanEvent } from './child-in-need-plan/child-in-need-plan.decide';
import type { Section20AccommodationEnded, Section20AccommodationStarted } from './section-20/section-20.decide';
import type { CareOrderStepRecorded } from './section-31/section-31.decide';
import type {
  InformationSent,
  InformationSharingDecisionRecorded,
} from './information-sharing/information-sharing.decide';
import type { EscalationEvent } from './escalation/escalation.decide';
import type { EntryCorrected } from './correction/correction.decide';
import type { CaseAllocated } from './allocation/allocation.decide';
import type { ReferralRecorded } from './referral/referral.decide';
import type { ChildVisited } from './visits/visits.decide';

/** Every event of a case stream. */
export type CaseEvent =
  | CaseOpened
  | LevelOfNeedChanged
  | ConsentRecorded
  | BragRatingApplied
  | Section47EnquiryOpened
  | Section47EnquiryConcluded
  | ChildProtectionPlanEvent
  | CaseClosed
  | ContactClosed
  | InitialChildProtectionConferenceHeld
  | CaseReopened
  | WrittenFollowUpReceived
  | MashDecisionRecorded
  | ReferrerNotified
  | StrategyDiscussionHeld
  | Section17AssessmentOpened
  | Section17AssessmentCompleted
  | ChildInNeedPlanEvent
  | Section20AccommodationStarted
  | Section20AccommodationEnded
  | CareOrderStepRecorded
  | InformationSharingDecisionRecorded
  | InformationSent
  | EscalationEvent
  | EntryCorrected
  | CaseAllocated
  | ReferralRecorded
  | ChildVisited;
