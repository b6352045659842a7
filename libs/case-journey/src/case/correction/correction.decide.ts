import { Command, DomainEvent } from '../../domain/command';
import { NotFound, RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';
import { DISABILITY_CODES, ETHNICITY_CODES, SEXES } from '../../domain/national-codes';
import { REASON_CATEGORIES } from '../change-level-of-need/change-level-of-need.decide';
import { assertLawfulSharingDecision, InformationSharingDecisionRecorded, invalidSharingFields } from '../information-sharing/information-sharing.decide';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CHILD_FIELD_CHECKS: Record<string, (value: unknown) => boolean> = {
  givenName: (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= 100,
  familyName: (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= 100,
  dateOfBirth: (value) => typeof value === 'string' && DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value)),
  expectedDateOfBirth: (value) => typeof value === 'string' && DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value)),
  sex: (value) => (SEXES as readonly unknown[]).includes(value),
  ethnicity: (value) => (ETHNICITY_CODES as readonly unknown[]).includes(value),
  firstLanguage: (value) => typeof value === 'string' && value.length <= 60,
  disabilities: (value) => Array.isArray(value) && value.length > 0 && value.every((code) => (DISABILITY_CODES as readonly unknown[]).includes(code)),
  upn: (value) => typeof value === 'string' && /^[A-Z]\d{11}[A-Z0-9]$/.test(value),
};

/** Corrected child details obey the same codes and formats as when they were first recorded. */
function assertValidChildCorrection(child: unknown): void {
  const invalid =
    typeof child !== 'object' || child === null || Array.isArray(child)
      ? ['child']
      : Object.entries(child).filter(([field, value]) => !CHILD_FIELD_CHECKS[field]?.(value)).map(([field]) => `child.${field}`);
  if (invalid.length) {
    throw new RuleViolation('R22', 'CORRECTION.INVALID_VALUES', `Corrected values are not valid: ${invalid.join(', ')}`, 'Use the national codes and YYYY-MM-DD dates');
  }
}

/**
 * Fields that carry the case's structure rather than what was written: a wrong level is put right
 * by recording the right one (a step), a wrong case or family by recording it on the right one.
 */
const NOT_CORRECTABLE: Record<string, string[]> = {
  CaseOpened: ['caseId', 'familyId', 'writtenFollowUpDueBy'],
  LevelOfNeedAssessed: ['level'],
  SteppedUp: ['from', 'to'],
  SteppedDown: ['from', 'to'],
  BragRatingApplied: ['rating', 'previousRating', 'mashInformationDueBy', 'referralToChildrensSocialCare'],
  MashDecisionRecorded: ['outcome', 'referrerNotificationDueBy'],
  // What the decider saw and the id the sending refers to are facts of the moment, not what was written.
  InformationSharingDecisionRecorded: ['decisionId', 'consentInForce', 'knownAtDecision', 'notRecorded'],
};

export type CorrectEntry = Command<
  'CorrectEntry',
  { caseId: string; correctsEventId: string; correctedValues: Record<string, unknown>; reason: string }
>;
export type EntryCorrected = DomainEvent<
  'EntryCorrected',
  { correctsEventId: string; correctsType: string; originalValues: Record<string, unknown>; correctedValues: Record<string, unknown>; reason: string }
>;

/**
 * R22: nothing recorded is changed; a mistake is corrected by a new event naming the entry it
 * corrects, the corrected values (fields of that entry) and why. The original stays as it was.
 */
export function decideCorrectEntry(command: CorrectEntry, state: CaseState): EntryCorrected[] {
  const { correctsEventId, correctedValues, reason } = command.data;
  const entry = state.entries[correctsEventId];
  if (!entry) throw new NotFound('ENTRY.NOT_FOUND', `Entry ${correctsEventId} is not part of this case`);
  if (entry.type === 'EntryCorrected') {
    throw new RuleViolation('R22', 'CORRECTION.OF_CORRECTION', 'Correct the original entry, not the correction', 'Name the original entry');
  }
  const unknownFields = Object.keys(correctedValues).filter((field) => !(field in entry.data));
  if (Object.keys(correctedValues).length === 0 || unknownFields.length) {
    throw new RuleViolation(
      'R22',
      'CORRECTION.UNKNOWN_FIELDS',
      unknownFields.length ? `A ${entry.type} has no field ${unknownFields.join(', ')}` : 'Say which values are corrected',
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
  if (entry.type === 'CaseOpened' && correctedValues.child !== undefined) assertValidChildCorrection(correctedValues.child);
  if ('reasonCategory' in correctedValues && !(REASON_CATEGORIES as readonly unknown[]).includes(correctedValues.reasonCategory)) {
    throw new RuleViolation('R22', 'CORRECTION.INVALID_VALUES', 'Corrected values are not valid: reasonCategory', `Use one of ${REASON_CATEGORIES.join(', ')}`);
  }
  if (entry.type === 'InformationSharingDecisionRecorded') {
    // R19: a corrected decision obeys the same rules as a decision recorded that way.
    const merged = { ...entry.data, ...correctedValues };
    const invalid = invalidSharingFields(merged);
    if (invalid.length) {
      throw new RuleViolation('R22', 'CORRECTION.INVALID_VALUES', `Corrected values are not valid: ${invalid.join(', ')}`, 'Use the codes of the information-sharing decision');
    }
    const corrected = merged as unknown as InformationSharingDecisionRecorded['data'];
    assertLawfulSharingDecision(corrected, corrected.consentInForce, state.sharingDecisions[corrected.decisionId]?.decidedAt ?? command.context.occurredAt);
  }
  const originalValues = Object.fromEntries(Object.keys(correctedValues).map((field) => [field, entry.data[field]]));
  return [{ type: 'EntryCorrected', schemaVersion: 1, data: { correctsEventId, correctsType: entry.type, originalValues, correctedValues, reason } }];
}
