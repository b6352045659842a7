import type { CaseEvent } from '../case/case.events';
import type { ChildEvent } from '../child/child.decider';
import type { FamilyEvent } from '../family/family.decider';

export type CaseEventType = CaseEvent['type'];
export type FamilyEventType = FamilyEvent['type'];
export type ChildEventType = ChildEvent['type'];
export type EventType = CaseEventType | FamilyEventType | ChildEventType;

/**
 * The schema version each event is written at today. Mapped over the event unions, so that an
 * event added, renamed or removed is a compile error here until it is listed. A stored event at an
 * older version is brought up to this one by the upcasters (upcasters.ts) when it is decoded.
 */
export const CASE_EVENT_VERSIONS: { readonly [T in CaseEventType]: number } = {
  CaseOpened: 2,
  LevelOfNeedAssessed: 1,
  SteppedUp: 1,
  SteppedDown: 1,
  ConsentRecorded: 1,
  BragRatingApplied: 1,
  Section47EnquiryOpened: 1,
  Section47EnquiryConcluded: 1,
  ChildProtectionPlanStarted: 2,
  ChildProtectionPlanEnded: 1,
  CaseClosed: 1,
  CaseReopened: 2,
  WrittenFollowUpReceived: 1,
  MashDecisionRecorded: 1,
  ReferrerNotified: 1,
  StrategyDiscussionHeld: 1,
  Section17AssessmentOpened: 1,
  Section17AssessmentCompleted: 2,
  ChildInNeedPlanStarted: 1,
  ChildInNeedPlanEnded: 1,
  Section20AccommodationStarted: 1,
  Section20AccommodationEnded: 1,
  CareOrderStepRecorded: 1,
  InformationSharingDecisionRecorded: 2,
  InformationSent: 1,
  EscalationRaised: 1,
  EscalatedFurther: 1,
  EscalationDiscussionRecorded: 1,
  EscalationResolved: 1,
  EscalationWithdrawn: 1,
  EntryCorrected: 1,
  CaseAllocated: 1,
  ContactClosed: 1,
  ReferralRecorded: 1,
  InitialChildProtectionConferenceHeld: 1,
  CoreGroupMet: 1,
  ChildProtectionReviewConferenceHeld: 1,
  ChildInNeedPlanReviewed: 1,
  ChildVisited: 1,
};

export const FAMILY_EVENT_VERSIONS: { readonly [T in FamilyEventType]: number } = {
  FamilyRegistered: 1,
  ChildJoinedFamily: 1,
  EarlyHelpAssessmentStarted: 1,
  TeamAroundFamilyConvened: 1,
  NeedAndStrengthRecorded: 1,
  EarlyHelpAssessmentCompleted: 1,
  EarlyHelpAssessmentClosed: 1,
  TeamAroundFamilyReviewed: 1,
  LeadProfessionalChanged: 1,
  TeamAroundFamilyMemberJoined: 1,
  EarlyHelpHubDecisionRecorded: 1,
  KeepInTouchStarted: 1,
  KeepInTouchEnded: 1,
  EarlyHelpAssessmentShared: 1,
};

export const CHILD_EVENT_VERSIONS: { readonly [T in ChildEventType]: number } = {
  ChildRegistered: 1,
  ChildDetailsCorrected: 1,
  ChildDeathRecorded: 1,
  ParentOrCarerRecorded: 1,
  ParentOrCarerCorrected: 1,
  CaseLinkedToChild: 1,
};
