import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { ErrorCode } from '../../domain/error-codes';
import { CaseState, openStatutoryEpisodes } from '../case.state';
import { ageOn } from '../section-20/section-20.decide';
import { isReReferral } from '../../domain/calendar-months';
import type { ReferralSource } from '../../domain/national-codes';

/** CIN census reason for closure. */
export const CLOSURE_REASONS = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** What each reason means, in the CIN census's own words (ReasonForClosure). */
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
};

/** Court orders that end a CIN episode: the closure names the order's court reference (R26). */
export const BY_COURT_ORDER: readonly ClosureReason[] = ['RC1', 'RC3', 'RC4'];

export type CloseCase = Command<
  'CloseCase',
  {
    caseId: string;
    reason: ClosureReason;
    summary: string;
    /** RC2: the date the child died (YYYY-MM-DD). */
    dateOfDeath?: string;
    /** RC1, RC3, RC4: the court reference of the order. */
    courtReference?: string;
  }
>;
export type ReopenCase = Command<
  'ReopenCase',
  {
    caseId: string;
    reason: string;
    /** Who made the new contact (CIN census referral source). */
    source?: ReferralSource;
    /** Read by the handler from the child's other cases: one that is open now (R40), if any. */
    childOpenCaseId?: string | null;
  }
>;

/** `dateOfDeath` and `courtReference` were added to schema version 1 as optional fields: older closures lack them. */
export type CaseClosed = DomainEvent<
  'CaseClosed',
  { reason: ClosureReason; summary: string; dateOfDeath?: string; courtReference?: string }
>;
/** R27: the front door closed the contact with no further action; it never became a CIN episode. */
export type ContactClosed = DomainEvent<'ContactClosed', { outcome: 'no_further_action'; summary: string }>;
/**
 * v2 adds the new contact's `source` (the CIN census referral source of the episode it may start);
 * null when the reopening did not say, and for a v1 reopening, which names it in `notRecorded`.
 */
export type CaseReopened = DomainEvent<
  'CaseReopened',
  { reason: string; closedAt: string; reReferral: boolean; source: ReferralSource | null; notRecorded?: 'source'[] }
>;

/** R21: closure records a reason; R25: open statutory work ends first; R26: the reason fits the case. */
export function decideCloseCase(command: CloseCase, state: CaseState): CaseClosed[] {
  const open = openStatutoryEpisodes(state);
  if (open.length) {
    throw new RuleViolation(
      'R25',
      'CASE.OPEN_WORK',
      `The case still has ${open.join(' and ')}`,
      'Conclude or end it before closing the case',
    );
  }
  const { reason, summary, dateOfDeath, courtReference } = command.data;
  checkClosureReason(command, state);
  return [
    {
      type: 'CaseClosed',
      schemaVersion: 1,
      data: {
        reason,
        summary,
        ...(reason === 'RC2' && { dateOfDeath }),
        ...(BY_COURT_ORDER.includes(reason) && { courtReference }),
      },
    },
  ];
}

/** R26: a CIN closure reason says something about the case; it must be true of it. */
function checkClosureReason(command: CloseCase, state: CaseState): void {
  const { reason, dateOfDeath, courtReference } = command.data;
  const refuse = (code: ErrorCode, message: string, howToResolve: string) => {
    throw new RuleViolation('R26', code, message, howToResolve, { reason });
  };
  if (reason === 'RC2') {
    if (!dateOfDeath) refuse('CLOSURE.NO_DATE_OF_DEATH', 'RC2 (died) needs the date of death', 'Add dateOfDeath');
    const born = state.child?.dateOfBirth;
    if (born && dateOfDeath! < born)
      refuse('CLOSURE.DEATH_BEFORE_BIRTH', 'The date of death is before the date of birth', 'Check dateOfDeath');
    if (dateOfDeath! > command.context.occurredAt.slice(0, 10))
      refuse('CLOSURE.DEATH_AFTER_CLOSURE', 'The date of death is after the closure', 'Check dateOfDeath');
  }
  if (BY_COURT_ORDER.includes(reason) && !courtReference?.trim()) {
    refuse(
      'CLOSURE.NO_COURT_ORDER',
      `${reason} closes the case on a court order: give its court reference`,
      'Add courtReference',
    );
  }
  if (reason === 'RC1' && !state.careOrderMade) {
    refuse(
      'CLOSURE.NOT_LOOKED_AFTER',
      'RC1 (adopted): adoption follows a care order, and none was made on this case',
      'Choose the reason that applies',
    );
  }
  if (reason === 'RC6') {
    const born = state.child?.dateOfBirth;
    if (!born || ageOn(born, command.context.occurredAt) < 17) {
      refuse(
        'CLOSURE.NOT_NEAR_ADULTHOOD',
        'RC6 (transferred to adult services) is for a young person of 17 or over',
        'Choose the reason that applies',
      );
    }
  }
  if ((reason === 'RC8' || reason === 'RC9') && !state.assessmentCompletedAt) {
    refuse(
      'CLOSURE.NO_ASSESSMENT',
      `${reason} is a closure after assessment, and no section 17 assessment was completed since the case was opened`,
      'Complete the assessment first, or choose the reason that applies (RC7: services ceased)',
    );
  }
}

/** R27: no further action at the front door closes the contact (the MASH's "advice and close"). */
export function decideCloseContact(summary: string, state: CaseState): ContactClosed[] {
  const open = openStatutoryEpisodes(state);
  if (open.length) {
    throw new RuleViolation(
      'R25',
      'CASE.OPEN_WORK',
      `The case still has ${open.join(' and ')}`,
      'Conclude or end it before closing the contact',
    );
  }
  return [{ type: 'ContactClosed', schemaVersion: 1, data: { outcome: 'no_further_action', summary } }];
}

/**
 * R21/R28: a new contact reopens the case. `reReferral` says, by the one DfE definition, whether it
 * comes within 12 months of a previous referral of the child (events recorded before that
 * definition was used counted from the closure); the contact counts as a referral only when a
 * MASH decision or a move to specialist makes it one (`ReferralRecorded`).
 */
export function decideReopenCase(command: ReopenCase, state: CaseState): CaseReopened[] {
  if (state.status !== 'closed' || !state.closedAt) {
    throw new RuleViolation('R21', 'CASE.NOT_CLOSED', 'The case is open; only a closed case can be reopened');
  }
  const open = command.data.childOpenCaseId;
  if (open) {
    throw new RuleViolation(
      'R40',
      'CHILD.CASE_ALREADY_OPEN',
      `The child already has an open case (${open}): one open case per child`,
      `Record the new contact on case ${open}`,
      {
        openCaseId: open,
      },
    );
  }
  const reReferral = isReReferral(state.referrals, command.context.occurredAt);
  const source = command.data.source ?? null;
  return [
    {
      type: 'CaseReopened',
      schemaVersion: 2,
      data: {
        reason: command.data.reason,
        closedAt: state.closedAt,
        reReferral,
        source,
        ...(source === null && { notRecorded: ['source' as const] }),
      },
    },
  ];
}
