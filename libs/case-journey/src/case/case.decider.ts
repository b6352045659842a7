import { assertNever, Decider } from '../domain/decider';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { assertNotBefore, assertOccurredAtNotInFuture } from '../domain/occurred-at';
import type { CaseEvent } from './case.events';
import { CaseState, evolveCase, initialCaseState } from './case.state';
import { ChangeLevelOfNeed, decideChangeLevelOfNeed } from './change-level-of-need/change-level-of-need.decide';
import {
  decideEndChildProtectionPlan,
  decideRecordCoreGroupMeeting,
  decideRecordReviewConference,
  decideStartChildProtectionPlan,
  EndChildProtectionPlan,
  RecordCoreGroupMeeting,
  RecordReviewConference,
  StartChildProtectionPlan,
} from './child-protection-plan/child-protection-plan.decide';
import { CloseCase, decideCloseCase, decideCloseContact, decideReopenCase, ReopenCase } from './closure/closure.decide';
import { decideRecordConsent, RecordConsent } from './consent/consent.decide';
import {
  ApplyBragRating,
  decideApplyBragRating,
  decideRecordMashDecision,
  decideRecordReferrerNotified,
  decideRecordWrittenFollowUp,
  RecordMashDecision,
  RecordReferrerNotified,
  RecordWrittenFollowUp,
} from './mash/mash.decide';
import { CorrectEntry, decideCorrectEntry } from './correction/correction.decide';
import { decideEscalation, EscalationCommand } from './escalation/escalation.decide';
import {
  decideRecordInformationSent,
  decideRecordInformationSharingDecision,
  RecordInformationSent,
  RecordInformationSharingDecision,
} from './information-sharing/information-sharing.decide';
import {
  decideEndChildInNeedPlan,
  decideRecordChildInNeedPlanReview,
  decideStartChildInNeedPlan,
  EndChildInNeedPlan,
  RecordChildInNeedPlanReview,
  StartChildInNeedPlan,
} from './child-in-need-plan/child-in-need-plan.decide';
import {
  CompleteSection17Assessment,
  decideCompleteSection17Assessment,
  decideOpenSection17Assessment,
  OpenSection17Assessment,
} from './section-17/section-17.decide';
import {
  decideEndSection20Accommodation,
  decideStartSection20Accommodation,
  EndSection20Accommodation,
  StartSection20Accommodation,
} from './section-20/section-20.decide';
import { decideRecordCareOrderStep, RecordCareOrderStep } from './section-31/section-31.decide';
import { decideRecordStrategyDiscussion, RecordStrategyDiscussion } from './section-47/strategy-discussion.decide';
import {
  decideRecordInitialConference,
  RecordInitialChildProtectionConference,
} from './section-47/initial-conference.decide';
import { decideOpenCase, OpenCase } from './open-case/open-case.decide';
import { decideRecordChildVisit, RecordChildVisit } from './visits/visits.decide';
import { AllocateCase, decideAllocateCase } from './allocation/allocation.decide';
import {
  ConcludeSection47Enquiry,
  decideConcludeSection47Enquiry,
  decideOpenSection47Enquiry,
  OpenSection47Enquiry,
} from './section-47/section-47.decide';

export type CaseCommand =
  | OpenCase
  | ChangeLevelOfNeed
  | RecordConsent
  | ApplyBragRating
  | OpenSection47Enquiry
  | ConcludeSection47Enquiry
  | StartChildProtectionPlan
  | EndChildProtectionPlan
  | RecordCoreGroupMeeting
  | RecordReviewConference
  | CloseCase
  | ReopenCase
  | RecordWrittenFollowUp
  | RecordMashDecision
  | RecordReferrerNotified
  | RecordStrategyDiscussion
  | RecordInitialChildProtectionConference
  | OpenSection17Assessment
  | CompleteSection17Assessment
  | StartChildInNeedPlan
  | EndChildInNeedPlan
  | RecordChildInNeedPlanReview
  | StartSection20Accommodation
  | EndSection20Accommodation
  | RecordCareOrderStep
  | RecordInformationSharingDecision
  | RecordInformationSent
  | EscalationCommand
  | CorrectEntry
  | AllocateCase
  | RecordChildVisit;

export function decideCase(command: CaseCommand, state: CaseState): CaseEvent[] {
  assertOccurredAtNotInFuture(command.context);
  if (command.type === 'OpenCase') return decideOpenCase(command, state);
  const { caseId } = command.data;
  if (state.status === 'none') {
    throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
  }
  if (command.type === 'ReopenCase') {
    assertNotBefore(command.context, state.closedAt, 'the closure');
    return decideReopenCase(command, state);
  }
  // A closed case refuses everything but reopening; a contact the front door closed still owes its referrer the outcome (R13, R27).
  const owedByTheFrontDoor = state.closedAs === 'contact' && command.type === 'RecordReferrerNotified';
  if (state.status === 'closed' && !owedByTheFrontDoor) {
    throw new RuleViolation('R21', 'CASE.CLOSED', 'The case is closed', 'Reopen the case first');
  }
  // R35: nothing happens on a case before its contact, nor before the step it follows.
  assertNotBefore(command.context, state.contactReceivedAt, 'the contact');
  const [follows, what] = whatItFollows(command, state);
  assertNotBefore(command.context, follows, what);
  switch (command.type) {
    case 'ChangeLevelOfNeed':
      return decideChangeLevelOfNeed(command, state);
    case 'RecordConsent':
      return decideRecordConsent(command, state);
    case 'ApplyBragRating':
      return decideApplyBragRating(command, state);
    case 'OpenSection47Enquiry':
      return decideOpenSection47Enquiry(command, state);
    case 'ConcludeSection47Enquiry':
      return decideConcludeSection47Enquiry(command, state);
    case 'StartChildProtectionPlan':
      return decideStartChildProtectionPlan(command, state);
    case 'EndChildProtectionPlan':
      return decideEndChildProtectionPlan(command, state);
    case 'RecordCoreGroupMeeting':
      return decideRecordCoreGroupMeeting(command, state);
    case 'RecordReviewConference':
      return decideRecordReviewConference(command, state);
    case 'CloseCase':
      return decideCloseCase(command, state);
    case 'RecordWrittenFollowUp':
      return decideRecordWrittenFollowUp(command, state);
    case 'RecordMashDecision':
      return decideMashDecisionAndNextStep(command, state);
    case 'RecordReferrerNotified':
      return decideRecordReferrerNotified(command, state);
    case 'RecordStrategyDiscussion':
      return decideRecordStrategyDiscussion(command, state);
    case 'RecordInitialChildProtectionConference':
      return decideRecordInitialConference(command, state);
    case 'OpenSection17Assessment':
      return decideOpenSection17Assessment(command, state);
    case 'CompleteSection17Assessment':
      return decideCompleteSection17Assessment(command, state);
    case 'StartChildInNeedPlan':
      return decideStartChildInNeedPlan(command, state);
    case 'EndChildInNeedPlan':
      return decideEndChildInNeedPlan(command, state);
    case 'RecordChildInNeedPlanReview':
      return decideRecordChildInNeedPlanReview(command, state);
    case 'StartSection20Accommodation':
      return decideStartSection20Accommodation(command, state);
    case 'RecordChildVisit':
      return decideRecordChildVisit(command, state);
    case 'EndSection20Accommodation':
      return decideEndSection20Accommodation(command, state);
    case 'RecordCareOrderStep':
      return decideRecordCareOrderStep(command, state);
    case 'RecordInformationSharingDecision':
      return decideRecordInformationSharingDecision(command, state);
    case 'RecordInformationSent':
      return decideRecordInformationSent(command, state);
    case 'RaiseEscalation':
    case 'EscalateFurther':
    case 'RecordEscalationDiscussion':
    case 'ResolveEscalation':
    case 'WithdrawEscalation':
      return decideEscalation(command, state);
    case 'CorrectEntry':
      return decideCorrectEntry(command, state);
    case 'AllocateCase':
      return decideAllocateCase(command, state);
    default:
      return assertNever(command);
  }
}

/** R35: the recorded step each command follows, and when it happened. */
function whatItFollows(command: CaseCommand, state: CaseState): [string | null | undefined, string] {
  switch (command.type) {
    case 'RecordMashDecision':
      return [state.bragRatedAt, 'the BRAG rating'];
    case 'RecordReferrerNotified':
      return [state.mashDecidedAt, 'the MASH decision'];
    case 'ConcludeSection47Enquiry':
      return [state.section47Since, 'the section 47 enquiry'];
    case 'StartChildProtectionPlan':
      return [state.section47Enquiry?.conference?.heldAt, 'the initial child protection conference'];
    case 'EndChildProtectionPlan':
    case 'RecordCoreGroupMeeting':
    case 'RecordReviewConference':
      return [state.childProtectionPlan?.since, 'the child protection plan'];
    case 'CompleteSection17Assessment':
      return [state.section17?.since, 'the section 17 assessment'];
    case 'EndChildInNeedPlan':
    case 'RecordChildInNeedPlanReview':
      return [state.childInNeedPlanSince, 'the child in need plan'];
    case 'EndSection20Accommodation':
      return [state.section20Since, 'the section 20 accommodation'];
    case 'RecordCareOrderStep':
      return [state.careOrder?.since, 'the previous step of the care proceedings'];
    default:
      return [null, ''];
  }
}

/** R12: the MASH decision opens the matching next step in the same decision. */
function decideMashDecisionAndNextStep(command: RecordMashDecision, state: CaseState): CaseEvent[] {
  const decided = decideRecordMashDecision(command, state);
  const after = decided.reduce(
    (current, event) =>
      evolveCase(current, {
        ...event,
        metadata: { occurredAt: command.context.occurredAt, actor: command.context.actor },
      }),
    state,
  );
  const { caseId, outcome, rationale } = command.data;
  const context = command.context;
  switch (outcome) {
    case 'section_47_first_response':
      return [
        ...decided,
        ...decideOpenSection47Enquiry(
          { type: 'OpenSection47Enquiry', data: { caseId, reasonableCause: rationale }, context },
          after,
        ),
      ];
    case 'section_17_single_assessment':
      return [
        ...decided,
        ...decideOpenSection17Assessment({ type: 'OpenSection17Assessment', data: { caseId }, context }, after),
      ];
    case 'advice_and_close':
      // R27: no further action at the front door closes the contact; it is not a CIN closure.
      return [...decided, ...decideCloseContact(`MASH: advice and information. ${rationale}`, after)];
    default:
      return decided;
  }
}

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  decide: decideCase,
  evolve: evolveCase,
};
