import type { Actor } from '@windscreen/identity';
import { assertNever, EventEnvelope } from '../domain/decider';
import type { LevelOfNeed } from '../domain/levels-of-need';
import type { Area } from '../domain/national-codes';
import type { CaseEvent } from './case.events';
import type { AbuseCategory } from './child-protection-plan/child-protection-plan.decide';
import type { ConsentRecord, ConsentScope } from './consent/consent.decide';
import type { BragRating, MashOutcome } from './mash/mash.decide';
import type { EscalationState } from './escalation/escalation.decide';
import type { CareOrderStep } from './section-31/section-31.decide';
import type { ChildDetails } from '../child/child.decider';
import type { AllocatedWorker } from './allocation/allocation.decide';
import type { ConferenceDecision } from './section-47/initial-conference.decide';

export interface CaseState {
  status: 'none' | 'open' | 'closed';
  caseId: string | null;
  familyId: string | null;
  /** The child the case is about (a v1 case's child is named by the case id), and the child's LA child id. */
  childId: string | null;
  laChildId: string | null;
  area: Area | null;
  /** The team that holds the case: the opener's team until it is allocated. */
  team: string | null;
  allocatedWorker: AllocatedWorker | null;
  child: ChildDetails | null;
  /** When the contact was received: nothing on the case happened before it (R35). */
  contactReceivedAt: string | null;
  level: LevelOfNeed | null;
  levelSince: string | null;
  levelSetBy: Pick<Actor, 'id' | 'name' | 'role'> | null;
  /** The entry that set the current level: the only one whose level can be corrected (R36). */
  latestLevelEntryId: string | null;
  /** The latest decision per scope: what is in force now. */
  consents: Partial<Record<ConsentScope, ConsentRecord & { recordedAt: string }>>;
  bragRating: BragRating | null;
  bragRatedAt: string | null;
  section47Open: boolean;
  section47Since: string | null;
  /** The latest section 47 enquiry and its initial conference: a CP plan needs both (R24). */
  section47Enquiry: Section47Episode | null;
  /** The plan with its latest category of abuse (R31) and its clocks (null for plans recorded before them). */
  childProtectionPlan: {
    category: AbuseCategory;
    since: string;
    coreGroupDueBy: string | null;
    coreGroupMet: boolean;
    nextReviewDueBy: string | null;
  } | null;
  closedAt: string | null;
  /** R10: set for a telephone contact. */
  writtenFollowUp: { dueBy: string; receivedAt: string | null } | null;
  mashDecision: MashOutcome | null;
  mashDecidedAt: string | null;
  referrerNotificationDueBy: string | null;
  referrerNotified: boolean;
  section17: { dueBy: string; since: string } | null;
  childInNeedPlanSince: string | null;
  /** R32: when the CIN plan's next review is due (null for plans recorded before reviews were). */
  childInNeedPlanReviewDueBy: string | null;
  /** R29: the latest strategy discussion, and whether it decided on section 47 enquiries. */
  strategyDiscussion: { at: string; section47: boolean } | null;
  section20Since: string | null;
  careOrder: { step: CareOrderStep; courtReference: string; since: string } | null;
  /** A care order was granted at some time (RC1: adoption follows one). */
  careOrderMade: boolean;
  /** A section 17 assessment was completed since the case was (re)opened (RC8, RC9). */
  assessmentCompletedAt: string | null;
  /** R28: when the child was referred to Children's Social Care on this case, oldest first; the current referral, if one stands. */
  referrals: string[];
  currentReferralAt: string | null;
  /** How the case was closed: as a case (CIN closure) or, by the front door, as a contact (R27). */
  closedAs: 'case' | 'contact' | null;
  escalations: Record<string, EscalationState>;
  /** R19: each information-sharing decision by its id, so that what is sent can name it. */
  sharingDecisions: Record<string, { share: boolean; decidedAt: string }>;
  /**
   * The type of every entry by event id, so a correction can name what it corrects (R22); the
   * entry's values are read from the stream by the correction's handler, not kept here.
   */
  entryTypes: Record<string, CaseEvent['type']>;
}

export interface Section47Episode {
  openedAt: string;
  strategyDiscussionAt: string | null;
  concludedAt: string | null;
  icpcNeeded: boolean | null;
  conference: { heldAt: string; decision: ConferenceDecision; planStarted: boolean } | null;
}

export const initialCaseState = (): CaseState => ({
  status: 'none',
  caseId: null,
  familyId: null,
  childId: null,
  laChildId: null,
  area: null,
  team: null,
  allocatedWorker: null,
  child: null,
  contactReceivedAt: null,
  level: null,
  levelSince: null,
  levelSetBy: null,
  latestLevelEntryId: null,
  consents: {},
  bragRating: null,
  bragRatedAt: null,
  section47Open: false,
  section47Since: null,
  section47Enquiry: null,
  childProtectionPlan: null,
  closedAt: null,
  writtenFollowUp: null,
  mashDecision: null,
  mashDecidedAt: null,
  referrerNotificationDueBy: null,
  referrerNotified: false,
  section17: null,
  childInNeedPlanSince: null,
  childInNeedPlanReviewDueBy: null,
  strategyDiscussion: null,
  section20Since: null,
  careOrder: null,
  careOrderMade: false,
  assessmentCompletedAt: null,
  closedAs: null,
  referrals: [],
  currentReferralAt: null,
  escalations: {},
  sharingDecisions: {},
  entryTypes: {},
});

export function evolveCase(state: CaseState, event: EventEnvelope<CaseEvent>): CaseState {
  const next = applyToState(state, event);
  if (!event.id) return next;
  const setsLevel = event.type === 'LevelOfNeedAssessed' || event.type === 'SteppedUp' || event.type === 'SteppedDown';
  return {
    ...next,
    ...(setsLevel && { latestLevelEntryId: event.id }),
    entryTypes: { ...next.entryTypes, [event.id]: event.type },
  };
}

function applyToState(state: CaseState, event: EventEnvelope<CaseEvent>): CaseState {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'CaseOpened':
      return {
        ...state,
        status: 'open',
        caseId: event.data.caseId,
        familyId: event.data.familyId,
        childId: event.data.childId,
        laChildId: event.data.laChildId,
        // R28: a referral within 12 months of a previous referral of the child, on any of the child's cases, is a re-referral.
        referrals: event.data.childReferralsBefore ?? [],
        area: event.data.area,
        team: event.metadata.actor.team ?? null,
        child: event.data.child,
        contactReceivedAt: event.data.contact.receivedAt,
        writtenFollowUp: event.data.writtenFollowUpDueBy
          ? { dueBy: event.data.writtenFollowUpDueBy, receivedAt: null }
          : null,
      };
    case 'LevelOfNeedAssessed':
      return withLevel(state, event.data.level, event);
    case 'SteppedUp':
      return withLevel(state, event.data.to, event);
    case 'SteppedDown':
      // R28: a referral stands while the case is at specialist.
      return { ...withLevel(state, event.data.to, event), currentReferralAt: null };
    case 'ReferralRecorded':
      return { ...state, referrals: [...state.referrals, at], currentReferralAt: at };
    case 'ConsentRecorded':
      return { ...state, consents: { ...state.consents, [event.data.scope]: { ...event.data, recordedAt: at } } };
    case 'BragRatingApplied':
      return { ...state, bragRating: event.data.rating, bragRatedAt: at };
    case 'Section47EnquiryOpened':
      return {
        ...state,
        section47Open: true,
        section47Since: at,
        section47Enquiry: {
          openedAt: at,
          strategyDiscussionAt: event.data.strategyDiscussionAt,
          concludedAt: null,
          icpcNeeded: null,
          conference: null,
        },
      };
    case 'Section47EnquiryConcluded':
      return {
        ...state,
        section47Open: false,
        section47Since: null,
        section47Enquiry: state.section47Enquiry && {
          ...state.section47Enquiry,
          concludedAt: at,
          icpcNeeded: event.data.icpcNeeded,
        },
      };
    case 'InitialChildProtectionConferenceHeld':
      return {
        ...state,
        section47Enquiry: state.section47Enquiry && {
          ...state.section47Enquiry,
          conference: { heldAt: at, decision: event.data.decision, planStarted: false },
        },
      };
    case 'ChildProtectionPlanStarted':
      return {
        ...state,
        childProtectionPlan: {
          category: event.data.category,
          since: at,
          coreGroupDueBy: event.data.coreGroupDueBy ?? null,
          coreGroupMet: false,
          nextReviewDueBy: event.data.firstReviewDueBy ?? null,
        },
        section47Enquiry: state.section47Enquiry?.conference
          ? { ...state.section47Enquiry, conference: { ...state.section47Enquiry.conference, planStarted: true } }
          : state.section47Enquiry,
      };
    case 'ChildProtectionPlanEnded':
      return { ...state, childProtectionPlan: null };
    case 'CoreGroupMet':
      return state.childProtectionPlan
        ? { ...state, childProtectionPlan: { ...state.childProtectionPlan, coreGroupMet: true } }
        : state;
    case 'ChildProtectionReviewConferenceHeld':
      return state.childProtectionPlan
        ? {
            ...state,
            childProtectionPlan: {
              ...state.childProtectionPlan,
              category: event.data.category,
              nextReviewDueBy: event.data.nextReviewDueBy,
            },
          }
        : state;
    case 'CaseClosed':
      return { ...state, status: 'closed', closedAt: at, closedAs: 'case', currentReferralAt: null };
    case 'ContactClosed':
      return { ...state, status: 'closed', closedAt: at, closedAs: 'contact', currentReferralAt: null };
    case 'CaseReopened':
      return {
        ...state,
        status: 'open',
        closedAt: null,
        closedAs: null,
        assessmentCompletedAt: null,
        bragRating: null,
        bragRatedAt: null,
        mashDecision: null,
        mashDecidedAt: null,
        referrerNotificationDueBy: null,
        referrerNotified: false,
      };
    case 'WrittenFollowUpReceived':
      return { ...state, writtenFollowUp: { dueBy: event.data.dueBy, receivedAt: at } };
    case 'MashDecisionRecorded':
      return {
        ...state,
        mashDecision: event.data.outcome,
        mashDecidedAt: at,
        referrerNotificationDueBy: event.data.referrerNotificationDueBy,
      };
    case 'ReferrerNotified':
      return { ...state, referrerNotified: true };
    case 'StrategyDiscussionHeld':
      return { ...state, strategyDiscussion: { at, section47: event.data.section47 !== false } };
    case 'Section17AssessmentOpened':
      return { ...state, section17: { dueBy: event.data.dueBy, since: at } };
    case 'Section17AssessmentCompleted':
      return { ...state, section17: null, assessmentCompletedAt: at };
    case 'ChildInNeedPlanStarted':
      return { ...state, childInNeedPlanSince: at, childInNeedPlanReviewDueBy: event.data.firstReviewDueBy ?? null };
    case 'ChildInNeedPlanEnded':
      return { ...state, childInNeedPlanSince: null, childInNeedPlanReviewDueBy: null };
    case 'ChildInNeedPlanReviewed':
      return { ...state, childInNeedPlanReviewDueBy: event.data.nextReviewDueBy };
    case 'Section20AccommodationStarted':
      return { ...state, section20Since: at };
    case 'Section20AccommodationEnded':
      return { ...state, section20Since: null };
    case 'CareOrderStepRecorded':
      return {
        ...state,
        careOrder: { step: event.data.step, courtReference: event.data.courtReference, since: at },
        careOrderMade: state.careOrderMade || event.data.step === 'granted',
      };
    case 'InformationSharingDecisionRecorded':
      return {
        ...state,
        sharingDecisions: {
          ...state.sharingDecisions,
          [event.data.decisionId]: { share: event.data.decision === 'share', decidedAt: at },
        },
      };
    case 'InformationSent':
      return state;
    case 'EscalationRaised':
      return {
        ...state,
        escalations: {
          ...state.escalations,
          [event.data.escalationId]: {
            route: event.data.route,
            level: event.data.level,
            status: 'open',
            otherAgency: event.data.otherAgency,
            raisedAt: at,
          },
        },
      };
    case 'EscalatedFurther':
      return withEscalation(state, event.data.escalationId, { level: event.data.to });
    case 'EscalationDiscussionRecorded':
    case 'ChildVisited':
      return state;
    case 'EscalationResolved':
      return withEscalation(state, event.data.escalationId, { status: 'resolved' });
    case 'EscalationWithdrawn':
      return withEscalation(state, event.data.escalationId, { status: 'withdrawn' });
    case 'CaseAllocated':
      return { ...state, team: event.data.team, allocatedWorker: event.data.worker };
    case 'EntryCorrected':
      return withCorrection(state, event.data.correctsType, event.data.correctedValues);
    default:
      return assertNever(event);
  }
}

/** R22: what the case knows of the child and area follows corrections of the contact; its level, a corrected level (R36). */
function withCorrection(state: CaseState, correctsType: string, corrected: Record<string, unknown>): CaseState {
  const correctedLevel =
    correctsType === 'LevelOfNeedAssessed'
      ? corrected.level
      : correctsType === 'SteppedUp' || correctsType === 'SteppedDown'
        ? corrected.to
        : undefined;
  if (correctedLevel !== undefined) return { ...state, level: correctedLevel as LevelOfNeed };
  if (correctsType !== 'CaseOpened') return state;
  return {
    ...state,
    ...(corrected.child !== undefined && { child: { ...state.child, ...(corrected.child as object) } as ChildDetails }),
    ...(corrected.area !== undefined && { area: corrected.area as Area }),
  };
}

/** The statutory episodes open on the case, in words: they hold it at specialist (R23) and keep it open (R25). */
export function openStatutoryEpisodes(state: CaseState): string[] {
  return [
    state.section47Open && 'a section 47 enquiry',
    state.section17 && 'a section 17 assessment',
    state.childInNeedPlanSince && 'a child in need plan',
    state.childProtectionPlan && 'a child protection plan',
    state.section20Since && 'section 20 accommodation',
    (state.careOrder?.step === 'applied' || state.careOrder?.step === 'granted') &&
      (state.careOrder.step === 'applied' ? 'care proceedings' : 'a care order'),
  ].filter((episode): episode is string => typeof episode === 'string');
}

function withEscalation(state: CaseState, escalationId: string, change: Partial<EscalationState>): CaseState {
  return {
    ...state,
    escalations: { ...state.escalations, [escalationId]: { ...state.escalations[escalationId], ...change } },
  };
}

function withLevel(state: CaseState, level: LevelOfNeed, event: EventEnvelope<CaseEvent>): CaseState {
  const { id, name, role } = event.metadata.actor;
  return { ...state, level, levelSince: event.metadata.occurredAt, levelSetBy: { id, name, role } };
}
