import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { addWorkingDays } from '../../domain/working-days';
import type { CaseState } from '../case.state';

export const PRIMARY_NEED_CODES = ['N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9'] as const;
export type PrimaryNeedCode = (typeof PRIMARY_NEED_CODES)[number];

/** CIN census assessment factors. */
export const ASSESSMENT_FACTORS = [
  '1A',
  '1B',
  '1C',
  '2A',
  '2B',
  '2C',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '4C',
  '5A',
  '5B',
  '5C',
  '6A',
  '6B',
  '6C',
  '7A',
  '8B',
  '8C',
  '8D',
  '8E',
  '8F',
  '9A',
  '10A',
  '11A',
  '12A',
  '13A',
  '14A',
  '15A',
  '16A',
  '17A',
  '18B',
  '18C',
  '19B',
  '19C',
  '20',
  '21',
  '22A',
  '23A',
  '24A',
] as const;
export type AssessmentFactor = (typeof ASSESSMENT_FACTORS)[number];

export const SECTION_17_OUTCOMES = ['cin_plan', 'step_down_to_early_help', 'no_further_action'] as const;
export type Section17Outcome = (typeof SECTION_17_OUTCOMES)[number];

/** Working Together: a single assessment completes within 45 working days of the referral. */
export const SECTION_17_WORKING_DAYS = 45;

export type OpenSection17Assessment = Command<'OpenSection17Assessment', { caseId: string }>;
export type CompleteSection17Assessment = Command<
  'CompleteSection17Assessment',
  {
    caseId: string;
    primaryNeed: PrimaryNeedCode;
    factors: AssessmentFactor[];
    outcome: Section17Outcome;
    summary: string;
    /** The day a manager authorised the assessment (YYYY-MM-DD); default: the day it is completed. */
    authorisedOn?: string;
    /** Whether the child was seen during the assessment; absent: not recorded. */
    childSeen?: boolean;
  }
>;

/** `referredAt` (when the 45 working days start) was added to schema version 1 as an optional field. */
export type Section17AssessmentOpened = DomainEvent<
  'Section17AssessmentOpened',
  { dueBy: string; referredAt?: string }
>;
/**
 * v2 adds the authorisation date and whether the child was seen (CIN census, Annex A list 4); a
 * v1 completion reads both as null and names them in `notRecorded`, never guessed.
 */
export type Section17AssessmentCompleted = DomainEvent<
  'Section17AssessmentCompleted',
  {
    primaryNeed: PrimaryNeedCode;
    factors: AssessmentFactor[];
    outcome: Section17Outcome;
    summary: string;
    late: boolean;
    authorisedOn: string | null;
    childSeen: boolean | null;
    notRecorded?: ('authorisedOn' | 'childSeen')[];
  }
>;

/** R15: a child in need assessment, with the consent of the parents (and of a competent young person), at specialist. */
export function decideOpenSection17Assessment(
  command: OpenSection17Assessment,
  state: CaseState,
): Section17AssessmentOpened[] {
  if (state.section17) throw new RuleViolation('R15', 'S17.ALREADY_OPEN', 'A section 17 assessment is already open');
  if (state.consents.section_17?.decision !== 'given') {
    throw new RuleViolation(
      'R15',
      'S17.NO_CONSENT',
      'A section 17 assessment is carried out with the consent of the parents or carers',
      'Record section_17 consent (and the young person’s, where Gillick competent); where consent is refused and harm is suspected, consider section 47 (R16)',
    );
  }
  if (state.level !== 'specialist') {
    throw new RuleViolation(
      'R15',
      'S17.NOT_SPECIALIST',
      'A section 17 assessment is statutory work at Specialist & safeguarding',
      'Step the case up to specialist first',
    );
  }
  // R28: the 45 working days run from the referral, not from when the assessment is opened.
  const referredAt = state.currentReferralAt ?? command.context.occurredAt;
  return [
    {
      type: 'Section17AssessmentOpened',
      schemaVersion: 1,
      data: { dueBy: addWorkingDays(referredAt, SECTION_17_WORKING_DAYS), referredAt },
    },
  ];
}

export function decideCompleteSection17Assessment(
  command: CompleteSection17Assessment,
  state: CaseState,
): Section17AssessmentCompleted[] {
  if (!state.section17)
    throw new RuleViolation('R15', 'S17.NOT_OPEN', 'There is no open section 17 assessment to complete');
  const { primaryNeed, factors, outcome, summary, childSeen } = command.data;
  const completedOn = command.context.occurredAt.slice(0, 10);
  const authorisedOn = command.data.authorisedOn ?? completedOn;
  // R35: authorised when or after it was opened, and not after it is recorded as completed.
  if (authorisedOn < state.section17.since.slice(0, 10) || authorisedOn > completedOn) {
    throw new RuleViolation(
      'R35',
      'S17.AUTHORISED_OUT_OF_ORDER',
      `The authorisation date ${authorisedOn} is not between the assessment's start and its completion`,
      `Give authorisedOn from ${state.section17.since.slice(0, 10)} to ${completedOn}`,
    );
  }
  return [
    {
      type: 'Section17AssessmentCompleted',
      schemaVersion: 2,
      data: {
        primaryNeed,
        factors,
        outcome,
        summary,
        late: Date.parse(command.context.occurredAt) > Date.parse(state.section17.dueBy),
        authorisedOn,
        childSeen: childSeen ?? null,
        ...(childSeen === undefined && { notRecorded: ['childSeen' as const] }),
      },
    },
  ];
}
