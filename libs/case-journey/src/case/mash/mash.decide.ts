import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { addHours, endOfNextWorkingDay } from '../../domain/working-days';
import type { CaseState } from '../case.state';
import { referralIfNew, ReferralRecorded } from '../referral/referral.decide';

export const BRAG_RATINGS = ['blue', 'green', 'amber', 'red'] as const;
export type BragRating = (typeof BRAG_RATINGS)[number];

/** R11: hours the MASH has to gather information, by rating; Blue needs no MASH response. */
export const MASH_INFORMATION_HOURS: Record<BragRating, number | null> = { red: 4, amber: 6, green: 24, blue: null };

export type ApplyBragRating = Command<'ApplyBragRating', { caseId: string; rating: BragRating; rationale: string }>;

export type BragRatingApplied = DomainEvent<
  'BragRatingApplied',
  {
    rating: BragRating;
    previousRating: BragRating | null;
    rationale: string;
    /** When MASH information is due (R11), counted from when the rating was applied. */
    mashInformationDueBy: string | null;
    /** Red or Amber: the contact has met the threshold for a referral to Children's Social Care. */
    referralToChildrensSocialCare: boolean;
  }
>;

/** R11: the MASH manager rates the contact; the rating may change as information comes to light. */
export function decideApplyBragRating(command: ApplyBragRating, state: CaseState): BragRatingApplied[] {
  const { rating, rationale } = command.data;
  if (state.bragRating === rating) {
    throw new RuleViolation(
      'R11',
      'MASH.RATING_UNCHANGED',
      `The contact is already rated ${rating}`,
      'Record a different rating, with its rationale',
    );
  }
  const hours = MASH_INFORMATION_HOURS[rating];
  return [
    {
      type: 'BragRatingApplied',
      schemaVersion: 1,
      data: {
        rating,
        previousRating: state.bragRating,
        rationale,
        mashInformationDueBy: hours === null ? null : addHours(command.context.occurredAt, hours),
        referralToChildrensSocialCare: rating === 'red' || rating === 'amber',
      },
    },
  ];
}

/** R12: where the MASH passes the contact. */
export const MASH_OUTCOMES = [
  'section_47_first_response',
  'section_17_single_assessment',
  'early_help_hub',
  'specific_provision',
  'advice_and_close',
] as const;
export type MashOutcome = (typeof MASH_OUTCOMES)[number];

export type RecordWrittenFollowUp = Command<'RecordWrittenFollowUp', { caseId: string }>;
export type WrittenFollowUpReceived = DomainEvent<'WrittenFollowUpReceived', { dueBy: string; late: boolean }>;

export type RecordMashDecision = Command<
  'RecordMashDecision',
  { caseId: string; outcome: MashOutcome; rationale: string; provisionName?: string }
>;
export type MashDecisionRecorded = DomainEvent<
  'MashDecisionRecorded',
  { outcome: MashOutcome; rationale: string; provisionName: string | null; referrerNotificationDueBy: string }
>;

export type RecordReferrerNotified = Command<'RecordReferrerNotified', { caseId: string; how: string }>;
export type ReferrerNotified = DomainEvent<'ReferrerNotified', { how: string; dueBy: string; late: boolean }>;

/** R10: a telephone contact is followed up in writing within 24 hours of the call. */
export function decideRecordWrittenFollowUp(
  command: RecordWrittenFollowUp,
  state: CaseState,
): WrittenFollowUpReceived[] {
  if (!state.writtenFollowUp) {
    throw new RuleViolation(
      'R10',
      'CONTACT.NOT_BY_TELEPHONE',
      'Only a contact made by telephone needs a written follow-up',
    );
  }
  if (state.writtenFollowUp.receivedAt) {
    throw new RuleViolation('R10', 'CONTACT.FOLLOW_UP_RECORDED', 'The written follow-up has already been recorded');
  }
  const { dueBy } = state.writtenFollowUp;
  return [
    {
      type: 'WrittenFollowUpReceived',
      schemaVersion: 1,
      data: { dueBy, late: Date.parse(command.context.occurredAt) > Date.parse(dueBy) },
    },
  ];
}

/** R12: the MASH decision, after a BRAG rating (R11); the referrer is to hear of it within one working day (R13). */
export function decideRecordMashDecision(
  command: RecordMashDecision,
  state: CaseState,
): (MashDecisionRecorded | ReferralRecorded)[] {
  if (!state.bragRating) {
    throw new RuleViolation(
      'R12',
      'MASH.NOT_RATED',
      'The MASH decides on a contact after rating it',
      'Apply the BRAG rating first (R11)',
    );
  }
  if (state.mashDecision) {
    throw new RuleViolation(
      'R12',
      'MASH.ALREADY_DECIDED',
      `The MASH decision is already recorded (${state.mashDecision.replace(/_/g, ' ')})`,
    );
  }
  const { outcome, rationale, provisionName } = command.data;
  if (outcome === 'specific_provision' && !provisionName?.trim()) {
    throw new RuleViolation(
      'R12',
      'MASH.PROVISION_UNNAMED',
      'Passing to a specific provision needs its name',
      'Add provisionName',
    );
  }
  // R11: a Green contact goes to the Early Help Hub with the family's consent to early help.
  if (outcome === 'early_help_hub' && state.consents.early_help?.decision !== 'given') {
    throw new RuleViolation(
      'R11',
      'MASH.EARLY_HELP_WITHOUT_CONSENT',
      'Passing to the Early Help Hub needs the family’s consent to early help',
      'Record early_help consent first; without it, consider Keep in Touch (R5) or, where there is a risk of significant harm, a referral',
    );
  }
  return [
    {
      type: 'MashDecisionRecorded',
      schemaVersion: 1,
      data: {
        outcome,
        rationale,
        provisionName: outcome === 'specific_provision' ? provisionName! : null,
        referrerNotificationDueBy: endOfNextWorkingDay(command.context.occurredAt),
      },
    },
    // R28: passing the contact for a section 47 enquiry or a section 17 assessment makes it a referral.
    ...(outcome === 'section_47_first_response' || outcome === 'section_17_single_assessment'
      ? referralIfNew(state, command.context.occurredAt, 'mash_decision')
      : []),
  ];
}

/** R13: the referrer is told the outcome within one working day of the decision: by the end of the next working day. */
export function decideRecordReferrerNotified(command: RecordReferrerNotified, state: CaseState): ReferrerNotified[] {
  if (!state.referrerNotificationDueBy) {
    throw new RuleViolation(
      'R13',
      'MASH.NO_DECISION',
      'The referrer is notified of the MASH decision: record the decision first',
    );
  }
  if (state.referrerNotified)
    throw new RuleViolation('R13', 'MASH.REFERRER_ALREADY_NOTIFIED', 'The referrer has already been notified');
  const dueBy = state.referrerNotificationDueBy;
  return [
    {
      type: 'ReferrerNotified',
      schemaVersion: 1,
      data: { how: command.data.how, dueBy, late: Date.parse(command.context.occurredAt) > Date.parse(dueBy) },
    },
  ];
}
