import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

export const SECTION_20_ENDINGS = [
  'returned_home',
  'removed_by_person_with_parental_responsibility',
  'young_person_left',
  'care_order_made',
  'other',
] as const;
export type Section20Ending = (typeof SECTION_20_ENDINGS)[number];

export type StartSection20Accommodation = Command<'StartSection20Accommodation', { caseId: string; placement: string }>;
export type EndSection20Accommodation = Command<
  'EndSection20Accommodation',
  { caseId: string; ending: Section20Ending; notes?: string }
>;

export type Section20AccommodationStarted = DomainEvent<
  'Section20AccommodationStarted',
  {
    placement: string;
    consentGivenBy: 'person_with_parental_responsibility' | 'young_person';
    ageAtStart: number | null;
  }
>;
export type Section20AccommodationEnded = DomainEvent<
  'Section20AccommodationEnded',
  { ending: Section20Ending; notes: string | null }
>;

/** Whole years between a date of birth (YYYY-MM-DD) and a moment. */
export function ageOn(dateOfBirth: string, moment: string): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  const at = new Date(moment);
  let age = at.getUTCFullYear() - year;
  if (at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day)) age--;
  return age;
}

/**
 * R17: accommodation under s20 needs the consent of a person with parental responsibility,
 * unless the young person is 16 or 17 (on the day), when their own consent suffices.
 */
export function decideStartSection20Accommodation(
  command: StartSection20Accommodation,
  state: CaseState,
): Section20AccommodationStarted[] {
  if (state.section20Since)
    throw new RuleViolation('R17', 'S20.ALREADY_ACCOMMODATED', 'The child is already accommodated under section 20');
  const consent = state.consents.section_20;
  const dateOfBirth = state.child?.dateOfBirth;
  const age = dateOfBirth ? ageOn(dateOfBirth, command.context.occurredAt) : null;
  const byParentalResponsibility =
    consent?.decision === 'given' &&
    (consent.givenBy === 'person_with_parental_responsibility' || consent.givenBy === 'parent_carer');
  const byYoungPerson =
    consent?.decision === 'given' && consent.givenBy === 'young_person' && age !== null && age >= 16 && age <= 17;
  if (!byParentalResponsibility && !byYoungPerson) {
    throw new RuleViolation(
      'R17',
      'S20.NO_CONSENT',
      consent?.givenBy === 'young_person' && consent.decision === 'given'
        ? `The young person is ${age ?? 'of unknown age'}: only a 16 or 17 year old’s own consent suffices`
        : 'Section 20 accommodation needs the consent of a person with parental responsibility',
      'Record section_20 consent by a person with parental responsibility (or by the young person, if 16 or 17)',
    );
  }
  return [
    {
      type: 'Section20AccommodationStarted',
      schemaVersion: 1,
      data: {
        placement: command.data.placement,
        consentGivenBy: byParentalResponsibility ? 'person_with_parental_responsibility' : 'young_person',
        ageAtStart: age,
      },
    },
  ];
}

/** R17: a person with parental responsibility may remove the child at any time; a 16/17-year-old may leave. */
export function decideEndSection20Accommodation(
  command: EndSection20Accommodation,
  state: CaseState,
): Section20AccommodationEnded[] {
  if (!state.section20Since)
    throw new RuleViolation('R17', 'S20.NOT_ACCOMMODATED', 'The child is not accommodated under section 20');
  return [
    {
      type: 'Section20AccommodationEnded',
      schemaVersion: 1,
      data: { ending: command.data.ending, notes: command.data.notes ?? null },
    },
  ];
}
