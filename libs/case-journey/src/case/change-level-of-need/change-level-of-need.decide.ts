import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { compareLevels, LEVEL_LABELS, LevelOfNeed } from '../../domain/levels-of-need';
import { CaseState, openStatutoryEpisodes } from '../case.state';
import { referralIfNew, ReferralRecorded } from '../referral/referral.decide';

export const CONSENT_EXCEPTIONS = ['risk_of_significant_harm', 'prejudice_crime_detection'] as const;
export type ConsentException = (typeof CONSENT_EXCEPTIONS)[number];

/**
 * Why a level changed, in a category managers can count (the free-text reason says the rest).
 * From the seeds' continuum (000 and 004, "step up" / "step down"): needs escalating or a risk of
 * significant harm take a child up; interventions having impact, or statutory work ending while
 * early help continues (R21), bring them down; new information or a family that disengages can do
 * either. Events recorded before categories existed have none; reports show them as `not_recorded`.
 */
export const REASON_CATEGORIES = [
  'needs_escalated',
  'risk_of_significant_harm',
  'new_information',
  'family_disengaged',
  'needs_met',
  'statutory_work_ended',
  'other',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

/** What a move to Specialist & safeguarding rests on (R6, R7, R8). */
export interface SpecialistBasis {
  /** R6: what early help did, achieved and left outstanding. */
  earlyHelpSummary?: string;
  /** R6/R8: an immediate risk of significant harm, with its justification. */
  immediateRisk?: { justification: string };
  /** R7: the parents were told of the referral. */
  parentsInformed?: boolean;
  /** R7: why the parents were not told (informing them would put someone at risk, or prejudice a crime enquiry). */
  consentException?: { reason: ConsentException; justification: string };
  /** R8: the intention to refer was discussed with the parent (or competent young person). */
  intentionDiscussedWithParent?: boolean;
}

export type ChangeLevelOfNeed = Command<
  'ChangeLevelOfNeed',
  SpecialistBasis & {
    caseId: string;
    level: LevelOfNeed;
    reason: string;
    reasonCategory?: ReasonCategory;
    /** Step down: what changed (defaults to the reason). */
    whatChanged?: string;
    /** Read from the family's stream by the handler for a move to Specialist (the only move R6 asks it for): has the family ever had an EHA? */
    familyHasEarlyHelpAssessment: boolean;
  }
>;

/** `reasonCategory` was added to schema version 1 as an optional field: older events simply lack it. */
export type LevelOfNeedAssessed = DomainEvent<
  'LevelOfNeedAssessed',
  { level: LevelOfNeed; reason: string; reasonCategory?: ReasonCategory; basis?: SpecialistBasis }
>;
export type SteppedUp = DomainEvent<
  'SteppedUp',
  { from: LevelOfNeed; to: LevelOfNeed; reason: string; reasonCategory?: ReasonCategory; basis?: SpecialistBasis }
>;
export type SteppedDown = DomainEvent<
  'SteppedDown',
  { from: LevelOfNeed; to: LevelOfNeed; reason: string; reasonCategory?: ReasonCategory; whatChanged: string }
>;

export type LevelOfNeedChanged = LevelOfNeedAssessed | SteppedUp | SteppedDown;

/** The first assessment sets the level; after that a move up is a step up, a move down a step down. */
export function decideChangeLevelOfNeed(
  command: ChangeLevelOfNeed,
  state: CaseState,
): (LevelOfNeedChanged | ReferralRecorded)[] {
  const { level, reason, reasonCategory } = command.data;
  const category = reasonCategory && { reasonCategory };
  const basis =
    level === 'specialist' && state.level !== 'specialist' ? checkSpecialistBasis(command, state) : undefined;
  // R28: a move to specialist is a referral to Children's Social Care.
  const referral = basis ? referralIfNew(state, command.context.occurredAt, 'move_to_specialist') : [];
  if (state.level === null) {
    return [
      { type: 'LevelOfNeedAssessed', schemaVersion: 1, data: { level, reason, ...category, ...(basis && { basis }) } },
      ...referral,
    ];
  }
  const direction = compareLevels(level, state.level);
  if (direction === 0) {
    throw new RuleViolation(
      undefined,
      'LEVEL_OF_NEED.UNCHANGED',
      `The case is already at ${LEVEL_LABELS[level]}`,
      'Choose a different level to step up or down, or record the review without changing the level',
      { level },
    );
  }
  const statutory = openStatutoryEpisodes(state);
  // R23: statutory episodes are work at Specialist & safeguarding; the level stays there until they end.
  if (direction < 0 && statutory.length) {
    throw new RuleViolation(
      'R23',
      'LEVEL_OF_NEED.STATUTORY_WORK_OPEN',
      `The case has ${statutory.join(' and ')}: it stays at Specialist & safeguarding until that ends`,
      'End or conclude the statutory work first, then step down',
      { open: statutory },
    );
  }
  if (direction > 0) {
    return [
      {
        type: 'SteppedUp',
        schemaVersion: 1,
        data: { from: state.level, to: level, reason, ...category, ...(basis && { basis }) },
      },
      ...referral,
    ];
  }
  return [
    {
      type: 'SteppedDown',
      schemaVersion: 1,
      data: { from: state.level, to: level, reason, ...category, whatChanged: command.data.whatChanged ?? reason },
    },
  ];
}

/** A move to Specialist & safeguarding is a referral to Children's Social Care. */
function checkSpecialistBasis(command: ChangeLevelOfNeed, state: CaseState): SpecialistBasis {
  const {
    earlyHelpSummary,
    immediateRisk,
    parentsInformed,
    consentException,
    intentionDiscussedWithParent,
    familyHasEarlyHelpAssessment,
  } = command.data;
  const hasImmediateRisk = Boolean(immediateRisk?.justification?.trim());
  const exceptionRecorded = Boolean(consentException?.justification?.trim());
  // R8 before R6: after refused early help the question is the risk, not whether early help was offered.
  if (state.consents.early_help?.decision === 'refused') {
    if (!hasImmediateRisk) {
      throw new RuleViolation(
        'R8',
        'REFERRAL.REFUSAL_ALONE',
        'Early help was refused; refusal alone is not a reason to refer: a risk of significant harm must be recorded',
        'Record immediateRisk with its justification',
      );
    }
    if (!intentionDiscussedWithParent && !exceptionRecorded) {
      throw new RuleViolation(
        'R8',
        'REFERRAL.NOT_DISCUSSED',
        'The intention to refer must be discussed with the parent (or the competent young person) first',
        'Set intentionDiscussedWithParent, or record consentException if discussing it would put the child at risk',
      );
    }
  }
  // R6: early help first, unless there is an immediate risk of significant harm.
  if (!hasImmediateRisk && !(familyHasEarlyHelpAssessment && earlyHelpSummary?.trim())) {
    throw new RuleViolation(
      'R6',
      'REFERRAL.NO_EARLY_HELP',
      familyHasEarlyHelpAssessment
        ? 'A step up to Specialist needs a summary of the early help: what was done, achieved and is outstanding'
        : 'The family has had no Early Help Assessment: a step up to Specialist needs one, or a recorded immediate risk of significant harm',
      familyHasEarlyHelpAssessment
        ? 'Add earlyHelpSummary'
        : 'Offer early help first, or record immediateRisk with its justification',
    );
  }
  // R7: consent to the referral, or the parents informed, or the recorded exception.
  const consentGiven = state.consents.csc_referral?.decision === 'given';
  if (!consentGiven && !parentsInformed && !exceptionRecorded) {
    throw new RuleViolation(
      'R7',
      'REFERRAL.PARENTS_NOT_INFORMED',
      'A referral to Children’s Social Care needs consent, or the parents informed, or a recorded reason for not informing them',
      'Record csc_referral consent, set parentsInformed, or give consentException with its justification',
    );
  }
  return {
    ...(earlyHelpSummary && { earlyHelpSummary }),
    ...(immediateRisk && { immediateRisk }),
    ...(parentsInformed !== undefined && { parentsInformed }),
    ...(consentException && { consentException }),
    ...(intentionDiscussedWithParent !== undefined && { intentionDiscussedWithParent }),
  };
}
