import { Command, DomainEvent } from '../../domain/command';
import { NotFound, RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';
import { DISABILITY_CODES, ETHNICITY_CODES, SEXES } from '../../domain/national-codes';
import { LEVELS_OF_NEED, LevelOfNeed } from '../../domain/levels-of-need';
import { REASON_CATEGORIES } from '../change-level-of-need/change-level-of-need.decide';
import { ABUSE_CATEGORIES } from '../child-protection-plan/child-protection-plan.decide';
import { ASSESSMENT_FACTORS, PRIMARY_NEED_CODES } from '../section-17/section-17.decide';
import { CONSENT_GIVERS, CONSENT_SCOPES } from '../consent/consent.decide';
import {
  assertLawfulSharingDecision,
  InformationSharingDecisionRecorded,
  invalidSharingFields,
} from '../information-sharing/information-sharing.decide';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CHILD_FIELD_CHECKS: Record<string, (value: unknown) => boolean> = {
  givenName: (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= 100,
  familyName: (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= 100,
  dateOfBirth: (value) => typeof value === 'string' && DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value)),
  expectedDateOfBirth: (value) =>
    typeof value === 'string' && DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value)),
  sex: (value) => (SEXES as readonly unknown[]).includes(value),
  ethnicity: (value) => (ETHNICITY_CODES as readonly unknown[]).includes(value),
  firstLanguage: (value) => typeof value === 'string' && value.length <= 60,
  disabilities: (value) =>
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((code) => (DISABILITY_CODES as readonly unknown[]).includes(code)),
  upn: (value) => typeof value === 'string' && /^[A-Z]\d{11}[A-Z0-9]$/.test(value),
};

/** Corrected child details obey the same codes and formats as when they were first recorded. */
function assertValidChildCorrection(child: unknown): void {
  const invalid =
    typeof child !== 'object' || child === null || Array.isArray(child)
      ? ['child']
      : Object.entries(child)
          .filter(([field, value]) => !CHILD_FIELD_CHECKS[field]?.(value))
          .map(([field]) => `child.${field}`);
  if (invalid.length) {
    throw new RuleViolation(
      'R22',
      'CORRECTION.INVALID_VALUES',
      `Corrected values are not valid: ${invalid.join(', ')}`,
      'Use the national codes and YYYY-MM-DD dates',
    );
  }
}

/**
 * Fields that carry the case's structure rather than what was written: a wrong case or family is
 * put right by recording it on the right one; worked-out due times follow from what they count from.
 * A level is corrected through `level` (an assessment) or `to` (a step) (R36); `from` is the level before.
 */
const NOT_CORRECTABLE: Record<string, string[]> = {
  CaseOpened: ['caseId', 'familyId', 'writtenFollowUpDueBy', 'riskDecisionDueBy'],
  SteppedUp: ['from'],
  SteppedDown: ['from'],
  BragRatingApplied: ['rating', 'previousRating', 'mashInformationDueBy', 'referralToChildrensSocialCare'],
  MashDecisionRecorded: ['outcome', 'referrerNotificationDueBy'],
  ReferralRecorded: ['route', 'previousReferralAt', 'reReferral'],
  CaseReopened: ['closedAt', 'reReferral', 'notRecorded'],
  // A field once not recorded is put right by correcting it; the list says what the entry itself lacked.
  Section17AssessmentCompleted: ['notRecorded'],
  ChildProtectionPlanStarted: ['notRecorded'],
  // What the decider saw and the id the sending refers to are facts of the moment, not what was written.
  InformationSharingDecisionRecorded: ['decisionId', 'consentInForce', 'knownAtDecision', 'notRecorded'],
};

/** Coded fields are checked against their codes, as the command that recorded them was (R22). */
const CODED_FIELDS: Record<string, readonly unknown[]> = {
  reasonCategory: REASON_CATEGORIES,
  level: LEVELS_OF_NEED,
  to: LEVELS_OF_NEED,
  category: ABUSE_CATEGORIES,
  primaryNeed: PRIMARY_NEED_CODES,
  scope: CONSENT_SCOPES,
  givenBy: CONSENT_GIVERS,
};

/** The JSON shape of a value: a corrected value keeps the shape of the original (a basis stays an object of the same kind). */
function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function invalidCorrections(entry: CorrectedEntry, corrected: Record<string, unknown>): string[] {
  return Object.entries(corrected).flatMap(([field, value]) => {
    const original = entry.data[field];
    if (field === 'child' && entry.type === 'CaseOpened') return [];
    if (CODED_FIELDS[field] && !CODED_FIELDS[field].includes(value)) return [field];
    if (field === 'factors')
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((code) => (ASSESSMENT_FACTORS as readonly unknown[]).includes(code))
        ? []
        : [field];
    if (original !== null && original !== undefined && shapeOf(value) !== shapeOf(original)) return [field];
    if (typeof value === 'string' && typeof original === 'string' && original.trim() && !value.trim()) return [field];
    if (shapeOf(value) === 'object' && shapeOf(original) === 'object') {
      // An object (a basis, a referrer) is corrected with fields it can have, each of the same shape.
      const fields = original as Record<string, unknown>;
      const wrong = Object.entries(value as Record<string, unknown>).filter(
        ([key, inner]) => key in fields && shapeOf(inner) !== shapeOf(fields[key]),
      );
      const basisKeys = [
        'earlyHelpSummary',
        'immediateRisk',
        'parentsInformed',
        'consentException',
        'intentionDiscussedWithParent',
      ];
      const unknownKeys =
        field === 'basis' ? Object.keys(value as object).filter((key) => !basisKeys.includes(key)) : [];
      return wrong.length || unknownKeys.length ? [field] : [];
    }
    return [];
  });
}

/**
 * R36: a level is corrected on the latest level entry only (the later steps start from it), and
 * not across the threshold of a referral to Children's Social Care (R6-R8, R28), which is put right
 * by a step with its basis. A step corrected to the level it started from never happened.
 */
function checkLevelCorrection(command: CorrectEntry, state: CaseState, entry: CorrectedEntry): void {
  const field = entry.type === 'LevelOfNeedAssessed' ? 'level' : 'to';
  const corrected = command.data.correctedValues[field] as LevelOfNeed;
  const original = entry.data[field] as LevelOfNeed;
  if (state.latestLevelEntryId !== command.data.correctsEventId) {
    throw new RuleViolation(
      'R36',
      'CORRECTION.NOT_LATEST_LEVEL',
      'Only the latest level of need can be corrected: later steps started from this one',
      'Record a step to the right level instead',
    );
  }
  if ((corrected === 'specialist') !== (original === 'specialist')) {
    throw new RuleViolation(
      'R36',
      'CORRECTION.ACROSS_REFERRAL',
      'A correction cannot move the level into or out of Specialist & safeguarding: that is a referral (or its end), recorded as a step with its basis',
      'Record a step up (with its basis, R6-R8) or a step down instead',
    );
  }
}

/** An entry of the case as recorded: what a correction is checked against. */
export interface CorrectedEntry {
  type: string;
  data: Record<string, unknown>;
}

/** What is asked: the entry to correct, the corrected values and why. */
export type CorrectEntryRequested = Command<
  'CorrectEntry',
  { caseId: string; correctsEventId: string; correctedValues: Record<string, unknown>; reason: string }
>;

/**
 * The command decided on: what is asked, with the entry it names as the handler read it from the
 * case's stream (absent when the stream has no such event).
 */
export type CorrectEntry = Command<'CorrectEntry', CorrectEntryRequested['data'] & { entry?: CorrectedEntry }>;
export type EntryCorrected = DomainEvent<
  'EntryCorrected',
  {
    correctsEventId: string;
    correctsType: string;
    originalValues: Record<string, unknown>;
    correctedValues: Record<string, unknown>;
    reason: string;
  }
>;

/**
 * R22: nothing recorded is changed; a mistake is corrected by a new event naming the entry it
 * corrects, the corrected values (fields of that entry) and why. The original stays as it was.
 */
export function decideCorrectEntry(command: CorrectEntry, state: CaseState): EntryCorrected[] {
  const { correctsEventId, correctedValues, reason, entry } = command.data;
  if (!state.entryTypes[correctsEventId] || !entry || entry.type !== state.entryTypes[correctsEventId]) {
    throw new NotFound('ENTRY.NOT_FOUND', `Entry ${correctsEventId} is not part of this case`);
  }
  if (entry.type === 'EntryCorrected') {
    throw new RuleViolation(
      'R22',
      'CORRECTION.OF_CORRECTION',
      'Correct the original entry, not the correction',
      'Name the original entry',
    );
  }
  const unknownFields = Object.keys(correctedValues).filter((field) => !(field in entry.data));
  if (Object.keys(correctedValues).length === 0 || unknownFields.length) {
    throw new RuleViolation(
      'R22',
      'CORRECTION.UNKNOWN_FIELDS',
      unknownFields.length
        ? `A ${entry.type} has no field ${unknownFields.join(', ')}`
        : 'Say which values are corrected',
      `Correct fields of the entry: ${Object.keys(entry.data).join(', ')}`,
    );
  }
  const structural = Object.keys(correctedValues).filter((field) => NOT_CORRECTABLE[entry.type]?.includes(field));
  if (structural.length) {
    throw new RuleViolation(
      'R22',
      'CORRECTION.STRUCTURAL_FIELD',
      `${structural.join(', ')} of a ${entry.type} cannot be corrected in place`,
      'Record what is right as a new step (e.g. step up or down), with the reason',
    );
  }
  if (entry.type === 'CaseOpened' && correctedValues.child !== undefined)
    assertValidChildCorrection(correctedValues.child);
  // R22: validated as the command that recorded the entry was.
  const invalid = invalidCorrections(entry, correctedValues);
  if (invalid.length) {
    throw new RuleViolation(
      'R22',
      'CORRECTION.INVALID_VALUES',
      `Corrected values are not valid: ${invalid.join(', ')}`,
      invalid
        .map((field) =>
          CODED_FIELDS[field]
            ? `${field}: one of ${CODED_FIELDS[field].join(', ')}`
            : `${field}: the same kind of value as recorded`,
        )
        .join('; '),
    );
  }
  const levelField =
    entry.type === 'LevelOfNeedAssessed'
      ? 'level'
      : entry.type === 'SteppedUp' || entry.type === 'SteppedDown'
        ? 'to'
        : null;
  if (levelField && levelField in correctedValues) checkLevelCorrection(command, state, entry);
  if (entry.type === 'InformationSharingDecisionRecorded') {
    // R19: a corrected decision obeys the same rules as a decision recorded that way.
    const merged = { ...entry.data, ...correctedValues };
    const invalid = invalidSharingFields(merged);
    if (invalid.length) {
      throw new RuleViolation(
        'R22',
        'CORRECTION.INVALID_VALUES',
        `Corrected values are not valid: ${invalid.join(', ')}`,
        'Use the codes of the information-sharing decision',
      );
    }
    const corrected = merged as unknown as InformationSharingDecisionRecorded['data'];
    assertLawfulSharingDecision(
      corrected,
      corrected.consentInForce,
      state.sharingDecisions[corrected.decisionId]?.decidedAt ?? command.context.occurredAt,
    );
  }
  const originalValues = Object.fromEntries(Object.keys(correctedValues).map((field) => [field, entry.data[field]]));
  return [
    {
      type: 'EntryCorrected',
      schemaVersion: 1,
      data: { correctsEventId, correctsType: entry.type, originalValues, correctedValues, reason },
    },
  ];
}
