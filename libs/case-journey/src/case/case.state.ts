import type { Actor } from '../domain/actor';
import { assertNever, EventEnvelope } from '../domain/decider';
import type { LevelOfNeed } from '../domain/levels-of-need';
import type { Area } from '../domain/national-codes';
import type { CaseEvent } from './case.events';
import type { AbuseCategory } from './child-protection-plan/child-protection-plan.decide';
import type { ConsentRecord, ConsentScope } from './consent/consent.decide';
import type { BragRating, MashOutcome } from './mash/mash.decide';
import type { EscalationState } from './escalation/escalation.decide';
import type { CareOrderStep } from './section-31/section-31.decide';
import type { ChildDetails } from './open-case/open-case.decide';
import type { AllocatedWorker } from './allocation/allocation.decide';

export interface CaseState {
  status: 'none' | 'open' | 'closed';
  caseId: string | null;
  familyId: string | null;
  area: Area | null;
  /** The team that holds the case: the opener's team until it is allocated. */
  team: string | null;
  allocatedWorker: AllocatedWorker | null;
  child: ChildDetails | null;
  level: LevelOfNeed | null;
  levelSince: string | null;
  levelSetBy: Pick<Actor, 'id' | 'name' | 'role'> | null;
  /** The latest decision per scope: what is in force now. */
  consents: Partial<Record<ConsentScope, ConsentRecord & { recordedAt: string }>>;
  bragRating: BragRating | null;
  bragRatedAt: string | null;
  section47Open: boolean;
  section47Since: string | null;
  childProtectionPlan: { category: AbuseCategory; since: string } | null;
  closedAt: string | null;
  /** R10: set for a telephone contact. */
  writtenFollowUp: { dueBy: string; receivedAt: string | null } | null;
  mashDecision: MashOutcome | null;
  referrerNotificationDueBy: string | null;
  referrerNotified: boolean;
  section17: { dueBy: string; since: string } | null;
  childInNeedPlanSince: string | null;
  section20Since: string | null;
  careOrder: { step: CareOrderStep; courtReference: string; since: string } | null;
  escalations: Record<string, EscalationState>;
  /** R19: each information-sharing decision by its id, so that what is sent can name it. */
  sharingDecisions: Record<string, { share: boolean; decidedAt: string }>;
  /** Every entry by event id, so a correction can name what it corrects (R22). */
  entries: Record<string, { type: string; data: Record<string, unknown> }>;
}

export const initialCaseState = (): CaseState => ({
  status: 'none',
  caseId: null,
  familyId: null,
  area: null,
  team: null,
  allocatedWorker: null,
  child: null,
  level: null,
  levelSince: null,
  levelSetBy: null,
  consents: {},
  bragRating: null,
  bragRatedAt: null,
  section47Open: false,
  section47Since: null,
  childProtectionPlan: null,
  closedAt: null,
  writtenFollowUp: null,
  mashDecision: null,
  referrerNotificationDueBy: null,
  referrerNotified: false,
  section17: null,
  childInNeedPlanSince: null,
  section20Since: null,
  careOrder: null,
  escalations: {},
  sharingDecisions: {},
  entries: {},
});

export function evolveCase(state: CaseState, event: EventEnvelope<CaseEvent>): CaseState {
  const next = applyToState(state, event);
  if (!event.id) return next;
  return { ...next, entries: { ...next.entries, [event.id]: { type: event.type, data: event.data as Record<string, unknown> } } };
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
        area: event.data.area,
        team: event.metadata.actor.team ?? null,
        child: event.data.child,
        writtenFollowUp: event.data.writtenFollowUpDueBy ? { dueBy: event.data.writtenFollowUpDueBy, receivedAt: null } : null,
      };
    case 'LevelOfNeedAssessed':
      return withLevel(state, event.data.level, event);
    case 'SteppedUp':
    case 'SteppedDown':
      return withLevel(state, event.data.to, event);
    case 'ConsentRecorded':
      return { ...state, consents: { ...state.consents, [event.data.scope]: { ...event.data, recordedAt: at } } };
    case 'BragRatingApplied':
      return { ...state, bragRating: event.data.rating, bragRatedAt: at };
    case 'Section47EnquiryOpened':
      return { ...state, section47Open: true, section47Since: at };
    case 'Section47EnquiryConcluded':
      return { ...state, section47Open: false, section47Since: null };
    case 'ChildProtectionPlanStarted':
      return { ...state, childProtectionPlan: { category: event.data.category, since: at } };
    case 'ChildProtectionPlanEnded':
      return { ...state, childProtectionPlan: null };
    case 'CaseClosed':
      return { ...state, status: 'closed', closedAt: at };
    case 'CaseReopened':
      return { ...state, status: 'open', closedAt: null, bragRating: null, bragRatedAt: null, mashDecision: null, referrerNotificationDueBy: null, referrerNotified: false };
    case 'WrittenFollowUpReceived':
      return { ...state, writtenFollowUp: { dueBy: event.data.dueBy, receivedAt: at } };
    case 'MashDecisionRecorded':
      return { ...state, mashDecision: event.data.outcome, referrerNotificationDueBy: event.data.referrerNotificationDueBy };
    case 'ReferrerNotified':
      return { ...state, referrerNotified: true };
    case 'StrategyDiscussionHeld':
      return state;
    case 'Section17AssessmentOpened':
      return { ...state, section17: { dueBy: event.data.dueBy, since: at } };
    case 'Section17AssessmentCompleted':
      return { ...state, section17: null };
    case 'ChildInNeedPlanStarted':
      return { ...state, childInNeedPlanSince: at };
    case 'ChildInNeedPlanEnded':
      return { ...state, childInNeedPlanSince: null };
    case 'Section20AccommodationStarted':
      return { ...state, section20Since: at };
    case 'Section20AccommodationEnded':
      return { ...state, section20Since: null };
    case 'CareOrderStepRecorded':
      return { ...state, careOrder: { step: event.data.step, courtReference: event.data.courtReference, since: at } };
    case 'InformationSharingDecisionRecorded':
      return { ...state, sharingDecisions: { ...state.sharingDecisions, [event.data.decisionId]: { share: event.data.decision === 'share', decidedAt: at } } };
    case 'InformationSent':
      return state;
    case 'EscalationRaised':
      return {
        ...state,
        escalations: {
          ...state.escalations,
          [event.data.escalationId]: { route: event.data.route, level: event.data.level, status: 'open', otherAgency: event.data.otherAgency },
        },
      };
    case 'EscalatedFurther':
      return withEscalation(state, event.data.escalationId, { level: event.data.to });
    case 'EscalationDiscussionRecorded':
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

/** R22: what the case knows of the child and area follows corrections of the contact. */
function withCorrection(state: CaseState, correctsType: string, corrected: Record<string, unknown>): CaseState {
  if (correctsType !== 'CaseOpened') return state;
  return {
    ...state,
    ...(corrected.child !== undefined && { child: { ...state.child, ...(corrected.child as object) } as ChildDetails }),
    ...(corrected.area !== undefined && { area: corrected.area as Area }),
  };
}

function withEscalation(state: CaseState, escalationId: string, change: Partial<EscalationState>): CaseState {
  return { ...state, escalations: { ...state.escalations, [escalationId]: { ...state.escalations[escalationId], ...change } } };
}

function withLevel(state: CaseState, level: LevelOfNeed, event: EventEnvelope<CaseEvent>): CaseState {
  const { id, name, role } = event.metadata.actor;
  return { ...state, level, levelSince: event.metadata.occurredAt, levelSetBy: { id, name, role } };
}
